#!/usr/bin/python3
"""Samples the trained model in torch with the engine's DDIM and checks colours and shapes.

  nice -n 15 /usr/bin/python3 scripts/demo-model/evaluate.py [--n 100] [--steps 20] [--guidance 6] [--varied]

Prompts are canonical captions ("a large red circle on the left on a blue background") of random
scenes from a fixed seed; --varied uses training-style paraphrases instead. Writes runs/eval-grid.png.
"""
import argparse

import numpy as np
import torch
from PIL import Image

import scenes
from common import RUNS, Vocab, setup_threads
from export import DecoderExport, load_latest
from models import Decoder, alphas_cumprod

PALETTE = np.array([scenes.COLOURS[c] for c in scenes.COLOUR_NAMES], np.float32)


def ddim_timesteps(steps, n=1000, offset=1):
    ratio = n // steps
    return [i * ratio + offset for i in range(steps)][::-1], ratio


@torch.no_grad()
def sample(unet, text, decoder, scaling, prompts, steps=20, guidance=6.0, seed=0, side=128):
    """diffusers' DDIM (eta 0, leading spacing, steps_offset 1, set_alpha_to_one False) with CFG."""
    vocab = Vocab()
    ac = alphas_cumprod()
    n = len(prompts)
    ctx = text(vocab.encode([""] * n + list(prompts)))
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 4, side // 8, side // 8, generator=g)
    timesteps, ratio = ddim_timesteps(steps)
    for t in timesteps:
        eps_u, eps_c = unet(torch.cat([x, x]), torch.full((2 * n,), t, dtype=torch.int64), ctx).chunk(2)
        eps = eps_u + guidance * (eps_c - eps_u)
        a, a_prev = ac[t], (ac[t - ratio] if t - ratio >= 0 else ac[0])
        x0 = (x - np.sqrt(1 - a) * eps) / np.sqrt(a)
        x = np.sqrt(a_prev) * x0 + np.sqrt(1 - a_prev) * eps
    images = decoder(x / scaling)
    return ((images.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def nearest_colour(rgb):
    return int(np.argmin(((PALETTE - rgb) ** 2).sum(1)))


def classify(image):
    """(colour index, background index, shape name) read from an HWC uint8 image."""
    img = image.astype(np.float32)
    border = np.concatenate([img[:3].reshape(-1, 3), img[-3:].reshape(-1, 3), img[:, :3].reshape(-1, 3),
                             img[:, -3:].reshape(-1, 3)])
    bg_rgb = np.median(border, axis=0)
    far = np.sqrt(((img - bg_rgb) ** 2).sum(-1)) > 60
    if far.sum() < 10:
        return None, nearest_colour(bg_rgb), None
    fg_rgb = np.median(img[far], axis=0)
    # a pixel belongs to the object when it is nearer the object's colour than the background's
    mask = ((img - fg_rgb) ** 2).sum(-1) < ((img - bg_rgb) ** 2).sum(-1)
    ys, xs = np.nonzero(mask)
    h, w = ys.max() - ys.min() + 1, xs.max() - xs.min() + 1
    fill = mask.sum() / (h * w)
    shape = "square" if fill > 0.89 else "circle" if fill > 0.66 else "triangle"
    return nearest_colour(fg_rgb), nearest_colour(bg_rgb), shape


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--guidance", type=float, default=6.0)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--varied", action="store_true")
    parser.add_argument("--raw", action="store_true", help="use the raw weights instead of the EMA")
    args = parser.parse_args()
    setup_threads()
    vae, data, unet, text, ckpt = load_latest(use_ema=not args.raw)
    dec = Decoder()
    dec.load_state_dict(vae["dec"])
    decoder = DecoderExport(dec, data["mean"]).eval()
    rng = np.random.default_rng(args.seed)
    attrs = [scenes.random_attributes(rng) for _ in range(args.n)]
    prompts = [scenes.random_caption(a, rng, partial_p=0, unk_p=0)[0] if args.varied else scenes.canonical_caption(a)
               for a in attrs]
    images = []
    for i in range(0, args.n, 25):
        images.append(sample(unet, text, decoder, data["scaling"], prompts[i:i + 25], args.steps, args.guidance,
                             seed=args.seed + i))
    images = np.concatenate(images)
    ok = {"colour": 0, "background": 0, "shape": 0, "all": 0}
    for a, image, prompt in zip(attrs, images, prompts):
        colour, background, shape = classify(image)
        hits = {"colour": colour == a["colour"], "background": background == a["background"],
                "shape": shape == scenes.SHAPES[a["shape"]]}
        for k, v in hits.items():
            ok[k] += v
        ok["all"] += all(hits.values())
        if not all(hits.values()) and args.n <= 200:
            got = (scenes.COLOUR_NAMES[colour] if colour is not None else None, scenes.COLOUR_NAMES[background], shape)
            print(f"miss: {prompt!r} -> {got}")
    cols = 10
    rows = (len(images) + cols - 1) // cols
    grid = np.zeros((rows * 128, cols * 128, 3), np.uint8)
    for i, image in enumerate(images):
        grid[(i // cols) * 128:(i // cols + 1) * 128, (i % cols) * 128:(i % cols + 1) * 128] = image
    Image.fromarray(grid).save(RUNS / "eval-grid.png")
    summary = " ".join(f"{k} {100 * v / args.n:.0f}%" for k, v in ok.items())
    print(f"step {ckpt['step']} ({'raw' if args.raw else 'ema'}), {args.n} prompts, {args.steps} steps, "
          f"guidance {args.guidance}{', varied' if args.varied else ''}: {summary}")


if __name__ == "__main__":
    main()
