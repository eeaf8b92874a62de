#!/usr/bin/python3
"""Writes worker/models/testing/tiny-sd-clip: a random-weight model in the full SD 1.5 ONNX layout.

Run with /usr/bin/python3 (Debian's torch 1.13 + onnx 1.12). Output is deterministic.

Unlike tiny-sd, this model is laid out exactly like an optimum/diffusers export of Stable
Diffusion 1.5, so tests cover the paths real models take:
  * tokenizer/ holds CLIP's vocab.json + merges.txt (no tokenizer.json), with a small synthetic
    vocabulary built the way CLIP builds its own: the 256 byte-level characters, the same with
    "</w>", BPE merges learned from a word list, then <|startoftext|> and <|endoftext|>;
  * the text encoder takes int32 input_ids [batch, sequence] and returns last_hidden_state and
    pooler_output, like optimum's CLIP export;
  * the UNet takes a float32 timestep per batch item (tiny-sd's is int64) and an
    encoder_hidden_states whose sequence axis is dynamic, so long prompts can be chunked;
  * scheduler_config.json is SD 1.5's PNDM config; there is no kumori.json, so defaults apply.
The weights are random: images are noise-like, but deterministic and prompt-dependent.
"""
import json
import math
import shutil
from collections import Counter
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "worker" / "models" / "testing" / "tiny-sd-clip"
OPSET = 17
SEQ = 77
D = 32  # text hidden size
CH = 16  # UNet feature channels
SCALING = 0.18215
BOS, EOS = "<|startoftext|>", "<|endoftext|>"

WORDS = """
a an the of and with in on at by for to from over under is it its this that very
photo photograph picture painting drawing sketch illustration render portrait landscape close up
cat dog bird horse fish person man woman child girl boy face eyes hair hand robot car house city
street tree trees forest flower flowers mountain mountains river lake sea ocean beach sky cloud
clouds sun moon star stars night day morning evening sunset sunrise rain snow fire water light
red orange yellow green blue purple pink brown black white gray grey gold silver
big small tiny large tall old young new beautiful cute dark bright soft sharp blurry detailed
high quality best masterpiece realistic cinematic lighting style art digital oil canvas watercolor
circle square triangle background foreground sitting standing walking running looking wearing
castle village garden field meadow desert island waterfall bridge road window door room kitchen
table chair book lamp candle clock mirror glass stone wood metal paper cloth fur feather leaf
dragon wizard knight princess king queen warrior monster alien astronaut ship boat train plane
anime cartoon comic fantasy science fiction cyberpunk steampunk futuristic ancient medieval vintage
smiling happy sad angry calm peaceful lonely mysterious magical glowing shiny colorful vibrant
pastel neon muted warm cool golden hour volumetric studio natural dramatic soft focus depth field
photorealistic hyperrealistic intricate elegant highly smooth concept trending artstation octane
unreal engine ultra resolution lens wide angle macro shot view perspective composition symmetry
""".split()


def byte_alphabet():
    """GPT-2/CLIP's bytes_to_unicode() values, in its order (printable Latin-1 first)."""
    printable = list(range(0x21, 0x7F)) + list(range(0xA1, 0xAD)) + list(range(0xAE, 0x100))
    chars, extra = [chr(b) for b in printable], 0
    for b in range(256):
        if b not in printable:
            chars.append(chr(256 + extra))
            extra += 1
    return chars


def learn_merges(words):
    """CLIP-style BPE training on a word list: earlier words count as more frequent; ties by pair."""
    corpus = {tuple(w[:-1]) + (w[-1] + "</w>",): len(words) - i for i, w in enumerate(words)}
    merges = []
    while True:
        pairs = Counter()
        for word, freq in corpus.items():
            for pair in zip(word, word[1:]):
                pairs[pair] += freq
        if not pairs:
            return merges
        best = min(pairs, key=lambda p: (-pairs[p], p))
        merges.append(best)
        merged = {}
        for word, freq in corpus.items():
            out, i = [], 0
            while i < len(word):
                if i + 1 < len(word) and (word[i], word[i + 1]) == best:
                    out.append(word[i] + word[i + 1])
                    i += 2
                else:
                    out.append(word[i])
                    i += 1
            merged[tuple(out)] = freq
        corpus = merged


def vocabulary():
    # Punctuation words ("," "!") are single bytes, so "</w>" forms already cover them.
    bytes_ = byte_alphabet()
    merges = learn_merges(list(dict.fromkeys(WORDS)))
    tokens = bytes_ + [b + "</w>" for b in bytes_] + ["".join(m) for m in merges] + [BOS, EOS]
    assert len(set(tokens)) == len(tokens), "duplicate vocabulary entries"
    return {t: i for i, t in enumerate(tokens)}, merges


