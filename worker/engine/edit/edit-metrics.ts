/** Figures that judge an edit, shared by the edit tests and bench/edit.ts. Images are interleaved RGB. */

export type Rgb = readonly [number, number, number];

export interface Disc {
  cx: number;
  cy: number;
  radius: number;
}

/** A disc of `fill` on `background`, the edge pixels mixed by their covered share (4x4 samples). */
export function drawDisc(width: number, height: number, disc: Disc, fill: Rgb, background: Rgb): Uint8Array {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let covered = 0;
      for (let s = 0; s < 16; s++) {
        const dx = x + ((s % 4) + 0.5) / 4 - disc.cx;
        const dy = y + (Math.floor(s / 4) + 0.5) / 4 - disc.cy;
        if (dx * dx + dy * dy <= disc.radius * disc.radius) covered++;
      }
      for (let c = 0; c < 3; c++) rgb[(y * width + x) * 3 + c] = Math.round(background[c] + ((fill[c] - background[c]) * covered) / 16);
    }
  }
  return rgb;
}

/** 255 inside the disc grown by `grow` pixels, 0 elsewhere. */
export function discMask(width: number, height: number, disc: Disc, grow: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  const r = disc.radius + grow;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - disc.cx;
      const dy = y + 0.5 - disc.cy;
      if (dx * dx + dy * dy <= r * r) mask[y * width + x] = 255;
    }
  }
  return mask;
}

/** PSNR in dB of `a` against `b` over the pixels `where` selects (Infinity when they are equal there). */
export function psnr(a: Uint8Array, b: Uint8Array, where: (p: number) => boolean = () => true): number {
  let sum = 0;
  let count = 0;
  for (let p = 0; p < a.length / 3; p++) {
    if (!where(p)) continue;
    for (let c = 0; c < 3; c++) sum += (a[p * 3 + c] - b[p * 3 + c]) ** 2;
    count += 3;
  }
  if (count === 0) throw new RangeError('no pixels selected');
  return sum === 0 ? Infinity : 10 * Math.log10((255 * 255) / (sum / count));
}

/** The share of the selected pixels whose nearest palette colour is each one. */
export function colourFractions<K extends string>(rgb: Uint8Array, palette: Record<K, Rgb>, where: (p: number) => boolean): Record<K, number> {
  const names = Object.keys(palette) as K[];
  const counts = Object.fromEntries(names.map((k) => [k, 0])) as Record<K, number>;
  let total = 0;
  for (let p = 0; p < rgb.length / 3; p++) {
    if (!where(p)) continue;
    counts[nearestColour(rgb, palette, p)]++;
    total++;
  }
  for (const name of names) counts[name] /= total;
  return counts;
}

/**
 * The seam check: the mean absolute difference per channel (0..255) between the result and the
 * original over the ring of pixels within `ring` of the mask's edge, on both sides. Where the
 * original's colour should carry on across the edge (the background around a masked object), a
 * seam or colour shift shows as a large value; a seamless join keeps it near 0. `where` narrows
 * the ring (e.g. to the pixels the result paints as background, leaving out new content that
 * reaches the edge).
 */
export function seamDifference(
  result: Uint8Array,
  original: Uint8Array,
  mask: Uint8Array,
  width: number,
  height: number,
  { ring = 3, where = () => true }: { ring?: number; where?: (p: number) => boolean } = {},
): number {
  let sum = 0;
  let count = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (!where(p) || !nearEdge(mask, width, height, x, y, ring)) continue;
      for (let c = 0; c < 3; c++) sum += Math.abs(result[p * 3 + c] - original[p * 3 + c]);
      count += 3;
    }
  }
  return count === 0 ? 0 : sum / count;
}

/** Whether pixel p's nearest palette colour is `name`. */
export function isNearest<K extends string>(rgb: Uint8Array, palette: Record<K, Rgb>, name: K): (p: number) => boolean {
  return (p) => nearestColour(rgb, palette, p) === name;
}

function nearestColour<K extends string>(rgb: Uint8Array, palette: Record<K, Rgb>, p: number): K {
  let best = '' as K;
  let bestDistance = Infinity;
  for (const name of Object.keys(palette) as K[]) {
    const [r, g, b] = palette[name];
    const d = (rgb[p * 3] - r) ** 2 + (rgb[p * 3 + 1] - g) ** 2 + (rgb[p * 3 + 2] - b) ** 2;
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return best;
}

function nearEdge(mask: Uint8Array, width: number, height: number, x: number, y: number, ring: number): boolean {
  const inside = mask[y * width + x] >= 128;
  for (let dy = -ring; dy <= ring; dy++) {
    for (let dx = -ring; dx <= ring; dx++) {
      const [nx, ny] = [x + dx, y + dy];
      if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
      if (mask[ny * width + nx] >= 128 !== inside) return true;
    }
  }
  return false;
}
