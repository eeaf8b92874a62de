"""Paths, vocabulary and head sizes shared by the everyday model's scripts (the shapes model keeps common.py)."""
import functools
import os
import time

import torch

import everyday_scenes as es
import scenes
from common import HERE, ROOT

RUNS = HERE / "runs-everyday"
EXPORT_DIR = ROOT / "worker" / "models" / "kumori-everyday"
UNET_CHANNELS = (96, 192, 256)


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


@functools.lru_cache(maxsize=1)
def attr_sizes():
    """The attribute heads read from the pooled text: which picture (shapes first), the shape's colour,
    background, size, position, and the second picture of a pair (or none)."""
    n = len(es.concept_names())
    return {"concept": n, "colour": len(scenes.COLOUR_NAMES), "background": len(scenes.COLOUR_NAMES),
            "size": len(scenes.SIZE_NAMES), "position": len(scenes.POSITION_NAMES), "concept2": n + 1}


class Vocab:
    def __init__(self):
        self.words = es.vocabulary()
        self.ids = {w: i for i, w in enumerate(self.words)}
        self.pad = self.ids["[PAD]"]

    def encode(self, texts, length=scenes.SEQ):
        return torch.tensor([scenes.tokenize(self.ids, t)[:length] for t in texts], dtype=torch.int64)