class TextEncoder(nn.Module):
    """One pre-norm causal transformer layer and a final LayerNorm: CLIP's text model in miniature."""

    def __init__(self, vocab_size):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, D)
        self.pos = nn.Parameter(torch.randn(SEQ, D) * 0.1)
        self.ln1, self.ln2, self.ln_final = nn.LayerNorm(D), nn.LayerNorm(D), nn.LayerNorm(D)
        self.qkv, self.proj = nn.Linear(D, 3 * D), nn.Linear(D, D)
        self.fc1, self.fc2 = nn.Linear(D, 4 * D), nn.Linear(4 * D, D)
        self.register_buffer("mask", torch.triu(torch.full((SEQ, SEQ), -1e4), diagonal=1))

    def forward(self, input_ids):
        seq = input_ids.shape[1]
        x = self.tok(input_ids.long()) + self.pos[:seq]
        q, k, v = self.qkv(self.ln1(x)).chunk(3, dim=-1)
        att = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(D) + self.mask[:seq, :seq], dim=-1)
        x = x + self.proj(att @ v)
        x = self.ln_final(x + self.fc2(F.gelu(self.fc1(self.ln2(x)))))
        # CLIP pools at the end token, which has the highest id in its vocabulary.
        pooled = x[torch.arange(x.shape[0]), input_ids.long().argmax(dim=-1)]
        return x, pooled


class UNet(nn.Module):
    """conv, timestep embedding, one cross-attention over the text, conv; predicts mostly the input."""

    def __init__(self):
        super().__init__()
        self.register_buffer("freqs", torch.exp(-math.log(10000) * torch.arange(8) / 8))
        self.time = nn.Linear(16, CH)
        self.conv_in = nn.Conv2d(4, CH, 3, padding=1)
        self.to_q, self.to_k, self.to_v = nn.Linear(CH, CH), nn.Linear(D, CH), nn.Linear(D, CH)
        self.conv_out = nn.Conv2d(CH, 4, 3, padding=1)

    def forward(self, sample, timestep, encoder_hidden_states):
        args = timestep.reshape(-1, 1) * self.freqs
        temb = self.time(torch.cat([torch.sin(args), torch.cos(args)], dim=1))
        h = F.silu(self.conv_in(sample) + temb.reshape(-1, CH, 1, 1))
        b, c, hh, ww = h.shape
        q = self.to_q(h.flatten(2).transpose(1, 2))
        att = torch.softmax(q @ self.to_k(encoder_hidden_states).transpose(1, 2) / math.sqrt(CH), dim=-1)
        h = h + (att @ self.to_v(encoder_hidden_states)).transpose(1, 2).reshape(b, c, hh, ww)
        return sample + 0.1 * torch.tanh(self.conv_out(F.silu(h)))


class VaeDecoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv_in = nn.Conv2d(4, 8, 3, padding=1)
        self.ups = nn.ModuleList(nn.Conv2d(8, 8, 3, padding=1) for _ in range(3))
        self.conv_out = nn.Conv2d(8, 3, 3, padding=1)

    def forward(self, latent_sample):
        h = self.conv_in(latent_sample)
        for conv in self.ups:
            h = F.silu(conv(F.interpolate(h, scale_factor=2.0, mode="nearest")))
        return torch.tanh(4 * self.conv_out(h))  # gain, so random weights give more than flat grey


class VaeEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.downs = nn.ModuleList(nn.Conv2d(3 if i == 0 else 8, 8, 3, stride=2, padding=1) for i in range(3))
        self.conv_out = nn.Conv2d(8, 4, 3, padding=1)

    def forward(self, sample):
        h = sample
        for conv in self.downs:
            h = F.silu(conv(h))
        return self.conv_out(h)


def export(module, args, path, inputs, outputs, axes):
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(
        module.eval(), args, str(path), input_names=inputs, output_names=outputs,
        dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True,
    )


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def added_token(content):
    return {"__type": "AddedToken", "content": content, "lstrip": False, "normalized": True, "rstrip": False,
            "single_word": False}


def write_tokenizer(vocab, merges):
    write_json(OUT / "tokenizer" / "vocab.json", vocab)
    lines = ["#version: 0.2"] + [f"{a} {b}" for a, b in merges]
    (OUT / "tokenizer" / "merges.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_json(OUT / "tokenizer" / "tokenizer_config.json", {
        "add_prefix_space": False,
        "bos_token": added_token(BOS),
        "do_lower_case": True,
        "eos_token": added_token(EOS),
        "errors": "replace",
        "model_max_length": SEQ,
        "pad_token": EOS,
        "tokenizer_class": "CLIPTokenizer",
        "unk_token": added_token(EOS),
    })
    plain = lambda content: {k: v for k, v in added_token(content).items() if k != "__type"}
    write_json(OUT / "tokenizer" / "special_tokens_map.json", {
        "bos_token": plain(BOS), "eos_token": plain(EOS), "pad_token": EOS, "unk_token": plain(EOS),
    })


