#!/usr/bin/python3
"""Writes worker/models/tiny-sd: a tiny, fixed-weight model in the diffusers/optimum ONNX layout.

Run with /usr/bin/python3 (Debian's torch 1.13 + onnx 1.12). Output is deterministic.

It is a placeholder until a trained demo model replaces it, so instead of random noise the weights
are partly hand-built to behave like a real latent diffusion model would on a toy data set:
  * latents live in an SD-1.5-like space (SD_FACTORS maps them to RGB), so previews and colours
    behave the way they do with the real thing;
  * the UNet is, at its core, the exact noise predictor for a Gaussian prior whose low spatial
    frequencies carry most of the variance, so DDIM turns white noise into soft colour blobs;
  * its one cross-attention block reads colour words ("red", "sunset", ...) from the text
    encoder and pulls regions of the image towards those colours; the rest of the prompt only
    nudges small random convolutions;
  * the VAE decoder is a latent-to-RGB projection followed by smooth x8 upsampling.
"""
import json
import math
import shutil
from pathlib import Path

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "worker" / "models" / "tiny-sd"
OPSET = 17
SEQ = 77
D = 64  # text hidden size
SCALING = 0.18215
S_LOW, S_HIGH = 40.0, 0.005  # prior variance of low / high spatial frequencies (scaled latents)
COLOUR_GAIN = 0.35  # guidance ~3 reaches the full colour; 7.5 saturates like SD does
SD_FACTORS = np.array(  # the widely used SD 1.5 latent->RGB preview factors, rows = latent channels
    [[0.3512, 0.2297, 0.3227], [0.3250, 0.4974, 0.2350], [-0.2829, 0.1762, 0.2721], [-0.2120, -0.2616, -0.7177]],
    dtype=np.float64,
)

COLOURS = {  # word -> (RGB, salience); scenes are weaker than plain colour names
    "red": ((215, 40, 45), 6), "orange": ((240, 130, 30), 6), "yellow": ((245, 215, 50), 6),
    "green": ((50, 170, 70), 6), "blue": ((40, 90, 215), 6), "purple": ((130, 50, 170), 6),
    "pink": ((240, 130, 180), 6), "brown": ((120, 75, 40), 6), "black": ((15, 15, 20), 6),
    "white": ((245, 245, 240), 6), "gray": ((128, 128, 128), 6), "grey": ((128, 128, 128), 6),
    "cyan": ((40, 200, 220), 6), "magenta": ((210, 40, 170), 6), "teal": ((20, 130, 130), 6),
    "navy": ((20, 30, 100), 6), "gold": ((215, 170, 50), 6), "silver": ((190, 190, 200), 6),
    "violet": ((150, 90, 210), 6), "indigo": ((75, 40, 140), 6), "turquoise": ((60, 210, 190), 6),
    "maroon": ((120, 20, 40), 6), "olive": ((120, 125, 40), 6), "lime": ((160, 225, 60), 6),
    "beige": ((225, 205, 165), 6), "crimson": ((190, 20, 50), 6), "scarlet": ((235, 35, 25), 6),
    "amber": ((250, 180, 20), 6), "emerald": ((30, 160, 100), 6), "azure": ((50, 140, 240), 6),
    "lavender": ((190, 170, 230), 6), "coral": ((250, 120, 100), 6), "peach": ((250, 190, 150), 6),
    "mint": ((160, 230, 190), 6), "ivory": ((250, 245, 225), 6), "charcoal": ((50, 55, 60), 6),
    "rust": ((180, 80, 40), 6), "sky": ((120, 180, 240), 5), "ocean": ((20, 90, 160), 5),
    "sea": ((30, 110, 170), 5), "sunset": ((245, 120, 60), 5), "forest": ((30, 90, 40), 5),
    "grass": ((90, 170, 60), 5), "snow": ((235, 240, 250), 5), "night": ((15, 20, 50), 5),
    "fire": ((240, 90, 20), 5), "sand": ((220, 195, 140), 5), "desert": ((215, 170, 110), 5),
    "sun": ((255, 210, 80), 5), "moon": ((220, 225, 235), 5), "lava": ((230, 60, 20), 5),
    "ice": ((190, 230, 245), 5), "leaf": ((70, 150, 50), 5), "rose": ((220, 50, 90), 5),
    "cherry": ((200, 20, 50), 5), "lemon": ((250, 235, 80), 5), "sunrise": ((250, 160, 90), 5),
}
WORDS = """
a an the and or with without of in on at by to from for over under above below behind beside
near between inside outside into onto up down through across around this that these those it its
is are be very some many few one two three four five six seven eight nine ten 0 1 2 3 4 5 6 7 8 9
small tiny little big large huge giant tall short long wide thin thick round square flat
circle square triangle rectangle star heart ring dot dots line lines stripe stripes spiral wave waves
cube sphere ball cone pyramid cylinder hexagon oval diamond cross arrow shape shapes pattern grid
left right top bottom middle center centre corner edge side front back foreground background
dark light bright pale deep soft vivid muted warm cool glowing shiny matte neon pastel colorful
colourful gradient blurry sharp smooth rough simple abstract minimal detailed
water river lake mountain mountains hill hills field flower flowers tree trees cloud clouds rain
storm fog mist beach city street house room window door wall floor garden park sunlight shadow
cat dog bird fish horse person people man woman child face portrait robot car boat ship train
painting photo photograph drawing sketch illustration art style render watercolor oil canvas
light lights glow sparkle smoke dust paper glass metal wood stone plastic fabric
morning evening day dawn dusk summer winter autumn spring
beautiful pretty ugly old new happy sad calm quiet lonely strange cute
high quality best masterpiece realistic cinematic epic lighting
""".split()
PUNCTUATION = list(",.!?-()'\":;&/")
SPECIAL = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]


