import sharp, { type Sharp } from 'sharp';
import type { StyleEffect } from '../../domain/styles/effects';

export type RgbImage = { rgb: Uint8Array; width: number; height: number };

const raw = ({ rgb, width, height }: RgbImage) => sharp(rgb, { raw: { width, height, channels: 3 } });

/** sharp's output as tightly packed RGB of the same size (removeAlpha: some operations add a channel). */
async function toRgb(pipeline: Sharp, width: number, height: number): Promise<RgbImage> {
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (info.width !== width || info.height !== height || info.channels !== 3) throw new Error(`style effect changed the image to ${info.width}x${info.height}x${info.channels}`);
  return { rgb: new Uint8Array(data.buffer, data.byteOffset, data.length), width, height };
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

function mapPixels(img: RgbImage, f: (out: Uint8Array, i: number, x: number, y: number) => void): RgbImage {
  const out = new Uint8Array(img.rgb);
  for (let y = 0, i = 0; y < img.height; y++) for (let x = 0; x < img.width; x++, i += 3) f(out, i, x, y);
  return { ...img, rgb: out };
}

function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** mulberry32: grain must be the same on every run of the same seed, like the rest of the image. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function applyEffect(img: RgbImage, e: StyleEffect, seed: number): Promise<RgbImage> {
  const { width, height } = img;
  switch (e.kind) {
    case 'enhance':
      return toRgb(raw(img).modulate({ saturation: e.saturation, brightness: e.brightness }), width, height);
    case 'contrast':
      // Around mid-grey, so contrast does not also shift brightness.
      return toRgb(raw(img).linear(e.amount, 128 * (1 - e.amount)), width, height);
    case 'sharpen':
      return toRgb(raw(img).sharpen({ sigma: e.sigma }), width, height);
    case 'blur':
      return toRgb(raw(img).blur(e.sigma), width, height);
    case 'pixelate': {
      const w = Math.max(1, Math.round(width / e.size));
      const h = Math.max(1, Math.round(height / e.size));
      const small = await raw(img).resize(w, h, { kernel: 'cubic', fit: 'fill' }).raw().toBuffer();
      return toRgb(sharp(small, { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'nearest', fit: 'fill' }), width, height);
    }
    case 'vignette': {
      const cx = (width - 1) / 2;
      const cy = (height - 1) / 2;
      const reach = Math.hypot(cx, cy) || 1;
      return mapPixels(img, (o, i, x, y) => {
        const d = Math.hypot(x - cx, y - cy) / reach;
        const k = 1 - e.strength * d * d;
        for (let c = 0; c < 3; c++) o[i + c] = clamp(o[i + c] * k);
      });
    }
    case 'grain': {
      const random = seededRandom(seed ^ 0x9e3779b9);
      // One value per pixel for all channels: film grain is in the luminance, not coloured speckle.
      return mapPixels(img, (o, i) => {
        const n = (random() + random() + random() - 1.5) * 2 * e.amount / 1.5;
        for (let c = 0; c < 3; c++) o[i + c] = clamp(o[i + c] + n);
      });
    }
    case 'duotone': {
      const lo = hexRgb(e.shadow);
      const hi = hexRgb(e.highlight);
      return mapPixels(img, (o, i) => {
        const t = (0.2126 * o[i] + 0.7152 * o[i + 1] + 0.0722 * o[i + 2]) / 255;
        for (let c = 0; c < 3; c++) o[i + c] = clamp(lo[c] + (hi[c] - lo[c]) * t);
      });
    }
    case 'posterize': {
      const step = 255 / (e.levels - 1);
      return mapPixels(img, (o, i) => {
        for (let c = 0; c < 3; c++) o[i + c] = clamp(Math.round(o[i + c] / step) * step);
      });
    }
  }
}

/**
 * A style's post effects, in order, on one decoded image (8-bit RGB, HWC). Runs before NSFW
 * classification and the watermark: the classifier judges the image the user gets, and the
 * watermark is embedded last so no effect (blur, pixelate, posterize) can erase it.
 */
export async function applyStyleEffects(img: RgbImage, effects: readonly StyleEffect[] | undefined, seed: number): Promise<RgbImage> {
  let out = img;
  for (const effect of effects ?? []) out = await applyEffect(out, effect, seed);
  return out;
}
