"""The everyday model's concepts: Noto Color Emoji pictures named by Unicode's emoji-test.txt.

Only single-code-point emoji (optionally with U+FE0F) from the object-like groups are used: no skin
tones, flags, keycaps or ZWJ sequences. Concepts whose small colour layout is nearly the same as an
earlier one are dropped (many yellow faces look alike at 8x8), so every concept can be told apart
from pixels; the list stops at MAX_CONCEPTS.
"""
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = Path("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")
EMOJI_TEST = Path("/usr/share/unicode/emoji/emoji-test.txt")
GROUPS = ["Animals & Nature", "Food & Drink", "Travel & Places", "Activities", "Objects", "Smileys & Emotion"]
# Subgroups of pictures that are mostly text, symbols or hands/people in disguise.
SKIP_SUBGROUPS = {"clock", "emotion", "hand-fingers-open", "time", "monkey-face", "cat-face", "av-symbol",
                  "other-symbol", "alphanum", "keycap", "geometric", "zodiac", "religion", "gender", "math",
                  "punctuation", "currency", "arrow", "warning", "transport-sign", "sky & weather-symbol"}
LAYOUT = 8  # the checker's layout grid
MIN_DISTANCE = 4.0  # between two concepts' layout vectors (see layout_vector)
MAX_CONCEPTS = 420
# Pictures people ask for first: chosen before the rest so the distinctness rule drops their look-alikes.
PRIORITY = ["red apple", "cat face", "dog face", "rocket", "house", "automobile", "sun", "evergreen tree",
            "pizza", "hamburger", "birthday cake", "red heart", "grinning face", "ghost", "robot", "unicorn",
            "rainbow", "cloud", "snowman", "fire", "banana", "strawberry", "teddy bear", "soccer ball",
            "basketball", "guitar", "light bulb", "books", "alarm clock", "bicycle", "sailboat", "airplane",
            "panda", "penguin", "fox", "lion", "tiger face", "frog", "octopus", "butterfly", "sunflower", "rose",
            "cactus", "mushroom", "carrot", "ice cream", "doughnut", "cookie", "hot beverage", "egg", "crown",
            "gem stone", "balloon", "wrapped gift", "umbrella", "star", "full moon", "snowflake", "bus", "ambulance",
            "fire engine", "police car", "taxi", "tractor", "helicopter", "ship", "castle", "tent", "volcano",
            "watermelon", "grapes", "lemon", "cherries", "avocado", "broccoli", "croissant", "taco", "sushi",
            "spiral shell", "turtle", "snake", "whale", "dolphin", "shark", "owl", "chicken", "pig face", "cow face",
            "mouse face", "rabbit face", "bear", "koala", "monkey face", "elephant", "giraffe", "zebra", "horse face"]
SPRITE = 128


def parse_emoji_test():
    """(code points, name, group, subgroup) of fully-qualified emoji, in the file's order."""
    group = subgroup = None
    rows = []
    for line in EMOJI_TEST.read_text(encoding="utf-8").splitlines():
        if line.startswith("# group:"):
            group = line.split(":", 1)[1].strip()
        elif line.startswith("# subgroup:"):
            subgroup = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            points, rest = line.split(";", 1)
            status, comment = rest.split("#", 1)
            if status.strip() != "fully-qualified":
                continue
            name = re.sub(r"^\S+\s+E\d+\.\d+\s+", "", comment.strip())
            rows.append(([int(p, 16) for p in points.split()], name, group, subgroup))
    return rows


def render(char, font):
    """RGBA uint8 array of the emoji, cropped to its alpha bounding box (at most 136 px a side)."""
    im = Image.new("RGBA", (160, 160), (0, 0, 0, 0))
    ImageDraw.Draw(im).text((8, 8), char, font=font, embedded_color=True)
    box = im.getbbox()
    return None if box is None else np.asarray(im.crop(box))


def layout_vector(rgba):
    """8x8 layout of a picture cropped to its object: per cell the mean colour (0..1) weighted by
    coverage, and the coverage; the TS checker computes the same from a generated image's cut-out."""
    im = Image.fromarray(rgba, "RGBA").resize((LAYOUT, LAYOUT), Image.BOX)
    a = np.asarray(im).astype(np.float32) / 255
    # PIL's BOX resize of RGBA averages straight colours; premultiply by coverage
    alpha = a[..., 3:4]
    return np.concatenate([a[..., :3] * alpha, alpha], axis=-1).reshape(-1)


def words_of(name):
    return re.findall(r"\w+|[^\w\s]+", name.lower())


def load_concepts():
    """[{name, char, group, subgroup, sprite (RGBA array)}] after the selection rules above."""
    font = ImageFont.truetype(str(FONT), 109)
    chosen, vectors = [], []
    rows = parse_emoji_test()
    rank = {name: i for i, name in enumerate(PRIORITY)}
    rows.sort(key=lambda row: rank.get(row[1], len(rank)))  # stable: the rest keep the file's order
    for points, name, group, subgroup in rows:
        if group not in GROUPS or subgroup in SKIP_SUBGROUPS:
            continue
        if len(points) > 2 or (len(points) == 2 and points[1] != 0xFE0F):
            continue
        if not name.isascii() or ":" in name or any(ch.isdigit() for ch in name):
            continue
        if group == "Smileys & Emotion" and subgroup not in ("face-smiling", "face-affection", "heart", "face-costume"):
            continue
        char = "".join(chr(p) for p in points)
        sprite = render(char, font)
        if sprite is None or (sprite[..., 3] > 128).mean() < 0.15:
            continue  # thin or mostly empty pictures are hard to see at 40 px
        v = layout_vector(sprite)
        if name not in rank and vectors and np.min(np.linalg.norm(np.stack(vectors) - v, axis=1)) < MIN_DISTANCE:
            continue
        chosen.append({"name": name, "char": char, "group": group, "subgroup": subgroup, "sprite": sprite})
        vectors.append(v)
        if len(chosen) >= MAX_CONCEPTS:
            break
    return chosen


if __name__ == "__main__":
    concepts = load_concepts()
    print(len(concepts))
    from collections import Counter
    print(Counter(c["group"] for c in concepts))
    print([c["name"] for c in concepts])