def vocabulary():
    seen, vocab = set(), list(SPECIAL)
    for w in PUNCTUATION + list(COLOURS) + WORDS:
        if w not in seen:
            seen.add(w)
            vocab.append(w)
    return vocab


def alphas_cumprod():
    betas = np.linspace(0.00085**0.5, 0.012**0.5, 1000, dtype=np.float64) ** 2
    return np.cumprod(1.0 - betas)


def gaussian_kernel(size, sigma):
    x = np.arange(size) - (size - 1) / 2
    k = np.exp(-(x**2) / (2 * sigma**2))
    k2 = np.outer(k, k)
    return k2 / k2.sum()


def rgb_to_scaled_latent(rgb):
    """Minimum-norm latent whose SD_FACTORS projection is the colour; atanh undoes the decoder's tanh."""
    target = np.arctanh(np.clip(np.asarray(rgb, np.float64) / 127.5 - 1.0, -0.95, 0.95))
    return np.linalg.pinv(SD_FACTORS.T) @ target


class TextEncoder(nn.Module):
    """Token + position embedding and one pre-norm causal transformer layer, like a one-layer CLIP.

    Dims 0-3 carry a word's colour (in scaled latent space) and dim 4 its salience. The layer's
    output projections are zero there, so that information reaches the UNet intact.
    """

    def __init__(self, vocab, g):
        super().__init__()
        emb = torch.randn(len(vocab), D, generator=g) * 0.5
        emb[:, :5] = 0
        for i, word in enumerate(vocab):
            if word in COLOURS:
                rgb, salience = COLOURS[word]
                emb[i, :4] = torch.tensor(rgb_to_scaled_latent(rgb), dtype=torch.float32)
                emb[i, 4] = salience
        self.tok = nn.Parameter(emb)
        pos = torch.randn(SEQ, D, generator=g) * 0.1
        pos[:, :5] = 0
        self.pos = nn.Parameter(pos)
        self.ln1, self.ln2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv = nn.Linear(D, 3 * D)
        self.proj = nn.Linear(D, D)
        self.fc1, self.fc2 = nn.Linear(D, 2 * D), nn.Linear(2 * D, D)
        for lin in (self.qkv, self.proj, self.fc1, self.fc2):
            init_linear(lin, g)
        with torch.no_grad():
            for lin in (self.proj, self.fc2):
                lin.weight[:5] = 0
                lin.bias[:5] = 0
        self.register_buffer("mask", torch.triu(torch.full((SEQ, SEQ), -1e4), diagonal=1))

    def forward(self, input_ids):
        x = self.tok[input_ids.long()] + self.pos
        q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=-1)
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(D) + self.mask, dim=-1)
        x = x + self.proj(att @ v)
        return x + self.fc2(F.gelu(self.fc1(self.ln2(x))))


