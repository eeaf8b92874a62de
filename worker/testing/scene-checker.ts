/**
 * Reads a demo-model scene back from pixels: background colour, object colour and shape. The
 * palette is the one the model was trained on (its scenes.json). Used by the adherence test.
 */
export type Palette = Record<string, readonly [number, number, number]>;
export type SceneReading = { background: string; colour: string | null; shape: 'circle' | 'square' | 'triangle' | null; fill: number };

function nearest(palette: [string, readonly number[]][], r: number, g: number, b: number): string {
  let best = palette[0][0];
  let bestD = Infinity;
  for (const [name, [pr, pg, pb]] of palette) {
    const d = (r - pr) ** 2 + (g - pg) ** 2 + (b - pb) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

function mostCommon(counts: Map<string, number>): string | null {
  let best: string | null = null;
  for (const [k, v] of counts) if (best === null || v > counts.get(best)!) best = k;
  return best;
}

/** `rgb` is interleaved 8-bit RGB, row-major. */
export function readScene(rgb: Uint8Array, width: number, height: number, palette: Palette): SceneReading {
  const entries = Object.entries(palette) as [string, readonly number[]][];
  const classes: string[] = new Array(width * height);
  for (let i = 0; i < width * height; i++) classes[i] = nearest(entries, rgb[i * 3], rgb[i * 3 + 1], rgb[i * 3 + 2]);

  // The background is what most of the 2-pixel frame shows (a large shape may touch one edge).
  const frame = new Map<string, number>();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x > 1 && y > 1 && x < width - 2 && y < height - 2) continue;
      const c = classes[y * width + x];
      frame.set(c, (frame.get(c) ?? 0) + 1);
    }
  }
  const background = mostCommon(frame)!;

  const inside = new Map<string, number>();
  for (const c of classes) if (c !== background) inside.set(c, (inside.get(c) ?? 0) + 1);
  const colour = mostCommon(inside);
  if (!colour || inside.get(colour)! < width * height * 0.004) return { background, colour: null, shape: null, fill: 0 };

  // Shape from how much of its bounding box the object fills: triangle 1/2, circle pi/4, square 1.
  // Percentile bounds keep a few stray pixels of the same colour from stretching the box.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < classes.length; i++) {
    if (classes[i] === colour) {
      xs.push(i % width);
      ys.push(Math.floor(i / width));
    }
  }
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const q = (arr: number[], p: number) => arr[Math.min(arr.length - 1, Math.floor(p * arr.length))];
  const bw = q(xs, 0.99) - q(xs, 0.01) + 1;
  const bh = q(ys, 0.99) - q(ys, 0.01) + 1;
  const fill = (xs.length * 0.98) / (bw * bh);
  const shape = fill < 0.64 ? 'triangle' : fill < 0.9 ? 'circle' : 'square';
  return { background, colour, shape, fill };
}
