"""Procedural scenes for the demo model: one anti-aliased shape on a plain background, plus captions.

Every scene is described by five attributes (shape, colour, background, size, position). The same
lists are written to the exported model folder as scenes.json, so tests can draw prompts from them.
"""
import re

import numpy as np

SHAPES = ["circle", "square", "triangle"]
COLOURS = {
    "red": (220, 40, 40),
    "green": (40, 170, 60),
    "blue": (40, 80, 220),
    "yellow": (245, 215, 40),
    "purple": (140, 60, 180),
    "orange": (245, 140, 30),
    "white": (245, 245, 245),
    "black": (20, 20, 20),
}
COLOUR_NAMES = list(COLOURS)
SIZES = {"small": 0.14, "large": 0.27}  # "radius" as a fraction of the image side
SIZE_NAMES = list(SIZES)
POSITIONS = {"left": (0.28, 0.5), "right": (0.72, 0.5), "top": (0.5, 0.28), "bottom": (0.5, 0.72), "centre": (0.5, 0.5)}
POSITION_NAMES = list(POSITIONS)

# How captions say each position; the first is the canonical one.
POSITION_PHRASES = {
    "left": ["on the left", "on the left side", "at the left", "to the left", "left"],
    "right": ["on the right", "on the right side", "at the right", "to the right", "right"],
    "top": ["at the top", "on the top", "at the top of the picture", "near the top", "top"],
    "bottom": ["at the bottom", "on the bottom", "at the bottom of the picture", "near the bottom", "bottom"],
    "centre": ["in the centre", "in the center", "in the middle", "centred", "centered", "at the centre",
               "at the center", "in the middle of the picture", "centre", "center", "middle"],
}
PREFIXES = ["", "", "", "a picture of", "picture of", "an image of", "a photo of", "a drawing of",
            "a simple drawing of", "an illustration of", "image of", "the picture shows", "there is",
            "a flat illustration of", "please draw", "draw"]
ARTICLES = ["a", "a", "a", "one", "the", "a single", ""]
BACKGROUND_NOUNS = ["background", "background", "backdrop"]
SUFFIXES = ["", "", "", "", "", "simple", "flat colours", "plain", "high quality", "minimal"]
SPECIAL = ["[PAD]", "[UNK]", "[BOS]", "[EOS]"]
EXTRA_WORDS = "and with of on in at a an the is are it its picture image photo shows showing".split()
PUNCTUATION = list(",.!?-()'\":;&/")
SEQ = 77


def vocabulary():
    words = list(SPECIAL) + PUNCTUATION + COLOUR_NAMES + SHAPES + SIZE_NAMES + POSITION_NAMES + EXTRA_WORDS
    for phrases in [sum(POSITION_PHRASES.values(), []), PREFIXES, ARTICLES, BACKGROUND_NOUNS, SUFFIXES,
                    ["against", "over", "with", "colour", "color", "coloured", "colored", "shape", "big",
                     "little", "tiny", "huge", "circular", "square", "triangular"]]:
        for phrase in phrases:
            words += split_words(phrase)
    seen, vocab = set(), []
    for w in words:
        if w not in seen:
            seen.add(w)
            vocab.append(w)
    return vocab


def split_words(text):
    """The tokenizer's Lowercase + Whitespace pre-tokenizer: runs of word characters or of punctuation."""
    return re.findall(r"\w+|[^\w\s]+", text.lower())


def tokenize(vocab_ids, text):
    ids = [vocab_ids.get(w, vocab_ids["[UNK]"]) for w in split_words(text)][: SEQ - 2]
    out = [vocab_ids["[BOS]"]] + ids + [vocab_ids["[EOS]"]]
    return out + [vocab_ids["[PAD]"]] * (SEQ - len(out))


def random_attributes(rng):
    colour = rng.integers(len(COLOUR_NAMES))
    background = rng.integers(len(COLOUR_NAMES) - 1)
    background += background >= colour  # never the object's colour
    return {
        "shape": int(rng.integers(len(SHAPES))),
        "colour": int(colour),
        "background": int(background),
        "size": int(rng.integers(len(SIZE_NAMES))),
        "position": int(rng.integers(len(POSITION_NAMES))),
    }


def canonical_caption(a):
    """'a large red circle on the left on a blue background': the form tests use."""
    return (f"a {SIZE_NAMES[a['size']]} {COLOUR_NAMES[a['colour']]} {SHAPES[a['shape']]} "
            f"{POSITION_PHRASES[POSITION_NAMES[a['position']]][0]} on a {COLOUR_NAMES[a['background']]} background")


