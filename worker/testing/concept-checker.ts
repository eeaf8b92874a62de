/**
 * Reads which picture an everyday-model image shows, from pixels. The object is what differs from
 * the background (the median colour of the image's border); it is cropped to its bounding box and
 * shrunk to a small colour layout, so the reading does not depend on its size or position, and
 * compared with the layout of every concept's reference render (concepts.json, written by
 * scripts/demo-model/export_everyday.py from the same emoji pictures the model was trained on).
 */
export type Rgb = readonly [number, number, number];
export type ConceptReference = { name: string; layout: readonly number[] };
export type Box = { x0: number; y0: number; x1: number; y1: number };
export type CutOut = { background: Rgb; mask: Uint8Array; box: Box | null; coverage: number };
export type ConceptReading = CutOut & { ranked: { name: string; distance: number }[] };

// RGB distance from the background above which a pixel belongs to the object: far above the
// decoder's noise on flat colour, below the contrast the training data keeps between the two.
const OBJECT_DISTANCE = 60;
// Fewer object pixels than this share of the image: nothing was drawn.
const MIN_COVERAGE = 0.004;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Per-channel median of the 2-pixel frame: a picture touching one edge does not move it. */
export function borderColour(rgb: Uint8Array, width: number, height: number): Rgb {
  const channels: number[][] = [[], [], []];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x > 1 && y > 1 && x < width - 2 && y < height - 2) continue;
      for (let c = 0; c < 3; c++) channels[c].push(rgb[(y * width + x) * 3 + c]);
    }
  }
  return [median(channels[0]), median(channels[1]), median(channels[2])];
}

/** The object's mask and its bounding box (1st..99th percentile, so stray specks do not stretch it). */
export function cutOut(rgb: Uint8Array, width: number, height: number): CutOut {
  const background = borderColour(rgb, width, height);
  const mask = new Uint8Array(width * height);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < width * height; i++) {
    const d = Math.hypot(rgb[i * 3] - background[0], rgb[i * 3 + 1] - background[1], rgb[i * 3 + 2] - background[2]);
    if (d > OBJECT_DISTANCE) {
      mask[i] = 1;
      xs.push(i % width);
      ys.push(Math.floor(i / width));
    }
  }
  const coverage = xs.length / (width * height);
  if (coverage < MIN_COVERAGE) return { background, mask, box: null, coverage };
  xs.sort((a, b) => a - b);
  ys.sort((a, b) => a - b);
  const q = (arr: number[], p: number) => arr[Math.min(arr.length - 1, Math.floor(p * arr.length))];
  return { background, mask, box: { x0: q(xs, 0.01), y0: q(ys, 0.01), x1: q(xs, 0.99) + 1, y1: q(ys, 0.99) + 1 }, coverage };
}

/**
 * side x side cells over the box, each [r*c, g*c, b*c, c] with colours in 0..1 and c the share of
 * the cell the object covers: PIL's box-filter resize of the premultiplied RGBA crop, which is how
 * the references were made. Pixels on a cell boundary count in both cells by their overlap.
 */
export function layoutOf(rgb: Uint8Array, width: number, mask: Uint8Array, box: Box, side = 8): Float64Array {
  const out = new Float64Array(side * side * 4);
  const bw = box.x1 - box.x0;
  const bh = box.y1 - box.y0;
  for (let cy = 0; cy < side; cy++) {
    const fy0 = box.y0 + (cy * bh) / side;
    const fy1 = box.y0 + ((cy + 1) * bh) / side;
    for (let cx = 0; cx < side; cx++) {
      const fx0 = box.x0 + (cx * bw) / side;
      const fx1 = box.x0 + ((cx + 1) * bw) / side;
      const sums = [0, 0, 0, 0];
      let area = 0;
      for (let y = Math.floor(fy0); y < Math.ceil(fy1); y++) {
        const wy = Math.min(y + 1, fy1) - Math.max(y, fy0);
        for (let x = Math.floor(fx0); x < Math.ceil(fx1); x++) {
          const w = wy * (Math.min(x + 1, fx1) - Math.max(x, fx0));
          const i = y * width + x;
          area += w;
          if (!mask[i]) continue;
          for (let c = 0; c < 3; c++) sums[c] += (w * rgb[i * 3 + c]) / 255;
          sums[3] += w;
        }
      }
      for (let c = 0; c < 4; c++) out[(cy * side + cx) * 4 + c] = area > 0 ? sums[c] / area : 0;
    }
  }
  return out;
}

/** Every reference by L2 distance from the layout, nearest first. */
export function rankConcepts(layout: ArrayLike<number>, references: readonly ConceptReference[]): { name: string; distance: number }[] {
  return references
    .map(({ name, layout: ref }) => {
      let d = 0;
      for (let i = 0; i < ref.length; i++) d += (layout[i] - ref[i]) ** 2;
      return { name, distance: Math.sqrt(d) };
    })
    .sort((a, b) => a.distance - b.distance);
}

/** `rgb` is interleaved 8-bit RGB, row-major. `ranked` is empty when no object was found. */
export function readConcept(rgb: Uint8Array, width: number, height: number, references: readonly ConceptReference[]): ConceptReading {
  const cut = cutOut(rgb, width, height);
  if (!cut.box) return { ...cut, ranked: [] };
  const side = Math.round(Math.sqrt(references[0].layout.length / 4));
  return { ...cut, ranked: rankConcepts(layoutOf(rgb, width, cut.mask, cut.box, side), references) };
}

/** The palette entry nearest to a colour (for the background the prompt asked for). */
export function nearestColour(colour: Rgb, palette: Record<string, Rgb>): string {
  let best = '';
  let bestD = Infinity;
  for (const [name, [r, g, b]] of Object.entries(palette)) {
    const d = (colour[0] - r) ** 2 + (colour[1] - g) ** 2 + (colour[2] - b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}
