#!/usr/bin/python3
"""Writes worker/models/kumori-everyday (diffusers/optimum ONNX layout, like kumori-demo) plus its
concepts.json: every picture it knows, its words, the backgrounds it is drawn on and its 8x8 colour
layout, which the TS concept checker compares generated pictures with.

Called by train_everyday.py at checkpoints; by hand it exports the latest checkpoint:
  nice -n 15 /usr/bin/python3 scripts/demo-model/export_everyday.py
The folder is written beside the old one and swapped in; README.md is kept.
"""
import json
import shutil

import numpy as np
import torch

import emoji_catalog
import everyday_scenes as es
import scenes
from everyday_common import EXPORT_DIR, RUNS, UNET_CHANNELS, Vocab, attr_sizes
from export import (DecoderExport, EncoderExport, fit_preview, onnx_export, write_configs, write_json,
                    write_scenes, write_tokenizer)
from common import SIDE, setup_threads
from everyday_unet import EverydayUNet, load_grown
from models import Decoder, Encoder, TextEncoder

MODEL_ID = "kumori-everyday"
DESCRIPTION = ("Draws one of {n} everyday things (animals, food, vehicles, buildings, weather, sports and household "
               "objects, from the Noto Color Emoji pictures), or two side by side, small or large, on the left, right, "
               "top, bottom or centre, on a plain red, green, blue, yellow, purple, orange, white or black "
               "background. It also draws the shapes model's coloured circles, squares and triangles. It knows "
               "no other words.")
EXAMPLES = ["a red apple on a blue background", "a large cat face on a blue background",
            "a small rocket at the top on a white background", "a sunflower on a purple background",
            "a dog face and a cat face on a green background", "a large pizza in the centre on a black background",
            "a snowman on a blue background", "a large red circle on a blue background"]


def concept_entries():
    """concepts.json's list: shapes first, as the text heads number them."""
    aliases = es.aliases()
    out = [{"name": s, "kind": "shape", "words": [s]} for s in scenes.SHAPES]
    for i, c in enumerate(es.catalog()):
        entry = {"name": c["name"].lower(), "kind": "emoji", "emoji": c["char"], "group": c["group"],
                 "subgroup": c["subgroup"], "words": [c["name"].lower()] + ([aliases[i]] if i in aliases else []),
                 "backgrounds": [scenes.COLOUR_NAMES[b] for b in es.allowed_backgrounds()[i]],
                 "layout": [round(float(v), 3) for v in emoji_catalog.layout_vector(c["sprite"])]}
        out.append(entry)
    return out


def write_compact_json(path, data):
    """Like write_json, but each entry of a list on one line: concepts.json stays small and diffable."""
    def dump(value, indent):
        pad = " " * indent
        if isinstance(value, dict):
            items = [f'{pad}  {json.dumps(k)}: {dump(v, indent + 2).lstrip()}' for k, v in value.items()]
            return pad + "{\n" + ",\n".join(items) + "\n" + pad + "}"
        if isinstance(value, list) and any(isinstance(v, dict) for v in value):
            return pad + "[\n" + ",\n".join(pad + "  " + json.dumps(v, ensure_ascii=False) for v in value) + "\n" + pad + "]"
        return pad + json.dumps(value)
    path.write_text(dump(data, 0) + "\n", encoding="utf-8")


def known_examples(vocab):
    """Example prompts whose every word the tokenizer knows (the page shows them as they are)."""
    return [p for p in EXAMPLES if all(w in vocab.ids for w in scenes.split_words(p))]


