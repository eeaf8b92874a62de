"""Paths, logging, threads and the shared batch helpers of the training scripts."""
import os
import time
from pathlib import Path

import numpy as np
import torch

import scenes

HERE = Path(__file__).resolve().parent
RUNS = HERE / "runs"
ROOT = HERE.parent.parent
EXPORT_DIR = ROOT / "worker" / "models" / "kumori-demo"
SIDE = 128


def setup_threads():
    """One thread unless KUMORI_TRAIN_THREADS says otherwise: training shares the machine."""
    threads = int(os.environ.get("KUMORI_TRAIN_THREADS", "1"))
    torch.set_num_threads(threads)
    return threads


def log(message):
    RUNS.mkdir(exist_ok=True)
    line = f"{time.strftime('%H:%M:%S')} {message}"
    print(line, flush=True)
    with open(RUNS / "train.log", "a") as f:
        f.write(line + "\n")


def save_atomic(obj, path):
    tmp = path.with_suffix(".tmp")
    torch.save(obj, tmp)
    os.replace(tmp, path)


def render_batch(rng, n, side=SIDE):
    """n random scenes as an NCHW tensor in [-1, 1] plus their attribute dicts."""
    attrs = [scenes.random_attributes(rng) for _ in range(n)]
    images = np.stack([scenes.draw(a, rng, side) for a in attrs])
    return torch.from_numpy(images).permute(0, 3, 1, 2) * 2 - 1, attrs


class Vocab:
    def __init__(self):
        self.words = scenes.vocabulary()
        self.ids = {w: i for i, w in enumerate(self.words)}
        self.pad = self.ids["[PAD]"]

    def encode(self, texts, length=scenes.SEQ):
        return torch.tensor([scenes.tokenize(self.ids, t)[:length] for t in texts], dtype=torch.int64)
