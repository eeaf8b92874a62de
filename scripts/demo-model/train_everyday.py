#!/usr/bin/python3
"""Trains the everyday model (emoji + shapes) in resumable stages: autoencoder, latent cache, text
warm-up, UNet + text encoder. Same networks as the shapes model (models.py), a wider UNet.

Start in the background with train_everyday.sh; re-running resumes from runs-everyday/. Budgets in
seconds: KUMORI_VAE_SECONDS (720), KUMORI_UNET_SECONDS (4500); threads: KUMORI_TRAIN_THREADS (1).
Raising KUMORI_UNET_SECONDS and re-running continues a finished run (the learning rate schedule
follows the new budget).
"""
import copy
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import everyday_scenes as es
import train as shapes_train
from common import setup_threads
from everyday_common import RUNS, UNET_CHANNELS, Vocab, attr_sizes, log, save_atomic
from everyday_unet import EverydayUNet, load_grown
from models import CONTEXT_LEN, Decoder, Encoder, TextEncoder, alphas_cumprod

VAE_SECONDS = float(os.environ.get("KUMORI_VAE_SECONDS", "720"))
UNET_SECONDS = float(os.environ.get("KUMORI_UNET_SECONDS", "4500"))
CHECKPOINT_SECONDS = 240
EXPORT_EVERY_CHECKPOINTS = 3
DATASET_SIZE = 36000
LATENT_NOISE = 0.1
CAPTION_DROPOUT = 0.1
AUX_WEIGHT = 0.3
BATCH, LR, WARMUP = 48, 8e-4, 200


def train_vae():
    final = RUNS / "vae.pt"
    if final.exists():
        return torch.load(final)
    ckpt_path = RUNS / "vae_ckpt.pt"
    enc, dec = Encoder(), Decoder()
    opt = torch.optim.Adam(list(enc.parameters()) + list(dec.parameters()), lr=1e-3)
    step, elapsed = 0, 0.0
    if ckpt_path.exists():
        ckpt = torch.load(ckpt_path)
        enc.load_state_dict(ckpt["enc"]), dec.load_state_dict(ckpt["dec"]), opt.load_state_dict(ckpt["opt"])
        step, elapsed = ckpt["step"], ckpt["elapsed"]
        log(f"vae: resumed at step {step}, {elapsed:.0f}s")
    rng = np.random.default_rng(1000 + step)
    start, last_ckpt, running = time.time() - elapsed, time.time(), None
    while time.time() - start < VAE_SECONDS:
        frac = (time.time() - start) / VAE_SECONDS
        for g in opt.param_groups:
            g["lr"] = 1e-3 * (0.1 if frac > 0.8 else 1.0)
        full = step % 4 == 3
        x, _ = es.render_batch(rng, 16 if full else 32)
        if not full:
            oy, ox = rng.integers(0, 9, size=2) * 8
            x = x[:, :, oy:oy + 64, ox:ox + 64]
        z = enc(x)
        y = dec(z + LATENT_NOISE * z.detach().std() * torch.randn_like(z))
        loss = ((y - x).abs().mean() + 2 * (y - x).pow(2).mean() + shapes_train.edge_loss(y, x)
                + 1e-5 * z.pow(2).mean() + 1e-2 * z.mean(dim=(0, 2, 3)).pow(2).sum())
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 100 == 0:
            el = time.time() - start
            log(f"vae step {step} loss {running:.4f} {step / max(el, 1e-9):.2f} it/s elapsed {el:.0f}s")
        if time.time() - last_ckpt > CHECKPOINT_SECONDS:
            save_atomic({"enc": enc.state_dict(), "dec": dec.state_dict(), "opt": opt.state_dict(),
                         "step": step, "elapsed": time.time() - start}, ckpt_path)
            last_ckpt = time.time()
    result = {"enc": enc.state_dict(), "dec": dec.state_dict(), "steps": step, "seconds": time.time() - start}
    save_atomic(result, final)
    log(f"vae: done, {step} steps in {time.time() - start:.0f}s")
    return result