def write_configs(vocab_size):
    write_json(OUT / "model_index.json", {
        "_class_name": "OnnxStableDiffusionPipeline",
        "_diffusers_version": "0.30.0",
        "feature_extractor": [None, None],
        "requires_safety_checker": False,
        "safety_checker": [None, None],
        "scheduler": ["diffusers", "PNDMScheduler"],
        "text_encoder": ["diffusers", "OnnxRuntimeModel"],
        "tokenizer": ["transformers", "CLIPTokenizer"],
        "unet": ["diffusers", "OnnxRuntimeModel"],
        "vae_decoder": ["diffusers", "OnnxRuntimeModel"],
        "vae_encoder": ["diffusers", "OnnxRuntimeModel"],
    })
    # Stable Diffusion 1.5's scheduler/scheduler_config.json, unchanged.
    write_json(OUT / "scheduler" / "scheduler_config.json", {
        "_class_name": "PNDMScheduler",
        "_diffusers_version": "0.6.0",
        "beta_end": 0.012,
        "beta_schedule": "scaled_linear",
        "beta_start": 0.00085,
        "num_train_timesteps": 1000,
        "set_alpha_to_one": False,
        "skip_prk_steps": True,
        "steps_offset": 1,
        "trained_betas": None,
        "clip_sample": False,
    })
    write_json(OUT / "text_encoder" / "config.json", {
        "_name_or_path": "tiny-sd-clip", "architectures": ["CLIPTextModel"], "model_type": "clip_text_model",
        "hidden_size": D, "num_hidden_layers": 1, "max_position_embeddings": SEQ, "vocab_size": vocab_size,
        "bos_token_id": vocab_size - 2, "eos_token_id": vocab_size - 1,
    })
    write_json(OUT / "unet" / "config.json", {
        "_class_name": "UNet2DConditionModel", "in_channels": 4, "out_channels": 4, "sample_size": 8,
        "cross_attention_dim": D,
    })
    vae = {"_class_name": "AutoencoderKL", "latent_channels": 4, "in_channels": 3, "out_channels": 3,
           "sample_size": 64, "scaling_factor": SCALING}
    write_json(OUT / "vae_decoder" / "config.json", vae)
    write_json(OUT / "vae_encoder" / "config.json", vae)


MODEL_CARD = """# tiny-sd-clip (test model)

Generated by `scripts/make-sd-test-model.py`; do not edit by hand, re-run the script.

Random weights in the full Stable Diffusion 1.5 ONNX layout as optimum exports it: CLIP
vocab.json + merges.txt (no tokenizer.json), a text encoder with last_hidden_state and
pooler_output, a UNet with a float32 timestep and a dynamic text-sequence axis, PNDM scheduler
config, no kumori.json. Tests load it to cover what real SD exports do; it draws noise, not pictures.
It lives under testing/, which has no model_index.json, so it is never listed as a user model.
"""


def main():
    torch.manual_seed(20240612)
    vocab, merges = vocabulary()
    text_encoder, unet, decoder, encoder = TextEncoder(len(vocab)), UNet(), VaeDecoder(), VaeEncoder()
    if OUT.exists():
        shutil.rmtree(OUT)
    write_configs(len(vocab))
    write_tokenizer(vocab, merges)
    with torch.no_grad():
        export(text_encoder, (torch.zeros(1, SEQ, dtype=torch.int32),), OUT / "text_encoder" / "model.onnx",
               ["input_ids"], ["last_hidden_state", "pooler_output"],
               {"input_ids": {0: "batch_size", 1: "sequence_length"},
                "last_hidden_state": {0: "batch_size", 1: "sequence_length"}, "pooler_output": {0: "batch_size"}})
        export(unet, (torch.randn(2, 4, 8, 8), torch.tensor([500.0, 500.0]), torch.randn(2, SEQ, D)),
               OUT / "unet" / "model.onnx", ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
               {"sample": {0: "batch_size", 2: "height", 3: "width"}, "timestep": {0: "steps"},
                "encoder_hidden_states": {0: "batch_size", 1: "sequence_length"},
                "out_sample": {0: "batch_size", 2: "height", 3: "width"}})
        export(decoder, (torch.randn(1, 4, 8, 8),), OUT / "vae_decoder" / "model.onnx", ["latent_sample"], ["sample"],
               {"latent_sample": {0: "batch_size", 2: "height", 3: "width"},
                "sample": {0: "batch_size", 2: "image_height", 3: "image_width"}})
        export(encoder, (torch.randn(1, 3, 64, 64),), OUT / "vae_encoder" / "model.onnx", ["sample"], ["latent_sample"],
               {"sample": {0: "batch_size", 2: "image_height", 3: "image_width"},
                "latent_sample": {0: "batch_size", 2: "height", 3: "width"}})
    (OUT / "README.md").write_text(MODEL_CARD)
    total = sum(f.stat().st_size for f in OUT.rglob("*") if f.is_file())
    print(f"wrote {OUT.relative_to(ROOT)}: {len(vocab)} tokens, {len(merges)} merges, {total / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
