/**
 * The mask on the latent grid (one value per 8x8 pixel cell, row-major): 1 where any pixel of
 * the cell has a weight above 0, else 0. Max-pooling rather than averaging or nearest sampling,
 * so every cell the mask (and its feather) touches is repainted: an edge between two cells never
 * keeps a sliver of the old content (InvokeAI #2447).
 */
export function maskToLatentGrid(alpha: Float32Array, width: number, height: number): Float32Array {
  if (width % 8 !== 0 || height % 8 !== 0) throw new RangeError(`mask size ${width}x${height} is not on the 8-pixel grid`);
  const columns = width / 8;
  const grid = new Float32Array(columns * (height / 8));
  for (let y = 0; y < height; y++) {
    const row = (y >> 3) * columns;
    for (let x = 0; x < width; x++) {
      if (alpha[y * width + x] > 0) grid[row + (x >> 3)] = 1;
    }
  }
  return grid;
}

/** Image planes (CHW, [-1, 1]) with every pixel of a repainted cell set to 0, as diffusers' `image * (mask < 0.5)` does. */
export function maskImagePlanes(planes: Float32Array, grid: Float32Array, width: number, height: number): Float32Array {
  const out = planes.slice();
  const plane = width * height;
  const columns = width / 8;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (grid[(y >> 3) * columns + (x >> 3)] === 0) continue;
      const p = y * width + x;
      for (let c = 0; c < planes.length / plane; c++) out[c * plane + p] = 0;
    }
  }
  return out;
}
