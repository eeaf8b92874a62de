#!/usr/bin/python3
"""Writes a checkpoint small enough to commit (< 60 MB) from which training can resume:
  nice -n 15 /usr/bin/python3 scripts/demo-model/slim_everyday.py [OUT_DIR]   (default runs-everyday/slim)
OUT_DIR gets vae.pt and unet_ckpt.pt (EMA weights in float32, live weights in float16, no optimizer
state). To resume: copy both into runs-everyday/ and run train_everyday.sh; the latent cache is
rebuilt from vae.pt (same seed, a few minutes) and the optimizer restarts with a short warm-up."""
import sys
from pathlib import Path

import torch

from everyday_common import RUNS, save_atomic


def main():
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else RUNS / "slim"
    out.mkdir(parents=True, exist_ok=True)
    ckpt = torch.load(RUNS / "unet_ckpt.pt")
    half = lambda state: {k: v.half() if v.is_floating_point() else v for k, v in state.items()}
    slim = {"unet": half(ckpt["unet"]), "text": half(ckpt["text"]), "ema_unet": ckpt["ema_unet"],
            "ema_text": ckpt["ema_text"], "step": ckpt["step"], "elapsed": ckpt["elapsed"],
            "checkpoints": ckpt["checkpoints"]}
    save_atomic(slim, out / "unet_ckpt.pt")
    vae = torch.load(RUNS / "vae.pt")
    save_atomic(vae, out / "vae.pt")
    sizes = {p.name: round(p.stat().st_size / 1e6, 1) for p in out.iterdir()}
    print(f"wrote {out}: {sizes} MB, step {ckpt['step']}")


if __name__ == "__main__":
    main()
