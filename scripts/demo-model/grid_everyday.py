#!/usr/bin/python3
"""A quick look at the everyday model mid-training, in torch with the engine's DDIM:
  nice -n 15 /usr/bin/python3 scripts/demo-model/grid_everyday.py [--n 24] [--steps 20] [--guidance 7.5]
Writes runs-everyday/grid.png (canonical prompts of random scenes, fixed seed) and prints the prompts."""
import argparse

import numpy as np
import torch
from PIL import Image

import everyday_scenes as es
from everyday_common import RUNS, Vocab
from evaluate import ddim_timesteps
from export import DecoderExport
from export_everyday import load_latest
from models import Decoder, alphas_cumprod


@torch.no_grad()
def sample(unet, text, decoder, scaling, prompts, steps=20, guidance=7.5, seed=0, side=128):
    vocab = Vocab()
    ac = alphas_cumprod()
    n = len(prompts)
    ctx = text(vocab.encode([""] * n + list(prompts)))
    x = torch.randn(n, 4, side // 8, side // 8, generator=torch.Generator().manual_seed(seed))
    timesteps, ratio = ddim_timesteps(steps)
    for t in timesteps:
        eps_u, eps_c = unet(torch.cat([x, x]), torch.full((2 * n,), t, dtype=torch.int64), ctx).chunk(2)
        eps = eps_u + guidance * (eps_c - eps_u)
        a, a_prev = ac[t], (ac[t - ratio] if t - ratio >= 0 else ac[0])
        x0 = (x - np.sqrt(1 - a) * eps) / np.sqrt(a)
        x = np.sqrt(a_prev) * x0 + np.sqrt(1 - a_prev) * eps
    images = decoder(x / scaling)
    return ((images.clamp(-1, 1) + 1) * 127.5).round().byte().permute(0, 2, 3, 1).numpy()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--n", type=int, default=24)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--guidance", type=float, default=7.5)
    args = p.parse_args()
    torch.set_num_threads(1)
    vae, data, unet, text, ckpt = load_latest()
    dec = Decoder()
    dec.load_state_dict(vae["dec"])
    decoder = DecoderExport(dec, data["mean"]).eval()
    rng = np.random.default_rng(3)
    prompts = [es.canonical_caption(es.random_attributes(rng)) for _ in range(args.n)]
    images = sample(unet, text, decoder, data["scaling"], prompts, args.steps, args.guidance)
    cols = 6
    rows = (len(images) + cols - 1) // cols
    grid = np.zeros((rows * 128, cols * 128, 3), np.uint8)
    for i, im in enumerate(images):
        grid[(i // cols) * 128:(i // cols + 1) * 128, (i % cols) * 128:(i % cols + 1) * 128] = im
    Image.fromarray(grid).save(RUNS / "grid.png")
    print(f"step {ckpt['step']}:")
    for i, prompt in enumerate(prompts):
        print(f"  {i // cols},{i % cols}: {prompt}")


if __name__ == "__main__":
    main()