def write_metadata(out, data, dec_x, vocab, note):
    concepts = concept_entries()
    write_compact_json(out / "concepts.json", {
        "about": "What the everyday model knows: pictures (the three shapes, then Noto Color Emoji) with the words "
                 "that name them and the backgrounds they were drawn on. layout: 8x8 cells of the picture cropped "
                 "to its bounding box, each [r*c, g*c, b*c, c] with colour in 0..1 and c the coverage; the concept "
                 "checker compares generated pictures with it.",
        "canonical_caption": "a {size} {name} {position_phrase} on a {background} background",
        "layout_side": emoji_catalog.LAYOUT,
        "sizes": scenes.SIZE_NAMES,
        "positions": {k: scenes.POSITION_PHRASES[k] for k in scenes.POSITION_NAMES},
        "colours": {k: list(v) for k, v in scenes.COLOURS.items()},
        "concepts": concepts,
    })
    write_scenes(out)  # the shapes model's vocabulary, which this model keeps
    factors, bias = fit_preview(dec_x, data)
    n = len(concepts) - len(scenes.SHAPES)
    write_json(out / "kumori.json", {
        "name": MODEL_ID,
        "display_name": "Kumori everyday",
        "native_width": SIDE,
        "native_height": SIDE,
        "latent_rgb_factors": factors,
        "latent_rgb_bias": bias,
        "checkpoint": note,
        "short_name": "the everyday model",
        "description": DESCRIPTION.format(n=n),
        "example_prompts": known_examples(vocab),
        "test": False,
        "max_unet_batch": 16,
    })


def export_all(vae, data, unet, text, note=""):
    vocab = Vocab()
    enc, dec = Encoder(), Decoder()
    enc.load_state_dict(vae["enc"])
    dec.load_state_dict(vae["dec"])
    enc_x, dec_x = EncoderExport(enc, data["mean"]).eval(), DecoderExport(dec, data["mean"]).eval()
    unet, text = unet.eval(), text.eval()
    tmp = EXPORT_DIR.parent / f".{MODEL_ID}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    batch_axes = {0: "batch", 2: "height", 3: "width"}
    image_axes = {0: "batch", 2: "image_height", 3: "image_width"}
    try:
        with torch.no_grad():
            onnx_export(text, (torch.zeros(1, scenes.SEQ, dtype=torch.int32),), tmp / "text_encoder" / "model.onnx",
                        ["input_ids"], ["last_hidden_state"],
                        {"input_ids": {0: "batch"}, "last_hidden_state": {0: "batch"}})
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
        write_metadata(tmp, data, dec_x, vocab, note)
    finally:
        unet.train(), text.train()
    if (EXPORT_DIR / "README.md").exists():
        shutil.copy(EXPORT_DIR / "README.md", tmp / "README.md")
    old = EXPORT_DIR.parent / f".{MODEL_ID}.old"
    shutil.rmtree(old, ignore_errors=True)
    if EXPORT_DIR.exists():
        EXPORT_DIR.rename(old)
    tmp.rename(EXPORT_DIR)
    shutil.rmtree(old, ignore_errors=True)


def load_latest(use_ema=True):
    """The trained modules from runs-everyday/: (vae, data, unet, text, checkpoint)."""
    vocab = Vocab()
    vae, data = torch.load(RUNS / "vae.pt"), torch.load(RUNS / "latents.pt")
    ckpt = torch.load(RUNS / "unet_ckpt.pt")
    unet, text = EverydayUNet(UNET_CHANNELS, attr_sizes()), TextEncoder(len(vocab.words), vocab.pad)
    load_grown(unet, {k: v.float() for k, v in ckpt["ema_unet" if use_ema else "unet"].items()})
    text.load_state_dict({k: v.float() for k, v in ckpt["ema_text" if use_ema else "text"].items()})
    return vae, data, unet.eval(), text.eval(), ckpt


def main():
    setup_threads()
    vae, data, unet, text, ckpt = load_latest()
    export_all(vae, data, unet, text, note=f"step {ckpt['step']}, {ckpt['elapsed'] / 60:.0f} min")
    size = sum(f.stat().st_size for f in EXPORT_DIR.rglob("*") if f.is_file())
    print(f"wrote {EXPORT_DIR} ({size / 1e6:.1f} MB) from step {ckpt['step']}")


if __name__ == "__main__":
    main()