def random_caption(a, rng, partial_p=0.15, unk_p=0.05):
    """A caption in a random word order with filler words; returns (text, mask of attributes mentioned)."""
    pick = lambda options: options[rng.integers(len(options))]
    mention = {"size": True, "position": True, "background": True}
    if rng.random() < partial_p:
        for key in mention:
            mention[key] = rng.random() < 0.5
    size = SIZE_NAMES[a["size"]]
    if rng.random() < 0.1:
        size = {"small": pick(["little", "tiny", "small"]), "large": pick(["big", "huge", "large"])}[size]
    colour, shape = COLOUR_NAMES[a["colour"]], SHAPES[a["shape"]]
    noun = shape if rng.random() < 0.9 else f"{shape} shape"
    adjectives = [size, colour] if mention["size"] else [colour]
    if len(adjectives) == 2 and rng.random() < 0.1:
        adjectives.reverse()
    obj = " ".join(w for w in [pick(ARTICLES), *adjectives, noun] if w)
    pos = pick(POSITION_PHRASES[POSITION_NAMES[a["position"]]]) if mention["position"] else ""
    bg_colour = COLOUR_NAMES[a["background"]]
    bg_noun = pick(BACKGROUND_NOUNS)
    if mention["background"]:
        template = rng.integers(6)
        bg_phrase = pick([f"on a {bg_colour} {bg_noun}", f"against a {bg_colour} {bg_noun}",
                          f"on a plain {bg_colour} {bg_noun}", f"over a {bg_colour} {bg_noun}", f"on {bg_colour}"])
        if template == 0:
            parts = [obj, pos, bg_phrase]
        elif template == 1:
            parts = [obj, bg_phrase, pos]
        elif template == 2:
            parts = [f"a {bg_colour} {bg_noun} with", obj, pos]
        elif template == 3:
            parts = [obj, pos + ",", f"{bg_colour} {bg_noun}"]
        elif template == 4:
            parts = [f"{bg_colour} {bg_noun},", obj, pos]
        else:
            parts = [pos + "," if pos else "", obj, bg_phrase]
    else:
        parts = [obj, pos] if rng.random() < 0.7 else [pos + "," if pos else "", obj]
    words = [pick(PREFIXES), *parts, pick(SUFFIXES)]
    text = " ".join(w.strip() for w in words if w.strip()).strip(" ,")
    if rng.random() < unk_p:  # an unknown word somewhere, as users type them
        tokens = text.split(" ")
        tokens.insert(int(rng.integers(len(tokens) + 1)), "zzunknown")
        text = " ".join(tokens)
    if rng.random() < 0.3:
        text = text.capitalize()
    return text, mention


def draw(a, rng, side=128, jitter=True):
    """HWC float32 image in [0, 1]: the shape, anti-aliased by its signed distance, on the background."""
    cx, cy = POSITIONS[POSITION_NAMES[a["position"]]]
    r = SIZES[SIZE_NAMES[a["size"]]]
    if jitter:
        cx += rng.uniform(-0.03, 0.03)
        cy += rng.uniform(-0.03, 0.03)
        r *= rng.uniform(0.9, 1.1)
    coords = (np.arange(side, dtype=np.float32) + 0.5) / side
    x, y = coords[None, :] - cx, coords[:, None] - cy
    shape = SHAPES[a["shape"]]
    if shape == "circle":
        d = np.sqrt(x * x + y * y) - r
    elif shape == "square":
        h = r * 0.88
        qx, qy = np.abs(x) - h, np.abs(y) - h
        d = np.sqrt(np.maximum(qx, 0) ** 2 + np.maximum(qy, 0) ** 2) + np.minimum(np.maximum(qx, qy), 0)
    else:  # upright equilateral triangle, centroid at the centre
        R = r * 1.3
        s3 = np.sqrt(3) / 2
        d = np.maximum(np.maximum(y - R / 2, -s3 * x - 0.5 * y - R / 2), s3 * x - 0.5 * y - R / 2)
    cover = np.clip(0.5 - d * side, 0.0, 1.0)[..., None]
    fg = np.array(COLOURS[COLOUR_NAMES[a["colour"]]], np.float32) / 255
    bg = np.array(COLOURS[COLOUR_NAMES[a["background"]]], np.float32) / 255
    return (bg * (1 - cover) + fg * cover).astype(np.float32)
