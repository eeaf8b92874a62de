"""Scenes and captions for the everyday model: an emoji picture (or two, or one of the shapes model's
shapes) on a plain background of one of the eight colours.

A scene is a dict: concept (index into CONCEPT_NAMES: the three shapes, then the emoji), colour
(shapes only), background, size, position, concept2 (the right-hand picture of a pair, or NONE).
"""
import functools

import numpy as np
from PIL import Image

import emoji_catalog
import scenes

SHAPE_SHARE, PAIR_SHARE = 0.2, 0.1
SPRITE_SIDE = {"small": 0.4, "large": 0.66}  # longest side as a fraction of the image side
PAIR_SIDE = 0.4
TOO_CLOSE = 70  # RGB distance at which a picture's pixel is lost in the background
MAX_LOST = 0.2
VAGUE_ALIASES = set("""face cream beverage stone engine monster letter hearts decoration prints pod wedge americas
office springs stop light departure arrival popper streamer arts pong hole curl dividers note wings flag pen key
pick lamp paper ground rain wind root plate knife spoon meridians japan glasses liquid slide wheel coaster railway
cableway tramway net game cap wave drink box vehicle""".split())  # a background is not used for a picture that loses more of its pixels than this


@functools.lru_cache(maxsize=1)
def catalog():
    return emoji_catalog.load_concepts()


def emoji_names():
    return [c["name"].lower() for c in catalog()]


def concept_names():
    return scenes.SHAPES + emoji_names()


def none_index():
    return len(concept_names())


def aliases():
    """Short names people type ("an apple" for "red apple"): the noun of a two-word name, given to the
    first concept (priority order) that ends with it, unless a concept is named that or it is vague."""
    names = emoji_names()
    taken = set(names) | set(scenes.SHAPES) | VAGUE_ALIASES
    out = {}
    for i, name in enumerate(names):
        words = emoji_catalog.words_of(name)
        last = words[-1]
        if len(words) == 2 and last.isalpha() and len(last) > 2 and last not in taken:
            out[i] = last
            taken.add(last)
    return out


@functools.lru_cache(maxsize=1)
def allowed_backgrounds():
    """Per emoji, the background colours it stays visible on (like a shape never on its own colour)."""
    palette = np.array([scenes.COLOURS[c] for c in scenes.COLOUR_NAMES], np.float32)
    result = []
    for c in catalog():
        px = c["sprite"].reshape(-1, 4).astype(np.float32)
        px = px[px[:, 3] > 128, :3]
        lost = (np.linalg.norm(px[:, None, :] - palette[None], axis=2) < TOO_CLOSE).mean(axis=0)
        ok = [i for i in range(len(palette)) if lost[i] < MAX_LOST]
        result.append(ok if len(ok) >= 3 else list(np.argsort(lost)[:3]))
    return result


def vocabulary():
    words = scenes.vocabulary()
    extra = " ".join(emoji_names()) + " " + " ".join(aliases().values()) + " and next to beside some two"
    for w in emoji_catalog.words_of(extra):
        if w not in words:
            words.append(w)
    return words


def random_attributes(rng):
    n_shapes = len(scenes.SHAPES)
    r = rng.random()
    if r < SHAPE_SHARE:
        a = scenes.random_attributes(rng)
        return {"concept": a["shape"], "colour": a["colour"], "background": a["background"], "size": a["size"],
                "position": a["position"], "concept2": none_index()}
    allowed = allowed_backgrounds()
    first = int(rng.integers(len(catalog())))
    if r < SHAPE_SHARE + PAIR_SHARE:
        second = int(rng.integers(len(catalog() ) - 1))
        second += second >= first
        common = [b for b in allowed[first] if b in allowed[second]] or allowed[first]
        return {"concept": n_shapes + first, "colour": -100, "background": int(common[rng.integers(len(common))]),
                "size": -100, "position": -100, "concept2": n_shapes + second}
    return {"concept": n_shapes + first, "colour": -100,
            "background": int(allowed[first][rng.integers(len(allowed[first]))]),
            "size": int(rng.integers(len(scenes.SIZE_NAMES))), "position": int(rng.integers(len(scenes.POSITION_NAMES))),
            "concept2": none_index()}


@functools.lru_cache(maxsize=20000)
def sprite_at(index, px):
    """The emoji resized so its longest side is px, as float32 RGBA in [0, 1] (premultiplied)."""
    sprite = catalog()[index]["sprite"]
    h, w = sprite.shape[:2]
    scale = px / max(h, w)
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    im = np.asarray(Image.fromarray(sprite, "RGBA").resize(size, Image.LANCZOS)).astype(np.float32) / 255
    return np.concatenate([im[..., :3] * im[..., 3:], im[..., 3:]], axis=-1)


def paste(canvas, sprite, cx, cy):
    """Composites a premultiplied sprite centred at (cx, cy) pixels, clipped to the canvas."""
    h, w = sprite.shape[:2]
    x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
    side = canvas.shape[0]
    sx0, sy0 = max(0, -x0), max(0, -y0)
    x1, y1 = min(side, x0 + w), min(side, y0 + h)
    if x1 <= max(x0, 0) or y1 <= max(y0, 0):
        return
    part = sprite[sy0:sy0 + y1 - max(y0, 0), sx0:sx0 + x1 - max(x0, 0)]
    region = canvas[max(y0, 0):y1, max(x0, 0):x1]
    region *= 1 - part[..., 3:]
    region += part[..., :3]


