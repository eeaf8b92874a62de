#!/usr/bin/python3
"""Trains the demo model in three resumable stages: autoencoder, latent cache, UNet + text encoder.

Run in the background, niced:  nohup nice -n 15 /usr/bin/python3 scripts/demo-model/train.py &
Re-running resumes from the last checkpoint in runs/. Budgets (seconds of training) come from
KUMORI_VAE_SECONDS and KUMORI_UNET_SECONDS; KUMORI_TRAIN_THREADS sets torch's threads (default 1).
"""
import copy
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import scenes
from common import RUNS, Vocab, log, render_batch, save_atomic, setup_threads
from models import ATTR_SIZES, CONTEXT_LEN, Decoder, Encoder, TextEncoder, UNet, alphas_cumprod

VAE_SECONDS = float(os.environ.get("KUMORI_VAE_SECONDS", "900"))
UNET_SECONDS = float(os.environ.get("KUMORI_UNET_SECONDS", "4300"))
CHECKPOINT_SECONDS = 240
EXPORT_EVERY_CHECKPOINTS = 3
DATASET_SIZE = 24000
LATENT_NOISE = 0.1  # relative to the latent std
CAPTION_DROPOUT = 0.1


def edge_loss(y, x):
    """L1 between image gradients: keeps shape edges and corners sharp."""
    dy = lambda im: im[:, :, 1:] - im[:, :, :-1]
    dx = lambda im: im[:, :, :, 1:] - im[:, :, :, :-1]
    return (dy(y) - dy(x)).abs().mean() + (dx(y) - dx(x)).abs().mean()


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
        full = step % 4 == 3  # mostly 64x64 crops (4x cheaper); every 4th batch whole images
        x, _ = render_batch(rng, 16 if full else 32)
        if not full:
            oy, ox = rng.integers(0, 9, size=2) * 8
            x = x[:, :, oy:oy + 64, ox:ox + 64]
        z = enc(x)
        # noise relative to the latents' scale keeps the decoder robust to small errors without a KL term
        y = dec(z + LATENT_NOISE * z.detach().std() * torch.randn_like(z))
        loss = ((y - x).abs().mean() + 2 * (y - x).pow(2).mean() + edge_loss(y, x)
                + 1e-5 * z.pow(2).mean() + 1e-2 * z.mean(dim=(0, 2, 3)).pow(2).sum())
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % 100 == 0:
            el = time.time() - start
            log(f"vae step {step} loss {running:.4f} z_rms {z.pow(2).mean().sqrt():.3f} {step / max(el, 1e-9):.2f} it/s elapsed {el:.0f}s")
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
            x, a = render_batch(rng, 200)
            zs.append(enc(x))
            attrs += a
    z = torch.cat(zs)
    mean = z.mean(dim=(0, 2, 3))
    scaling = 1.0 / (z - mean.reshape(1, 4, 1, 1)).std().item()
    result = {"z": z, "attrs": attrs, "mean": mean, "scaling": scaling}
    save_atomic(result, path)
    log(f"latents: {len(attrs)} cached in {time.time() - started:.0f}s, mean {mean.tolist()}, scaling {scaling:.4f}")
    return result


def ema_update(ema, model, decay):
    with torch.no_grad():
        for e, p in zip(ema.parameters(), model.parameters()):
            e.mul_(decay).add_(p.detach(), alpha=1 - decay)


AUX_WEIGHT = 0.3


def caption_batch(attrs, rng):
    """Captions (10% empty) and per-attribute targets, -100 where the caption does not say it."""
    texts, targets = [], {k: [] for k in ATTR_SIZES}
    for a in attrs:
        if rng.random() < CAPTION_DROPOUT:
            texts.append("")
            for k in ATTR_SIZES:
                targets[k].append(-100)
            continue
        text, mention = scenes.random_caption(a, rng)
        texts.append(text)
        for k in ATTR_SIZES:
            targets[k].append(a[k] if mention.get(k, True) else -100)
    return texts, {k: torch.tensor(v) for k, v in targets.items()}


def aux_loss(logits, targets):
    return sum(F.cross_entropy(logits[k], targets[k], ignore_index=-100) for k in ATTR_SIZES)