def init_linear(layer, g, scale=1.0):
    """Seeded fan-in scaled normal init for a Linear or Conv2d (weight[0] spans one output's inputs)."""
    with torch.no_grad():
        fan_in = layer.weight[0].numel()
        layer.weight.copy_(torch.randn(layer.weight.shape, generator=g) * scale / math.sqrt(fan_in))
        if layer.bias is not None:
            layer.bias.zero_()


class ColourAttention(nn.Module):
    """The one cross-attention block: image positions (queries) pick colour words (keys, values).

    A position's query is its normalised smooth latent; a word's key is its colour latent plus its
    salience. So a blob that already leans towards a named colour attends to that word and is
    pulled further towards it: regions stay stable across steps instead of flickering between words.
    """

    def __init__(self, dk=5, sharpness=2.0):
        super().__init__()
        self.dk = dk
        self.to_q = nn.Conv2d(4, dk, 1)
        self.to_k = nn.Linear(D, dk)
        self.to_v = nn.Linear(D, 4)
        with torch.no_grad():
            for lin in (self.to_q, self.to_k, self.to_v):
                lin.weight.zero_()
                lin.bias.zero_()
            self.to_q.weight[:4, :, 0, 0] = torch.eye(4) * sharpness
            self.to_k.weight[:4, :4] = torch.eye(4) * sharpness
            # a constant query channel meets the salience key channel, so score = salience + q.k
            self.to_q.bias[-1] = math.sqrt(dk)
            self.to_k.weight[-1, 4] = 1.0
            self.to_v.weight[:, :4] = torch.eye(4) * COLOUR_GAIN

    def forward(self, features, context):
        b, _, h, w = features.shape
        q = self.to_q(features).flatten(2).transpose(1, 2)  # [b, hw, dk]
        att = torch.softmax(q @ self.to_k(context).transpose(1, 2) / math.sqrt(self.dk), dim=-1)
        out = att @ self.to_v(context)  # [b, hw, 4]
        return out.transpose(1, 2).reshape(b, 4, h, w)


class UNet(nn.Module):
    def __init__(self, g):
        super().__init__()
        self.register_buffer("alphas_cumprod", torch.tensor(alphas_cumprod(), dtype=torch.float32))
        self.register_buffer("blur", torch.tensor(gaussian_kernel(9, 2.0), dtype=torch.float32).expand(4, 1, 9, 9).clone())
        self.register_buffer("freqs", torch.exp(-math.log(10000) * torch.arange(16) / 16))
        self.time1, self.time2 = nn.Linear(32, 32), nn.Linear(32, 16)
        self.conv_in = nn.Conv2d(4, 16, 3, padding=1)
        self.conv_mid = nn.Conv2d(16, 16, 3, padding=1)
        self.conv_out = nn.Conv2d(16, 4, 3, padding=1)
        for m in (self.time1, self.time2, self.conv_in, self.conv_mid):
            init_linear(m, g)
        init_linear(self.conv_out, g, scale=0.02)
        self.attn = ColourAttention()

    def smooth(self, x):
        return F.conv2d(F.pad(x, (4, 4, 4, 4), mode="replicate"), self.blur, groups=4)

    def forward(self, sample, timestep, encoder_hidden_states):
        t = timestep.long().clamp(0, 999)
        a = self.alphas_cumprod[t].reshape(-1, 1, 1, 1)
        args = t.float().reshape(-1, 1) * self.freqs
        temb = self.time2(F.silu(self.time1(torch.cat([torch.sin(args), torch.cos(args)], dim=1))))
        low = self.smooth(sample)
        mean = low.mean(dim=(2, 3), keepdim=True)
        std = (low - mean).pow(2).mean(dim=(2, 3), keepdim=True).add(1e-5).sqrt()
        colour = self.attn((low - mean) / std, encoder_hidden_states)
        # E[noise | x_t] for x_0 ~ N(colour, S) with S = S_LOW on smooth content, S_HIGH on detail
        c_low = (1 - a).sqrt() / (a * S_LOW + 1 - a)
        c_high = (1 - a).sqrt() / (a * S_HIGH + 1 - a)
        prior = c_low * (low - a.sqrt() * colour) + c_high * (sample - low)
        h = F.silu(self.conv_in(sample) + temb.reshape(-1, 16, 1, 1))
        texture = self.smooth(self.conv_out(F.silu(self.conv_mid(h))))
        return prior + a.sqrt() * texture


