#!/usr/bin/python3
"""Writes worker/models/kumori-demo in the diffusers/optimum ONNX Stable Diffusion layout.

Called by train.py at checkpoints; run by hand to export the latest checkpoint:
  nice -n 15 /usr/bin/python3 scripts/demo-model/export.py
The folder is written beside the old one and swapped in, so a usable export always exists.
"""
import json
import shutil

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

import scenes
from common import EXPORT_DIR, RUNS, SIDE, Vocab, setup_threads
from models import Decoder, Encoder, TextEncoder, UNet

OPSET = 17


class EncoderExport(nn.Module):
    """diffusers' latent_sample is unscaled; the latent mean is folded in so scaled latents are centred."""

    def __init__(self, enc, mean):
        super().__init__()
        self.enc = enc
        self.register_buffer("mean", mean.reshape(1, 4, 1, 1).clone())

    def forward(self, sample):
        return self.enc(sample) - self.mean


class DecoderExport(nn.Module):
    def __init__(self, dec, mean):
        super().__init__()
        self.dec = dec
        self.register_buffer("mean", mean.reshape(1, 4, 1, 1).clone())

    def forward(self, latent_sample):
        return self.dec(latent_sample + self.mean)


def write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2) + "\n")


def onnx_export(module, args, path, inputs, outputs, axes):
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(module.eval(), args, str(path), input_names=inputs, output_names=outputs,
                      dynamic_axes=axes, opset_version=OPSET, do_constant_folding=True)