def cache_latents(vae):
    path = RUNS / "latents.pt"
    if path.exists():
        return torch.load(path)
    started = time.time()
    enc = Encoder()
    enc.load_state_dict(vae["enc"])
    rng = np.random.default_rng(7)
    zs, attrs = [], []
    with torch.no_grad():
        for _ in range(DATASET_SIZE // 200):
            x, a = es.render_batch(rng, 200)
            zs.append(enc(x))
            attrs += a
    z = torch.cat(zs)
    mean = z.mean(dim=(0, 2, 3))
    scaling = 1.0 / (z - mean.reshape(1, 4, 1, 1)).std().item()
    result = {"z": z, "attrs": attrs, "mean": mean, "scaling": scaling}
    save_atomic(result, path)
    log(f"latents: {len(attrs)} cached in {time.time() - started:.0f}s, mean {mean.tolist()}, scaling {scaling:.4f}")
    return result


def caption_batch(attrs, rng):
    """Captions (10% empty) and per-attribute targets, -100 where the caption does not say it."""
    sizes = attr_sizes()
    texts, targets = [], {k: [] for k in sizes}
    for a in attrs:
        if rng.random() < CAPTION_DROPOUT:
            texts.append("")
            for k in sizes:
                targets[k].append(-100)
            continue
        text, mention = es.random_caption(a, rng)
        texts.append(text)
        for k in sizes:
            targets[k].append(a[k] if mention.get(k, True) else -100)
    return texts, {k: torch.tensor(v) for k, v in targets.items()}


def aux_loss(logits, targets):
    return sum(F.cross_entropy(logits[k], targets[k], ignore_index=-100) for k in logits)


def pretrain_text(text, heads, vocab, seconds=150, batch=128):
    opt = torch.optim.Adam(list(text.parameters()) + list(heads.parameters()), lr=1e-3)
    rng = np.random.default_rng(99)
    start, step = time.time(), 0
    while time.time() - start < seconds:
        texts, targets = caption_batch([es.random_attributes(rng) for _ in range(batch)], rng)
        logits = heads(text(vocab.encode(texts, CONTEXT_LEN))[:, 0])
        loss = aux_loss(logits, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            acc = {k: round(float(((logits[k].argmax(1) == targets[k]) | (targets[k] < 0)).float().mean()), 3)
                   for k in logits}
            log(f"text pretrain step {step} aux {loss.item():.4f} acc {acc}")
            if loss.item() < 0.02:
                break


def ema_update(ema, model, decay):
    with torch.no_grad():
        for e, p in zip(ema.parameters(), model.parameters()):
            e.mul_(decay).add_(p.detach(), alpha=1 - decay)


def new_modules(vocab):
    return EverydayUNet(UNET_CHANNELS, attr_sizes()), TextEncoder(len(vocab.words), vocab.pad)


def train_unet(vae, data):
    from export_everyday import export_all

    vocab = Vocab()
    ckpt_path = RUNS / "unet_ckpt.pt"
    unet, text = new_modules(vocab)
    heads = unet.heads
    params = list(unet.parameters()) + list(text.parameters())
    opt = torch.optim.AdamW(params, lr=LR, weight_decay=0.0)
    ema_unet, ema_text = copy.deepcopy(unet), copy.deepcopy(text)
    step, elapsed, checkpoints, restart_step = 0, 0.0, 0, 0
    if ckpt_path.exists():
        ckpt = torch.load(ckpt_path)
        step, elapsed, checkpoints = ckpt["step"], ckpt["elapsed"], ckpt["checkpoints"]
        grown = ckpt["unet"]["conv_in.weight"].shape != unet.conv_in.weight.shape
        load_grown(unet, ckpt["unet"])
        load_grown(ema_unet, ckpt["ema_unet"])
        text.load_state_dict(ckpt["text"])
        ema_text.load_state_dict(ckpt["ema_text"])
        if "opt" in ckpt and not grown:
            opt.load_state_dict(ckpt["opt"])
        else:  # a slim checkpoint (slim_everyday.py) or one from before the sketch input: fresh optimizer, short warm-up
            restart_step = step
            log(f"unet: fresh optimizer at step {step}{' (sketch input added)' if grown else ''}")
        log(f"unet: resumed at step {step}, {elapsed:.0f}s")
    else:
        pretrain_text(text, heads, vocab)
        ema_text.load_state_dict(text.state_dict())
        ema_unet.heads.load_state_dict(heads.state_dict())
    if elapsed >= UNET_SECONDS:
        return
    z = (data["z"] - data["mean"].reshape(1, 4, 1, 1)) * data["scaling"]
    attrs = data["attrs"]
    ac = torch.tensor(alphas_cumprod(), dtype=torch.float32)
    rng = np.random.default_rng(5000 + step)
    torch.manual_seed(5000 + step)
    start, last_ckpt = time.time() - elapsed, time.time()
    running, log_t, log_step = None, time.time(), step

    def checkpoint(final=False):
        nonlocal checkpoints
        checkpoints += 1
        minutes = (time.time() - start) / 60
        save_atomic({"unet": unet.state_dict(), "text": text.state_dict(), "ema_unet": ema_unet.state_dict(),
                     "ema_text": ema_text.state_dict(), "opt": opt.state_dict(), "step": step,
                     "elapsed": time.time() - start, "checkpoints": checkpoints}, ckpt_path)
        if final or checkpoints % EXPORT_EVERY_CHECKPOINTS == 1:
            try:
                export_all(vae, data, ema_unet, ema_text, note=f"step {step}, {minutes:.0f} min")
                log(f"exported at step {step}")
            except Exception as error:  # an export bug must not stop training; export_everyday.py retries
                log(f"export failed at step {step}: {error!r}")

    while time.time() - start < UNET_SECONDS:
        frac = (time.time() - start) / UNET_SECONDS
        warm = min(1.0, (step + 1) / WARMUP, (step - restart_step + 1) / 100)
        decay_lr = 0.5 * (1 + np.cos(np.pi * min(1.0, frac)))
        for g in opt.param_groups:
            g["lr"] = LR * warm * (0.05 + 0.95 * decay_lr)
        idx = rng.integers(0, len(attrs), size=BATCH)
        x0 = z[idx]
        texts, targets = caption_batch([attrs[i] for i in idx], rng)
        ids = vocab.encode(texts, CONTEXT_LEN)
        t = torch.from_numpy(rng.integers(0, 1000, size=BATCH))
        a = ac[t].reshape(-1, 1, 1, 1)
        noise = torch.randn_like(x0)
        xt = a.sqrt() * x0 + (1 - a).sqrt() * noise
        v_target = a.sqrt() * noise - (1 - a).sqrt() * x0
        ctx = text(ids)
        v = unet.predict_v(xt, t, ctx)
        loss_v = F.mse_loss(v, v_target)
        loss_aux = aux_loss(heads(ctx[:, 0]), targets)
        loss = loss_v + AUX_WEIGHT * loss_aux
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        step += 1
        decay = min(0.998, (1 + step) / (10 + step))
        ema_update(ema_unet, unet, decay)
        ema_update(ema_text, text, decay)
        running = loss_v.item() if running is None else 0.99 * running + 0.01 * loss_v.item()
        if step % 25 == 0:
            now = time.time()
            log(f"unet step {step} loss_v {running:.4f} aux {loss_aux.item():.3f} lr {opt.param_groups[0]['lr']:.2e} "
                f"{(step - log_step) / (now - log_t):.2f} it/s (batch {BATCH}) elapsed {now - start:.0f}s")
            log_t, log_step = now, step
        if time.time() - last_ckpt > CHECKPOINT_SECONDS:
            checkpoint()
            last_ckpt = time.time()
    checkpoint(final=True)
    log(f"unet: done, {step} steps in {time.time() - start:.0f}s")


def main():
    threads = setup_threads()
    RUNS.mkdir(exist_ok=True)
    log(f"train_everyday.py start (pid {os.getpid()}, {threads} thread(s), {len(es.concept_names())} concepts)")
    vae = train_vae()
    data = cache_latents(vae)
    train_unet(vae, data)
    log("train_everyday.py finished")


if __name__ == "__main__":
    main()