def pretrain_text(text, heads, vocab, seconds=240, batch=128):
    """Text-only warm-up of the encoder on the attribute heads, until it binds colours to their roles."""
    opt = torch.optim.Adam(list(text.parameters()) + list(heads.parameters()), lr=5e-4)
    rng = np.random.default_rng(99)
    start, step = time.time(), 0
    while time.time() - start < seconds:
        texts, targets = caption_batch([scenes.random_attributes(rng) for _ in range(batch)], rng)
        logits = heads(text(vocab.encode(texts, CONTEXT_LEN))[:, 0])
        loss = aux_loss(logits, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 50 == 0:
            acc = {k: float(((logits[k].argmax(1) == targets[k]) | (targets[k] < 0)).float().mean()) for k in ATTR_SIZES}
            log(f"text pretrain step {step} aux {loss.item():.4f} acc {acc}")
            if loss.item() < 0.01:
                break


def train_unet(vae, data, batch=48, lr=5e-4):
    from export import export_all

    vocab = Vocab()
    ckpt_path = RUNS / "unet_ckpt.pt"
    unet, text = UNet(), TextEncoder(len(vocab.words), vocab.pad)
    heads = unet.heads
    params = list(unet.parameters()) + list(text.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.0)
    ema_unet, ema_text = copy.deepcopy(unet), copy.deepcopy(text)
    step, elapsed, checkpoints, restart_step = 0, 0.0, 0, 0
    if ckpt_path.exists():
        ckpt = torch.load(ckpt_path)
        step, elapsed, checkpoints = ckpt["step"], ckpt["elapsed"], ckpt["checkpoints"]
        text.load_state_dict(ckpt["text"])
        ema_text.load_state_dict(ckpt["ema_text"])
        if "heads" in ckpt:
            # a checkpoint from before the UNet read the attribute heads: warm-start the new inputs
            unet.load_state_dict(ckpt["unet"], strict=False)
            ema_unet.load_state_dict(ckpt["ema_unet"], strict=False)
            heads.load_state_dict(ckpt["heads"])
            pretrain_text(text, heads, vocab)
            ema_text.load_state_dict(text.state_dict())
            ema_unet.heads.load_state_dict(heads.state_dict())
            restart_step = step
            log(f"unet: migrated checkpoint at step {step}, fresh optimizer")
        else:
            unet.load_state_dict(ckpt["unet"])
            ema_unet.load_state_dict(ckpt["ema_unet"])
            opt.load_state_dict(ckpt["opt"])
            restart_step = ckpt.get("restart_step", 0)
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
        save_atomic({"unet": unet.state_dict(), "text": text.state_dict(), "ema_unet": ema_unet.state_dict(),
                     "ema_text": ema_text.state_dict(), "opt": opt.state_dict(), "step": step,
                     "elapsed": time.time() - start, "checkpoints": checkpoints, "restart_step": restart_step}, ckpt_path)
        if final or checkpoints % EXPORT_EVERY_CHECKPOINTS == 1:
            export_all(vae, data, ema_unet, ema_text, note=f"step {step}, {(time.time() - start) / 60:.0f} min")
            log(f"exported at step {step}")

    while time.time() - start < UNET_SECONDS:
        frac = (time.time() - start) / UNET_SECONDS
        warm = min(1.0, (step + 1) / 300, (step - restart_step + 1) / 100)
        decay_lr = 0.5 * (1 + np.cos(np.pi * min(1.0, frac)))  # cosine to ~0 at the end of the budget
        for g in opt.param_groups:
            g["lr"] = lr * warm * (0.05 + 0.95 * decay_lr)
        idx = rng.integers(0, len(attrs), size=batch)
        x0 = z[idx]
        texts, targets = caption_batch([attrs[i] for i in idx], rng)
        ids = vocab.encode(texts, CONTEXT_LEN)
        t = torch.from_numpy(rng.integers(0, 1000, size=batch))
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
        decay = min(0.999, (1 + step) / (10 + step))
        ema_update(ema_unet, unet, decay)
        ema_update(ema_text, text, decay)
        running = loss_v.item() if running is None else 0.99 * running + 0.01 * loss_v.item()
        if step % 50 == 0:
            now = time.time()
            log(f"unet step {step} loss_v {running:.4f} aux {loss_aux.item():.3f} lr {opt.param_groups[0]['lr']:.2e} "
                f"{(step - log_step) / (now - log_t):.2f} it/s (batch {batch}) elapsed {now - start:.0f}s")
            log_t, log_step = now, step
        if time.time() - last_ckpt > CHECKPOINT_SECONDS:
            checkpoint()
            last_ckpt = time.time()
    checkpoint(final=True)
    log(f"unet: done, {step} steps in {time.time() - start:.0f}s")


def main():
    threads = setup_threads()
    RUNS.mkdir(exist_ok=True)
    log(f"train.py start (pid {os.getpid()}, {threads} thread(s))")
    vae = train_vae()
    data = cache_latents(vae)
    train_unet(vae, data)
    log("train.py finished")


if __name__ == "__main__":
    main()
