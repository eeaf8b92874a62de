import { describe, expect, it } from 'vitest';
import { borderColour, cutOut, layoutOf, nearestColour, readConcept, type ConceptReference, type Rgb } from './concept-checker';

type Picture = (u: number, v: number) => Rgb | null; // u, v in 0..1 over the picture's box; null: transparent

const RED: Rgb = [220, 40, 40];
const WHITE: Rgb = [245, 245, 245];
const GREEN: Rgb = [40, 170, 60];
const YELLOW: Rgb = [245, 215, 40];
const BROWN: Rgb = [120, 70, 30];

// Pictures that share colours and differ only in their layout, so a colour histogram would confuse them.
const pictures: Record<string, Picture> = {
  'red-white flag': (u) => (u < 0.5 ? RED : WHITE),
  'white-red flag': (u) => (u < 0.5 ? WHITE : RED),
  'red over white': (_u, v) => (v < 0.5 ? RED : WHITE),
  tree: (u, v) => (v > 0.8 ? (Math.abs(u - 0.5) < 0.1 ? BROWN : null) : Math.abs(u - 0.5) < v * 0.6 ? GREEN : null),
  ball: (u, v) => ((u - 0.5) ** 2 + (v - 0.5) ** 2 < 0.25 ? (Math.abs(v - 0.5) < 0.1 ? YELLOW : GREEN) : null),
};

/** The picture drawn with its box at (x, y) of size w x h on a plain background. */
function draw(picture: Picture, background: Rgb, x: number, y: number, w: number, h: number, side = 128): Uint8Array {
  const rgb = new Uint8Array(side * side * 3);
  for (let py = 0; py < side; py++) {
    for (let px = 0; px < side; px++) {
      const inside = px >= x && px < x + w && py >= y && py < y + h;
      const colour = (inside && picture((px - x + 0.5) / w, (py - y + 0.5) / h)) || background;
      rgb.set(colour, (py * side + px) * 3);
    }
  }
  return rgb;
}

function reference(name: string): ConceptReference {
  const rgb = draw(pictures[name], [0, 0, 0], 4, 4, 120, 120);
  const cut = cutOut(rgb, 128, 128);
  return { name, layout: [...layoutOf(rgb, 128, cut.mask, cut.box!)] };
}

const references = Object.keys(pictures).map(reference);

describe('readConcept', () => {
  it.each([
    ['red-white flag', [40, 80, 220], 10, 60, 40, 30],
    ['white-red flag', [20, 20, 20], 70, 10, 50, 40],
    ['red over white', [40, 80, 220], 30, 30, 70, 70],
    ['tree', WHITE, 80, 70, 40, 50],
    ['ball', [140, 60, 180], 5, 5, 44, 44],
  ] as const)('finds the %s at another size, place and background', (name, background, x, y, w, h) => {
    const reading = readConcept(draw(pictures[name], background as Rgb, x, y, w, h), 128, 128, references);
    expect(reading.ranked[0].name).toBe(name);
    // the box trims the outermost 1% of object pixels, so it may sit a few pixels inside the picture
    const { x0, y0, x1, y1 } = reading.box!;
    expect([x0 - x, y0 - y, x + w - x1, y + h - y1].every((gap) => gap >= 0 && gap <= 4)).toBe(true);
  });

  it('ranks every reference, nearest first', () => {
    const reading = readConcept(draw(pictures.ball, WHITE, 40, 40, 48, 48), 128, 128, references);
    expect(reading.ranked.map((r) => r.name).sort()).toEqual(Object.keys(pictures).sort());
    const distances = reading.ranked.map((r) => r.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
  });

  it('finds no object on a plain image', () => {
    const plain = draw(pictures.ball, RED, 0, 0, 0, 0);
    const reading = readConcept(plain, 128, 128, references);
    expect(reading.ranked).toEqual([]);
    expect(reading.box).toBeNull();
  });
});

describe('borderColour', () => {
  it('reads the background when a large picture touches an edge', () => {
    const rgb = draw(pictures['red over white'], [40, 80, 220], 0, 20, 128, 90);
    expect(nearestColour(borderColour(rgb, 128, 128), { blue: [40, 80, 220], red: RED, white: WHITE })).toBe('blue');
  });
});