class VaeDecoder(nn.Module):
    """Latent -> RGB projection in channels 0-2, a few feature channels, three smooth x2 stages."""

    def __init__(self, g, width=8):
        super().__init__()
        self.conv_in = nn.Conv2d(4, width, 1)
        init_linear(self.conv_in, g, scale=0.3)
        self.stages = nn.ModuleList(nn.Conv2d(width, width, 3, padding=1) for _ in range(3))
        for conv in self.stages:
            init_linear(conv, g, scale=0.15)
        self.conv_out = nn.Conv2d(width, 3, 1)
        init_linear(self.conv_out, g, scale=0.1)
        with torch.no_grad():
            self.conv_in.weight[:3, :, 0, 0] = torch.tensor(SD_FACTORS.T * SCALING, dtype=torch.float32)
            self.conv_in.bias[:3] = 0
            self.conv_out.weight[:, :3, 0, 0] = torch.eye(3)

    def forward(self, latent_sample):
        h = self.conv_in(latent_sample)
        for conv in self.stages:
            h = F.interpolate(h, scale_factor=2.0, mode="bilinear", align_corners=False)
            h = h + 0.1 * torch.tanh(conv(h))
        return torch.tanh(self.conv_out(h))


class VaeEncoder(nn.Module):
    """Approximate inverse of the decoder: 8x8 average, undo tanh, back-project to latents."""

    def __init__(self):
        super().__init__()
        back = np.linalg.pinv(SD_FACTORS.T * SCALING)  # [4, 3]
        self.register_buffer("back", torch.tensor(back, dtype=torch.float32).reshape(4, 3, 1, 1))

    def forward(self, sample):
        rgb = F.avg_pool2d(sample, 8).clamp(-0.99, 0.99)
        return F.conv2d(0.5 * torch.log((1 + rgb) / (1 - rgb)), self.back)


def export(module, args, path, inputs, outputs, axes):
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        module.eval(), args, str(path), input_names=inputs, output_names=outputs,
        dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True,
    )


def fit_preview_factors(decoder, g):
    """Least-squares latent->RGB map (with bias) against the real decoder at latent resolution."""
    with torch.no_grad():
        white = torch.randn(64, 4, 16, 16, generator=g)
        kernel = torch.tensor(gaussian_kernel(9, 2.0), dtype=torch.float32).expand(4, 1, 9, 9)
        smooth = F.conv2d(F.pad(white, (4, 4, 4, 4), mode="replicate"), kernel, groups=4)
        # finished images are smooth, with latent std between ~0.5 and ~2; mid-run latents are noisier
        strength = torch.linspace(0.5, 2.0, 64).reshape(-1, 1, 1, 1)
        latents = smooth / smooth.std() * strength + 0.2 * torch.randn(64, 4, 16, 16, generator=g)
        rgb = F.avg_pool2d(decoder(latents / SCALING), 8)
    x = latents.permute(0, 2, 3, 1).reshape(-1, 4).double().numpy()
    y = rgb.permute(0, 2, 3, 1).reshape(-1, 3).double().numpy()
    solution, *_ = np.linalg.lstsq(np.hstack([x, np.ones((len(x), 1))]), y, rcond=None)
    return [[round(float(v), 5) for v in row] for row in solution[:4]], [round(float(v), 5) for v in solution[4]]


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def write_tokenizer(vocab):
    ids = {w: i for i, w in enumerate(vocab)}
    special = lambda t: {"id": ids[t], "content": t, "single_word": False, "lstrip": False,
                         "rstrip": False, "normalized": False, "special": True}
    piece = lambda kind, name: {kind: {"id": name, "type_id": 0}}
    write_json(OUT / "tokenizer" / "tokenizer.json", {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t) for t in SPECIAL],
        "normalizer": {"type": "Lowercase"},
        "pre_tokenizer": {"type": "Whitespace"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [piece("SpecialToken", "[BOS]"), piece("Sequence", "A"), piece("SpecialToken", "[EOS]")],
            "pair": [piece("SpecialToken", "[BOS]"), piece("Sequence", "A"), piece("Sequence", "B"),
                     piece("SpecialToken", "[EOS]")],
            "special_tokens": {t: {"id": t, "ids": [ids[t]], "tokens": [t]} for t in ("[BOS]", "[EOS]")},
        },
        "decoder": None,
        "model": {"type": "WordLevel", "vocab": ids, "unk_token": "[UNK]"},
    })
    write_json(OUT / "tokenizer" / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": SEQ,
        "bos_token": "[BOS]", "eos_token": "[EOS]", "pad_token": "[PAD]", "unk_token": "[UNK]",
        "do_lower_case": True,
        "clean_up_tokenization_spaces": True,
    })