def write_tokenizer(out, vocab):
    ids = vocab.ids
    special = lambda t: {"id": ids[t], "content": t, "single_word": False, "lstrip": False,
                         "rstrip": False, "normalized": False, "special": True}
    piece = lambda kind, name: {kind: {"id": name, "type_id": 0}}
    write_json(out / "tokenizer" / "tokenizer.json", {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [special(t) for t in scenes.SPECIAL],
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
    write_json(out / "tokenizer" / "tokenizer_config.json", {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "model_max_length": scenes.SEQ,
        "bos_token": "[BOS]", "eos_token": "[EOS]", "pad_token": "[PAD]", "unk_token": "[UNK]",
        "do_lower_case": True,
        "clean_up_tokenization_spaces": True,
    })


def write_configs(out, scaling):
    write_json(out / "model_index.json", {
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
    write_json(out / "scheduler" / "scheduler_config.json", {
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
           "sample_size": SIDE, "scaling_factor": round(float(scaling), 6)}
    write_json(out / "vae_decoder" / "config.json", vae)
    write_json(out / "vae_encoder" / "config.json", vae)
    write_json(out / "unet" / "config.json", {"_class_name": "UNet2DConditionModel", "sample_size": SIDE // 8,
                                               "in_channels": 4, "out_channels": 4, "cross_attention_dim": 128})


def write_scenes(out):
    write_json(out / "scenes.json", {
        "about": "What the demo model was trained on: one shape of a colour on a background of another colour.",
        "canonical_caption": "a {size} {colour} {shape} {position_phrase} on a {background} background",
        "shapes": scenes.SHAPES,
        "colours": {k: list(v) for k, v in scenes.COLOURS.items()},
        "sizes": scenes.SIZE_NAMES,
        "positions": {k: scenes.POSITION_PHRASES[k] for k in scenes.POSITION_NAMES},
    })


def fit_preview(decoder_export, data):
    """Least squares from scaled latents (what the pipeline holds) to the decoded image at latent resolution."""
    g = torch.Generator().manual_seed(0)
    idx = torch.randint(0, len(data["attrs"]), (64,), generator=g)
    scaled = (data["z"][idx] - data["mean"].reshape(1, 4, 1, 1)) * data["scaling"]
    scaled = scaled + 0.1 * torch.randn(scaled.shape, generator=g)
    with torch.no_grad():
        rgb = F.avg_pool2d(decoder_export(scaled / data["scaling"]), 8)
    x = scaled.permute(0, 2, 3, 1).reshape(-1, 4).double().numpy()
    y = rgb.permute(0, 2, 3, 1).reshape(-1, 3).double().numpy()
    solution, *_ = np.linalg.lstsq(np.hstack([x, np.ones((len(x), 1))]), y, rcond=None)
    return [[round(float(v), 5) for v in row] for row in solution[:4]], [round(float(v), 5) for v in solution[4]]


def export_all(vae, data, unet, text, note=""):
    vocab = Vocab()
    enc, dec = Encoder(), Decoder()
    enc.load_state_dict(vae["enc"])
    dec.load_state_dict(vae["dec"])
    enc_x, dec_x = EncoderExport(enc, data["mean"]).eval(), DecoderExport(dec, data["mean"]).eval()
    unet, text = unet.eval(), text.eval()
    tmp = EXPORT_DIR.parent / ".kumori-demo.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    batch_axes = {0: "batch", 2: "height", 3: "width"}
    image_axes = {0: "batch", 2: "image_height", 3: "image_width"}
    with torch.no_grad():
        onnx_export(text, (torch.zeros(1, scenes.SEQ, dtype=torch.int32),), tmp / "text_encoder" / "model.onnx",
                    ["input_ids"], ["last_hidden_state"], {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}})
        onnx_export(unet, (torch.randn(2, 4, 16, 16), torch.tensor([500, 500], dtype=torch.int64),
                           torch.randn(2, scenes.SEQ, 128)), tmp / "unet" / "model.onnx",
                    ["sample", "timestep", "encoder_hidden_states"], ["out_sample"],
                    {"sample": batch_axes, "timestep": {0: "batch"}, "encoder_hidden_states": {0: "batch"},
                     "out_sample": batch_axes})
        onnx_export(dec_x, (torch.randn(1, 4, 16, 16),), tmp / "vae_decoder" / "model.onnx", ["latent_sample"],
                    ["sample"], {"latent_sample": batch_axes, "sample": image_axes})
        onnx_export(enc_x, (torch.randn(1, 3, SIDE, SIDE),), tmp / "vae_encoder" / "model.onnx", ["sample"],
                    ["latent_sample"], {"sample": image_axes, "latent_sample": batch_axes})
    write_configs(tmp, data["scaling"])
    write_tokenizer(tmp, vocab)
    write_scenes(tmp)
    factors, bias = fit_preview(dec_x, data)
    write_json(tmp / "kumori.json", {
        "name": "kumori-demo",
        "display_name": "Kumori demo (shapes)",
        "native_width": SIDE,
        "native_height": SIDE,
        "latent_rgb_factors": factors,
        "latent_rgb_bias": bias,
        "checkpoint": note,
    })
    if (EXPORT_DIR / "README.md").exists():
        shutil.copy(EXPORT_DIR / "README.md", tmp / "README.md")
    old = EXPORT_DIR.parent / ".kumori-demo.old"
    shutil.rmtree(old, ignore_errors=True)
    if EXPORT_DIR.exists():
        EXPORT_DIR.rename(old)
    tmp.rename(EXPORT_DIR)
    shutil.rmtree(old, ignore_errors=True)


def load_latest(use_ema=True):
    """The trained modules from runs/: (vae, data, unet, text)."""
    vocab = Vocab()
    vae, data = torch.load(RUNS / "vae.pt"), torch.load(RUNS / "latents.pt")
    ckpt = torch.load(RUNS / "unet_ckpt.pt")
    unet, text = UNet(), TextEncoder(len(vocab.words), vocab.pad)
    unet.load_state_dict(ckpt["ema_unet" if use_ema else "unet"])
    text.load_state_dict(ckpt["ema_text" if use_ema else "text"])
    return vae, data, unet.eval(), text.eval(), ckpt


def main():
    setup_threads()
    vae, data, unet, text, ckpt = load_latest()
    export_all(vae, data, unet, text, note=f"step {ckpt['step']}, {ckpt['elapsed'] / 60:.0f} min")
    size = sum(f.stat().st_size for f in EXPORT_DIR.rglob("*") if f.is_file())
    print(f"wrote {EXPORT_DIR} ({size / 1e6:.1f} MB) from step {ckpt['step']}")


if __name__ == "__main__":
    main()
