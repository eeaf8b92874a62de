import { parseArgs } from 'node:util';
import { embedWatermark, extractWatermark } from '../server/provenance/watermark';
import { readSlots } from '../server/provenance/watermark/extract';
import { lumaPlane } from '../server/provenance/watermark/luma';
import { decodeCodeword, encodeCodeword, messageBits } from '../server/provenance/watermark/payload';
import { attacks, syntheticImage, type RawImage, type SyntheticKind } from '../worker/testing/watermark-test-images';

// Watermark robustness: for each size and attack, slot bit-error rate before voting and decoding,
// message bit-error rate after, and how often the exact 64-bit id comes back; plus PSNR and timings.
const { values } = parseArgs({ options: { images: { type: 'string', default: '20' }, sizes: { type: 'string', default: '128x128,512x512,768x512' } } });
const count = Number(values.images);
const sizes = values.sizes.split(',').map((s) => s.split('x').map(Number) as [number, number]);
const kinds: SyntheticKind[] = ['scene', 'poster', 'texture', 'gradient', 'scene'];

const chain = (...steps: ((img: RawImage) => Promise<RawImage>)[]) => async (img: RawImage) => {
  for (const step of steps) img = await step(img);
  return img;
};
const scenarios: [string, (img: RawImage) => Promise<RawImage>][] = [
  ['none', async (img) => img],
  ['JPEG q80', attacks.jpeg(80)],
  ['JPEG q70', attacks.jpeg(70)],
  ['50% resize', attacks.halve],
  ['50% resize, then JPEG q80', chain(attacks.halve, attacks.jpeg(80))],
  ['JPEG q80, then 50% resize', chain(attacks.jpeg(80), attacks.halve)],
];

function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return 10 * Math.log10((255 * 255) / (sum / a.length));
}

const pct = (x: number) => `${(100 * x).toFixed(2)}%`.padStart(8);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchSize(width: number, height: number) {
  const totals = scenarios.map(() => ({ raw: 0, decoded: 0, detected: 0 }));
  const psnrs: number[] = [];
  const embedMs: number[] = [];
  const extractMs: number[] = [];
  let falsePositives = 0;
  for (let i = 0; i < count; i++) {
    const original = syntheticImage(kinds[i % kinds.length], width, height, 1000 + i);
    const payload = BigInt.asUintN(64, BigInt(i + 1) * 0x9e3779b97f4a7c15n);
    let t = performance.now();
    const marked = embedWatermark(original, width, height, 3, payload);
    embedMs.push(performance.now() - t);
    psnrs.push(psnr(original, marked));
    if (extractWatermark(original, width, height, 3).found) falsePositives++;

    const codeword = encodeCodeword(payload);
    const message = messageBits(payload);
    for (const [index, [, attack]] of scenarios.entries()) {
      const img = await attack({ data: marked, width, height, channels: 3 });
      t = performance.now();
      const reading = extractWatermark(img.data, img.width, img.height, img.channels);
      if (index === 0) extractMs.push(performance.now() - t);
      // Error rates against the truth, read at the scale the image was actually marked at.
      const slots = readSlots(lumaPlane(img.data, img.width, img.height, img.channels), img.width, img.height, { width, height });
      let rawErrors = 0;
      for (let s = 0; s < slots.slots.length; s++) if ((slots.slots[s] < 0 ? 1 : 0) !== codeword[slots.layout.bit[s]]) rawErrors++;
      const decoded = decodeCodeword(slots.bits).message;
      const total = totals[index];
      total.raw += rawErrors / slots.slots.length / count;
      total.decoded += decoded.reduce((n, bit, b) => n + (bit !== message[b] ? 1 : 0), 0) / message.length / count;
      if (reading.found && reading.payload === payload) total.detected++;
    }
  }
  console.log(`\n${width}x${height}, ${count} images: PSNR mean ${(psnrs.reduce((a, b) => a + b) / count).toFixed(1)} dB, min ${Math.min(...psnrs).toFixed(1)} dB; embed ${median(embedMs).toFixed(1)} ms, extract ${median(extractMs).toFixed(1)} ms (medians); unmarked originals found: ${falsePositives}/${count}`);
  console.log(`${'attack'.padEnd(28)} ${'raw BER'.padStart(8)} ${'decoded'.padStart(8)} detected`);
  for (const [index, [name]] of scenarios.entries()) {
    const total = totals[index];
    console.log(`${name.padEnd(28)} ${pct(total.raw)} ${pct(total.decoded)} ${`${total.detected}/${count}`.padStart(8)}`);
  }
}

async function main() {
  console.log('raw BER: slot readings wrong before voting and decoding; decoded: message bits wrong after Viterbi; detected: exact 64-bit id with a valid CRC.');
  for (const [width, height] of sizes) await benchSize(width, height);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