def write_configs():
    write_json(OUT / "model_index.json", {
        "_class_name": "OnnxStableDiffusionPipeline",
        "_diffusers_version": "0.30.0",
        "feature_extractor": [None, None],
        "requires_safety_checker": False,
        "safety_checker": [None, None],
        "scheduler": ["diffusers", "DDIMScheduler"],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"],
        "tokenizer": ["transformers", "PreTrainedTokenizerFast"],
        "unet": ["diffusers", "OnnxRuntimeModel"],
        "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"],
    })
    write_json(OUT / "scheduler" / "scheduler_config.json", {
        "_class_name": "DDIMScheduler",
        "_diffusers_version": "0.30.0",
        "num_train_timesteps": 1000,
        "beta_start": 0.00085,
        "beta_end": 0.012,
        "beta_schedule": "scaled_linear",
        "trained_betas": None,
        "steps_offset": 1,
        "set_alpha_to_one": False,
        "clip_sample": False,
        "prediction_type": "epsilon",
        "timestep_spacing": "leading",
    })
    vae = {"_class_name": "AutoencoderKL", "latent_channels": 4, "in_channels": 3, "out_channels": 3,
           "scaling_factor": SCALING}
    write_json(OUT / "vae_decoder" / "config.json", vae)
    write_json(OUT / "vae_encoder" / "config.json", vae)


MODEL_CARD = """# tiny-sd (placeholder)

Generated by `scripts/make-tiny-model.py`; do not edit by hand, re-run the script.

A tiny fixed-weight model in the diffusers/optimum ONNX Stable Diffusion layout, so the whole
pipeline (tokenizer, text encoder, UNet with classifier-free guidance, DDIM, VAE decoder,
previews) runs for real in tests and demos. It is not trained: its weights are partly hand-built so
that DDIM turns noise into soft colour blobs and colour words in the prompt ("red", "sunset",
"ocean", ...) colour regions of the image. Other words only nudge small random features.
"""


def main():
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(20240611)
    vocab = vocabulary()
    text_encoder, unet, decoder, encoder = TextEncoder(vocab, g), UNet(g), VaeDecoder(g), VaeEncoder()
    if OUT.exists():
        shutil.rmtree(OUT)
    write_configs()
    write_tokenizer(vocab)
    with torch.no_grad():
        export(text_encoder, (torch.zeros(1, SEQ, dtype=torch.int32),), OUT / "text_encoder" / "model.onnx",
               ["input_ids"], ["last_hidden_state"], {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}})
        export(unet, (torch.randn(2, 4, 8, 8), torch.tensor([500, 500], dtype=torch.int64), torch.randn(2, SEQ, D)),
               OUT / "unet" / "model.onnx", ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
               {"sample": {0: "batch", 2: "height", 3: "width"}, "timestep": {0: "batch"},
                "encoder_hidden_states": {0: "batch"}, "out_sample": {0: "batch", 2: "height", 3: "width"}})
        export(decoder, (torch.randn(1, 4, 8, 8),), OUT / "vae_decoder" / "model.onnx", ["latent_sample"], ["sample"],
               {"latent_sample": {0: "batch", 2: "height", 3: "width"}, "sample": {0: "batch", 2: "image_height", 3: "image_width"}})
        export(encoder, (torch.randn(1, 3, 64, 64),), OUT / "vae_encoder" / "model.onnx", ["sample"], ["latent_sample"],
               {"sample": {0: "batch", 2: "image_height", 3: "image_width"}, "latent_sample": {0: "batch", 2: "height", 3: "width"}})
    factors, bias = fit_preview_factors(decoder, g)
    write_json(OUT / "kumori.json", {
        "name": "tiny-sd",
        "display_name": "Tiny SD (random weights, for tests)",
        "native_width": 512,
        "native_height": 512,
        "latent_rgb_factors": factors,
        "latent_rgb_bias": bias,
    })
    (OUT / "README.md").write_text(MODEL_CARD)
    size = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {OUT} ({size / 1024:.0f} KiB, vocab {len(vocab)})")


if __name__ == "__main__":
    main()
