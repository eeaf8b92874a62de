"""The demo model's networks: a factor-8 autoencoder, a small text transformer and a cross-attention UNet."""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import scenes
from scenes import SEQ

TEXT_DIM = 128
ATTR_SIZES = {"shape": len(scenes.SHAPES), "colour": len(scenes.COLOUR_NAMES), "background": len(scenes.COLOUR_NAMES),
              "size": len(scenes.SIZE_NAMES), "position": len(scenes.POSITION_NAMES)}
# The UNet reads the first CONTEXT_LEN text states (prompts of up to ~30 words).
CONTEXT_LEN = 32


def alphas_cumprod():
    betas = np.linspace(0.00085**0.5, 0.012**0.5, 1000, dtype=np.float64) ** 2
    return np.cumprod(1.0 - betas)


class Encoder(nn.Module):
    """128x128x3 in [-1, 1] -> 16x16x4: three stride-2 convolutions, then two at latent resolution."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, 32, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(32, 64, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(64, 96, 4, 2, 1), nn.SiLU(),
            nn.Conv2d(96, 96, 3, 1, 1), nn.SiLU(),
            nn.Conv2d(96, 4, 1),
        )

    def forward(self, x):
        return self.net(x)


class ResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.c1, self.c2 = nn.Conv2d(ch, ch, 3, 1, 1), nn.Conv2d(ch, ch, 3, 1, 1)

    def forward(self, x):
        return x + self.c2(F.silu(self.c1(F.silu(x))))


class Decoder(nn.Module):
    """16x16x4 -> 128x128x3 through pixel-shuffle upsampling (cheap on one CPU core); tanh to [-1, 1]."""

    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(4, 96, 3, 1, 1)
        self.res = ResBlock(96)
        self.up1 = nn.Conv2d(96, 4 * 64, 1)
        self.res1 = ResBlock(64)
        self.up2 = nn.Conv2d(64, 4 * 32, 1)
        self.res2 = ResBlock(32)
        self.out = nn.Conv2d(32, 4 * 3, 3, 1, 1)

    def forward(self, z):
        h = self.res(self.conv_in(z))
        h = self.res1(F.pixel_shuffle(self.up1(F.silu(h)), 2))
        h = self.res2(F.pixel_shuffle(self.up2(F.silu(h)), 2))
        return torch.tanh(F.pixel_shuffle(self.out(F.silu(h)), 2))


class Attention(nn.Module):
    """Multi-head attention written out by hand so the ONNX export stays plain MatMul/Softmax."""

    def __init__(self, dim, context_dim, heads):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(dim, dim, bias=False)
        self.k = nn.Linear(context_dim, dim, bias=False)
        self.v = nn.Linear(context_dim, dim, bias=False)
        self.o = nn.Linear(dim, dim)

    def forward(self, x, context, key_bias=None):
        b, n, d = x.shape
        h = self.heads
        q = self.q(x).reshape(b, n, h, d // h).transpose(1, 2)
        k = self.k(context).reshape(b, -1, h, d // h).transpose(1, 2)
        v = self.v(context).reshape(b, -1, h, d // h).transpose(1, 2)
        scores = q @ k.transpose(2, 3) / math.sqrt(d // h)
        if key_bias is not None:
            scores = scores + key_bias
        att = torch.softmax(scores, dim=-1)
        return self.o((att @ v).transpose(1, 2).reshape(b, n, d))


class TextLayer(nn.Module):
    def __init__(self, dim, heads=4):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(dim), nn.LayerNorm(dim)
        self.attn = Attention(dim, dim, heads)
        self.mlp = nn.Sequential(nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x, key_bias):
        y = self.ln1(x)
        x = x + self.attn(y, y, key_bias)
        return x + self.mlp(self.ln2(x))


class TextEncoder(nn.Module):
    """Word embeddings + bidirectional transformer layers. Position 0 ([BOS]) doubles as a pooled summary.

    No token attends to [PAD], so every position's output is independent of how many pads follow:
    training runs on the first CONTEXT_LEN positions only and matches the 77-token export exactly.
    """

    def __init__(self, vocab_size, pad_id, dim=TEXT_DIM, layers=3):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, dim)
        self.pos = nn.Parameter(torch.randn(SEQ, dim) * 0.02)
        self.layers = nn.ModuleList(TextLayer(dim) for _ in range(layers))
        self.ln = nn.LayerNorm(dim)
        self.pad_id = pad_id

    def forward(self, input_ids):
        n = input_ids.shape[1]
        x = self.tok(input_ids.long()) + self.pos[:n]
        key_bias = (input_ids == self.pad_id).float()[:, None, None, :] * -1e4
        for layer in self.layers:
            x = layer(x, key_bias)
        return self.ln(x)


class AttributeHeads(nn.Module):
    """Reads the scene attributes from the pooled text state. Trained with an auxiliary loss; the
    UNet is conditioned on their probabilities as well as on the text states (fast, reliable binding)."""

    def __init__(self, sizes=ATTR_SIZES, dim=TEXT_DIM):
        super().__init__()
        self.heads = nn.ModuleDict({k: nn.Linear(dim, n) for k, n in sizes.items()})

    def forward(self, pooled):
        return {k: head(pooled) for k, head in self.heads.items()}

    def probabilities(self, pooled):
        return torch.cat([torch.softmax(logits, dim=-1) for logits in self(pooled).values()], dim=-1)


def timestep_embedding(t, dim):
    half = dim // 2
    freqs = torch.exp(-math.log(10000) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float().reshape(-1, 1) * freqs
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class UResBlock(nn.Module):
    """GroupNorm-SiLU-conv twice, with a scale/shift from the time+text embedding."""

    def __init__(self, cin, cout, emb_dim):
        super().__init__()
        self.n1, self.n2 = nn.GroupNorm(8, cin), nn.GroupNorm(8, cout)
        self.c1, self.c2 = nn.Conv2d(cin, cout, 3, 1, 1), nn.Conv2d(cout, cout, 3, 1, 1)
        self.emb = nn.Linear(emb_dim, 2 * cout)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else nn.Identity()
        nn.init.zeros_(self.c2.weight)
        nn.init.zeros_(self.c2.bias)

    def forward(self, x, emb):
        h = self.c1(F.silu(self.n1(x)))
        scale, shift = self.emb(emb)[:, :, None, None].chunk(2, dim=1)
        h = self.n2(h) * (1 + scale) + shift
        return self.skip(x) + self.c2(F.silu(h))


class AttnBlock(nn.Module):
    """Self-attention then cross-attention to the text, on the flattened feature map."""

    def __init__(self, ch, context_dim, heads=4):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(ch), nn.LayerNorm(ch)
        self.self_attn = Attention(ch, ch, heads)
        self.cross = Attention(ch, context_dim, heads)

    def forward(self, x, context):
        b, c, h, w = x.shape
        t = x.flatten(2).transpose(1, 2)
        y = self.n1(t)
        t = t + self.self_attn(y, y)
        t = t + self.cross(self.n2(t), context)
        return t.transpose(1, 2).reshape(b, c, h, w)


class UNet(nn.Module):
    """Predicts v internally; forward() returns epsilon, as the engine's schedulers expect.

    eps = sqrt(a) * v + sqrt(1 - a) * x_t is exact and well conditioned at every timestep, so the
    exported graph is a plain epsilon-prediction UNet.
    """

    def __init__(self, ch=(64, 128, 128), context_dim=TEXT_DIM, attr_sizes=None):
        super().__init__()
        c0, c1, c2 = ch
        attr_sizes = attr_sizes or ATTR_SIZES
        emb = 256
        self.register_buffer("alphas_cumprod", torch.tensor(alphas_cumprod(), dtype=torch.float32))
        self.time = nn.Sequential(nn.Linear(128, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.pooled = nn.Sequential(nn.Linear(context_dim, emb), nn.SiLU(), nn.Linear(emb, emb))
        self.heads = AttributeHeads(attr_sizes, dim=context_dim)
        self.attr = nn.Linear(sum(attr_sizes.values()), emb)
        nn.init.zeros_(self.attr.weight)
        nn.init.zeros_(self.attr.bias)
        self.conv_in = nn.Conv2d(4 + 2, c0, 3, 1, 1)
        self.d0 = UResBlock(c0, c0, emb)
        self.down0 = nn.Conv2d(c0, c1, 3, 2, 1)
        self.d1 = UResBlock(c1, c1, emb)
        self.a1 = AttnBlock(c1, context_dim)
        self.down1 = nn.Conv2d(c1, c2, 3, 2, 1)
        self.m1 = UResBlock(c2, c2, emb)
        self.am = AttnBlock(c2, context_dim)
        self.m2 = UResBlock(c2, c2, emb)
        self.u1 = UResBlock(c2 + c1, c1, emb)
        self.ua1 = AttnBlock(c1, context_dim)
        self.u0 = UResBlock(c1 + c0, c0, emb)
        self.ua0 = AttnBlock(c0, context_dim, heads=2)
        self.norm_out = nn.GroupNorm(8, c0)
        self.conv_out = nn.Conv2d(c0, 4, 3, 1, 1)
        nn.init.zeros_(self.conv_out.weight)
        nn.init.zeros_(self.conv_out.bias)

    def predict_v(self, sample, timestep, context):
        b, _, h, w = sample.shape
        # coordinate channels computed from the input's shape, so any height/width works after export
        ys = (torch.arange(h, dtype=torch.float32) + 0.5) / h * 2 - 1
        xs = (torch.arange(w, dtype=torch.float32) + 0.5) / w * 2 - 1
        grid = torch.stack([xs.reshape(1, w).expand(h, w), ys.reshape(h, 1).expand(h, w)])
        x = torch.cat([sample, grid.unsqueeze(0).expand(b, 2, h, w)], dim=1)
        pooled = context[:, 0]
        extra = self.extra_inputs(pooled, h, w)
        if extra is not None:
            x = torch.cat([x, extra], dim=1)
        emb = self.time(timestep_embedding(timestep, 128)) + self.pooled(pooled) + self.attr(self.heads.probabilities(pooled))
        h0 = self.d0(self.conv_in(x), emb)
        h1 = self.a1(self.d1(self.down0(h0), emb), context)
        m = self.m1(self.down1(h1), emb)
        m = self.m2(self.am(m, context), emb)
        u = F.interpolate(m, size=h1.shape[2:], mode="nearest")
        u = self.ua1(self.u1(torch.cat([u, h1], 1), emb), context)
        u = F.interpolate(u, size=h0.shape[2:], mode="nearest")
        u = self.ua0(self.u0(torch.cat([u, h0], 1), emb), context)
        return self.conv_out(F.silu(self.norm_out(u)))

    def extra_inputs(self, pooled, h, w):
        """Further input channels computed from the pooled text (see everyday_unet.py); none here."""
        return None

    def forward(self, sample, timestep, encoder_hidden_states):
        a = self.alphas_cumprod[timestep.long().clamp(0, 999)].reshape(-1, 1, 1, 1)
        v = self.predict_v(sample, timestep, encoder_hidden_states[:, :CONTEXT_LEN])
        return a.sqrt() * v + (1 - a).sqrt() * sample
