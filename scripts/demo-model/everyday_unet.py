"""The everyday model's UNet: models.UNet plus a picture memory.

Hundreds of pictures are too many to learn from text alone in an hour of one CPU thread. So the
UNet holds a small rough sketch of every picture (16x16 premultiplied RGBA of the emoji, a fixed
buffer made from the same renders it is trained on) and, from its attribute heads' probabilities,
pastes the expected sketch where the text says the picture goes and as large as it says: four more
input channels at latent resolution. The UNet still draws every pixel through the diffusion
process; the sketch tells it roughly what the picture looks like and where. It is computed inside
the graph from encoder_hidden_states, so the exported UNet keeps the diffusers interface.
"""
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import everyday_scenes as es
import scenes
from models import UNet

SKETCH = 16


def sketches():
    """[concepts, 4, 16, 16]: each emoji centred in a square as wide as its longest side (as draw()
    places it), shrunk with a box filter, colour premultiplied by coverage; zeros for the shapes."""
    out = np.zeros((len(es.concept_names()), 4, SKETCH, SKETCH), np.float32)
    for i, c in enumerate(es.catalog()):
        sprite = c["sprite"]
        h, w = sprite.shape[:2]
        side = max(h, w)
        square = Image.new("RGBA", (side, side), (0, 0, 0, 0))
        square.paste(Image.fromarray(sprite, "RGBA"), ((side - w) // 2, (side - h) // 2))
        a = np.asarray(square.resize((SKETCH, SKETCH), Image.BOX)).astype(np.float32) / 255
        rgba = np.concatenate([a[..., :3] * a[..., 3:], a[..., 3:]], axis=-1)
        out[len(scenes.SHAPES) + i] = rgba.transpose(2, 0, 1)
    return torch.from_numpy(out)


def placements():
    """Centres [sizes, positions, 2] of a single picture, clamped inside the frame as draw() does,
    and its side [sizes] as a fraction of the image."""
    sides = [es.SPRITE_SIDE[s] for s in scenes.SIZE_NAMES]
    centres = []
    for side in sides:
        half = side / 2 + 0.01
        row = []
        for p in scenes.POSITION_NAMES:
            cx, cy = scenes.POSITIONS[p]
            row.append([min(max(cx, half), 1 - half), min(max(cy, half), 1 - half)])
        centres.append(row)
    return torch.tensor(centres, dtype=torch.float32), torch.tensor(sides, dtype=torch.float32)


def paste(sketch, cx, cy, side, h, w):
    """sketch [b, 4, S, S] resampled (bilinear tents) into an h x w map, its box centred at (cx, cy)
    with the given side, all in 0..1 image units; zeros outside. Plain MatMuls for ONNX."""
    taps = torch.arange(SKETCH, dtype=torch.float32)

    def weights(centre, n):
        coords = (torch.arange(n, dtype=torch.float32) + 0.5) / n  # [n]
        t = (coords[None, :] - (centre - side / 2)[:, None]) / side[:, None] * SKETCH - 0.5  # [b, n]
        return F.relu(1 - (t[:, :, None] - taps[None, None, :]).abs())  # [b, n, S]

    wy, wx = weights(cy, h), weights(cx, w)
    return wy[:, None] @ sketch @ wx[:, None].transpose(2, 3)


class EverydayUNet(UNet):
    def __init__(self, ch, attr_sizes):
        super().__init__(ch=ch, attr_sizes=attr_sizes)
        self.conv_in = torch.nn.Conv2d(4 + 2 + 4, ch[0], 3, 1, 1)
        self.register_buffer("sketches", sketches())
        centres, sides = placements()
        self.register_buffer("centres", centres)
        self.register_buffer("sides", sides)
        self.n_concepts = attr_sizes["concept"]

    def extra_inputs(self, pooled, h, w):
        logits = self.heads(pooled)
        p = {k: torch.softmax(v, dim=-1) for k, v in logits.items()}
        first = torch.einsum("bn,nchw->bchw", p["concept"], self.sketches)
        second = torch.einsum("bn,nchw->bchw", p["concept2"][:, : self.n_concepts], self.sketches)
        size_pos = p["size"][:, :, None] * p["position"][:, None, :]  # [b, sizes, positions]
        centre = torch.einsum("bsp,spk->bk", size_pos, self.centres)
        side = p["size"] @ self.sides
        single = paste(first, centre[:, 0], centre[:, 1], side, h, w)
        at = lambda value: torch.full_like(side, value)
        pair = (paste(first, at(0.28), at(0.5), at(es.PAIR_SIDE), h, w)
                + paste(second, at(0.72), at(0.5), at(es.PAIR_SIDE), h, w))
        is_pair = (1 - p["concept2"][:, self.n_concepts]).reshape(-1, 1, 1, 1)
        return (1 - is_pair) * single + is_pair * pair


def load_grown(module, state):
    """Loads a state dict from the plain UNet (6 input channels): the sketch channels start at zero."""
    state = dict(state)
    weight = state.get("conv_in.weight")
    if weight is not None and weight.shape[1] != module.conv_in.weight.shape[1]:
        grown = torch.zeros_like(module.conv_in.weight)
        grown[:, : weight.shape[1]] = weight
        state["conv_in.weight"] = grown
    for key in ("sketches", "centres", "sides"):
        state[key] = getattr(module, key)
    module.load_state_dict(state)
