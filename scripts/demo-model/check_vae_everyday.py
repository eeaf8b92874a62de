#!/usr/bin/python3
"""Saves runs-everyday/vae-check.png: 12 training scenes (top of each pair) and their autoencoder
reconstructions (below), from vae.pt or the VAE stage's last checkpoint; prints the mean abs error."""
import numpy as np
import torch
from PIL import Image

import everyday_scenes as es
from everyday_common import RUNS
from models import Decoder, Encoder


def main():
    torch.set_num_threads(1)
    path = RUNS / "vae.pt" if (RUNS / "vae.pt").exists() else RUNS / "vae_ckpt.pt"
    vae = torch.load(path)
    enc, dec = Encoder(), Decoder()
    enc.load_state_dict(vae["enc"])
    dec.load_state_dict(vae["dec"])
    x, _ = es.render_batch(np.random.default_rng(123), 12)
    with torch.no_grad():
        y = dec(enc(x))
    print(f"{path.name}: mean abs error {(y - x).abs().mean().item() / 2 * 255:.1f} / 255")
    to8 = lambda t: ((t.permute(0, 2, 3, 1).numpy() + 1) * 127.5).clip(0, 255).astype(np.uint8)
    pairs = np.concatenate([to8(x), to8(y)], axis=1)  # [12, 256, 128, 3]
    grid = pairs.reshape(2, 6, 256, 128, 3).transpose(0, 2, 1, 3, 4).reshape(512, 768, 3)
    Image.fromarray(grid).save(RUNS / "vae-check.png")


if __name__ == "__main__":
    main()