def draw(a, rng, side=128, jitter=True):
    """HWC float32 image in [0, 1]."""
    n_shapes = len(scenes.SHAPES)
    if a["concept"] < n_shapes:
        return scenes.draw({"shape": a["concept"], "colour": a["colour"], "background": a["background"],
                            "size": a["size"], "position": a["position"]}, rng, side, jitter)
    bg = np.array(scenes.COLOURS[scenes.COLOUR_NAMES[a["background"]]], np.float32) / 255
    canvas = np.broadcast_to(bg, (side, side, 3)).copy()
    j = (lambda s: rng.uniform(-s, s)) if jitter else (lambda s: 0.0)
    if a["concept2"] != none_index():
        for index, cx in ((a["concept"], 0.28), (a["concept2"], 0.72)):
            px = int(round(PAIR_SIDE * side * (1 + j(0.08))))
            paste(canvas, sprite_at(index - n_shapes, px), (cx + j(0.03)) * side, (0.5 + j(0.05)) * side)
        return canvas
    frac = SPRITE_SIDE[scenes.SIZE_NAMES[a["size"]]] * (1 + j(0.1))
    cx, cy = scenes.POSITIONS[scenes.POSITION_NAMES[a["position"]]]
    half = frac / 2 + 0.01  # keep the whole picture inside the frame
    cx = min(max(cx + j(0.03), half), 1 - half)
    cy = min(max(cy + j(0.03), half), 1 - half)
    paste(canvas, sprite_at(a["concept"] - n_shapes, int(round(frac * side))), cx * side, cy * side)
    return canvas


def with_article(name, rng=None):
    plural = name.endswith("s") and not name.endswith("ss")
    if rng is not None and rng.random() < 0.25:
        return f"{['the', 'one', 'a single'][rng.integers(3)]} {name}" if not plural else f"some {name}"
    if plural:
        return name
    return f"{'an' if name[0] in 'aeiou' else 'a'} {name}"


def emoji_phrase(index, rng):
    """The words for one picture: its name, or sometimes its short alias."""
    n_shapes = len(scenes.SHAPES)
    alias = aliases().get(index - n_shapes)
    name = emoji_names()[index - n_shapes]
    return alias if alias and rng.random() < 0.3 else name


def canonical_caption(a):
    """The form tests use: 'a large red apple on the left on a blue background'."""
    if a["concept"] < len(scenes.SHAPES):
        return scenes.canonical_caption({"shape": a["concept"], "colour": a["colour"], "background": a["background"],
                                         "size": a["size"], "position": a["position"]})
    bg = scenes.COLOUR_NAMES[a["background"]]
    names = concept_names()
    if a["concept2"] != none_index():
        return f"{with_article(names[a['concept']])} and {with_article(names[a['concept2']])} on a {bg} background"
    size = scenes.SIZE_NAMES[a["size"]]
    pos = scenes.POSITION_PHRASES[scenes.POSITION_NAMES[a["position"]]][0]
    return f"{with_article(size + ' ' + names[a['concept']])} {pos} on a {bg} background"


def random_caption(a, rng, partial_p=0.15, unk_p=0.05):
    """(text, mention): a caption in a random form; mention says which attributes it states."""
    if a["concept"] < len(scenes.SHAPES):
        text, mention = scenes.random_caption({"shape": a["concept"], "colour": a["colour"], "background": a["background"],
                                               "size": a["size"], "position": a["position"]}, rng, partial_p, unk_p)
        return text, mention
    pick = lambda options: options[rng.integers(len(options))]
    mention = {"size": True, "position": True, "background": True}
    if a["concept2"] != none_index():
        mention["size"] = mention["position"] = False
        if rng.random() < partial_p:
            mention["background"] = False
        first = with_article(emoji_phrase(a["concept"], rng), rng)
        second = with_article(emoji_phrase(a["concept2"], rng), rng)
        obj = f"{first} {pick(['and', 'and', 'next to', 'beside'])} {second}"
        pos = ""
    else:
        if rng.random() < partial_p:
            for key in mention:
                mention[key] = rng.random() < 0.5
        name = emoji_phrase(a["concept"], rng)
        size = scenes.SIZE_NAMES[a["size"]]
        if rng.random() < 0.1:
            size = {"small": pick(["little", "tiny", "small"]), "large": pick(["big", "huge", "large"])}[size]
        obj = with_article(f"{size} {name}" if mention["size"] else name, rng)
        pos = pick(scenes.POSITION_PHRASES[scenes.POSITION_NAMES[a["position"]]]) if mention["position"] else ""
    if mention["background"]:
        bg = scenes.COLOUR_NAMES[a["background"]]
        noun = pick(scenes.BACKGROUND_NOUNS)
        template = rng.integers(4)
        bg_phrase = pick([f"on a {bg} {noun}", f"against a {bg} {noun}", f"on a plain {bg} {noun}", f"on {bg}"])
        if template == 0:
            parts = [obj, pos, bg_phrase]
        elif template == 1:
            parts = [obj, bg_phrase, pos]
        elif template == 2:
            parts = [f"a {bg} {noun} with", obj, pos]
        else:
            parts = [f"{bg} {noun},", obj, pos]
    else:
        parts = [obj, pos]
    text = " ".join(w.strip() for w in [pick(scenes.PREFIXES), *parts, pick(scenes.SUFFIXES)] if w.strip()).strip(" ,")
    if rng.random() < unk_p:
        tokens = text.split(" ")
        tokens.insert(int(rng.integers(len(tokens) + 1)), "zzunknown")
        text = " ".join(tokens)
    return text, mention


def render_batch(rng, n, side=128):
    """n random scenes as NCHW in [-1, 1] plus their attribute dicts."""
    import torch

    attrs = [random_attributes(rng) for _ in range(n)]
    images = np.stack([draw(a, rng, side) for a in attrs])
    return torch.from_numpy(images).permute(0, 3, 1, 2) * 2 - 1, attrs
