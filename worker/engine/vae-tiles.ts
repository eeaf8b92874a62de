import type { DiffusionModel } from './diffusion-model';

/** Tiles for the VAE, in latent cells (8 pixels each). */
export interface VaeTiling {
  /** Largest tile side. */
  tile: number;
  /** Cells two neighbouring tiles share at least; their outputs cross-fade linearly over them. */
  overlap: number;
}

/** A tile's box on the latent grid. */
export interface TileBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Tiles at the model's native size when the image is larger than it, so the VAE (the memory peak
 * of a large image: its activations grow with the pixel count) never sees more than the model was
 * made for; none when it fits, or when the model does not say its size. A quarter of a tile is
 * shared with each neighbour: wide enough to hide the decoder's edge effects.
 */
export function vaeTilingFor(model: Pick<DiffusionModel, 'nativeWidth' | 'nativeHeight'>, width: number, height: number): VaeTiling | undefined {
  const { nativeWidth, nativeHeight } = model;
  if (!nativeWidth || !nativeHeight) return undefined;
  if (width <= nativeWidth && height <= nativeHeight) return undefined;
  const tile = Math.max(4, Math.floor(Math.min(nativeWidth, nativeHeight) / 8));
  return { tile, overlap: Math.max(1, Math.floor(tile / 4)) };
}

/** Starts of tiles of `tile` cells covering `length` cells, spread evenly, each overlapping the next by `overlap` or more. */
export function tileStarts(length: number, tile: number, overlap: number): number[] {
  if (length <= tile) return [0];
  const count = Math.ceil((length - overlap) / (tile - overlap));
  return Array.from({ length: count }, (_, i) => Math.round((i * (length - tile)) / (count - 1)));
}

export function planTiles(width: number, height: number, { tile, overlap }: VaeTiling): TileBox[] {
  if (overlap >= tile) throw new RangeError(`tile overlap ${overlap} must be smaller than the tile (${tile})`);
  const boxes: TileBox[] = [];
  for (const y of tileStarts(height, tile, overlap)) {
    for (const x of tileStarts(width, tile, overlap)) {
      boxes.push({ x, y, width: Math.min(tile, width), height: Math.min(tile, height) });
    }
  }
  return boxes;
}

export interface TiledRun {
  /** Input planes [channels, height * inScale, width * inScale] where width x height is the latent grid. */
  input: Float32Array;
  inChannels: number;
  inScale: number;
  outChannels: number;
  outScale: number;
  /** The latent grid's size. */
  width: number;
  height: number;
  tiling: VaeTiling;
  /** Runs the VAE on one tile's planes; returns [outChannels, h * outScale, w * outScale]. */
  run(tile: Float32Array, box: TileBox): Promise<Float32Array>;
}

/**
 * Runs a VAE tile by tile, one at a time so memory stays that of one tile, and blends the tiles'
 * outputs: each weighs 1 inside and falls linearly to 0 towards an edge it shares with another
 * tile over `overlap` cells, and the weighted sum is normalised, so two tiles cross-fade linearly
 * and image borders keep full weight. inScale/outScale are pixels per latent cell (1 or 8).
 */
export async function runTiled(job: TiledRun): Promise<Float32Array> {
  const { input, inChannels, inScale, outChannels, outScale, width, height, tiling } = job;
  const inW = width * inScale;
  const inPlane = inW * height * inScale;
  const outW = width * outScale;
  const outPlane = outW * height * outScale;
  const out = new Float32Array(outChannels * outPlane);
  const weights = new Float32Array(outPlane);
  for (const box of planTiles(width, height, tiling)) {
    const tw = box.width * inScale;
    const th = box.height * inScale;
    const tile = new Float32Array(inChannels * tw * th);
    for (let c = 0; c < inChannels; c++) {
      for (let y = 0; y < th; y++) {
        const from = c * inPlane + (box.y * inScale + y) * inW + box.x * inScale;
        tile.set(input.subarray(from, from + tw), (c * th + y) * tw);
      }
    }
    const result = await job.run(tile, box);
    const ow = box.width * outScale;
    const oh = box.height * outScale;
    const ramp = tiling.overlap * outScale;
    const wx = edgeRamp(ow, box.x > 0, box.x + box.width < width, ramp);
    const wy = edgeRamp(oh, box.y > 0, box.y + box.height < height, ramp);
    for (let y = 0; y < oh; y++) {
      const row = (box.y * outScale + y) * outW + box.x * outScale;
      for (let x = 0; x < ow; x++) {
        const w = wx[x] * wy[y];
        weights[row + x] += w;
        for (let c = 0; c < outChannels; c++) out[c * outPlane + row + x] += result[(c * oh + y) * ow + x] * w;
      }
    }
  }
  for (let p = 0; p < outPlane; p++) {
    for (let c = 0; c < outChannels; c++) out[c * outPlane + p] /= weights[p];
  }
  return out;
}

/** 1 in the middle, rising linearly from the edges shared with a neighbour (never 0, so every pixel is covered). */
function edgeRamp(length: number, rampStart: boolean, rampEnd: boolean, ramp: number): Float32Array {
  const w = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    let v = 1;
    if (rampStart) v = Math.min(v, (i + 0.5) / ramp);
    if (rampEnd) v = Math.min(v, (length - i - 0.5) / ramp);
    w[i] = v;
  }
  return w;
}
