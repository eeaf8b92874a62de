import path from 'node:path';
import { parseArgs } from 'node:util';
import { env } from '../server/env';
import { colourFractions, discMask, drawDisc, isNearest, psnr, seamDifference, type Rgb } from '../worker/engine/edit/edit-metrics';
import { featherMask } from '../worker/engine/edit/mask-feather';
import { generateOnlyMasked } from '../worker/engine/edit/only-masked';
import { UPSCALE_STRENGTH, upscaleInput } from '../worker/engine/edit/upscale';
import { generate, type GenerationRequest } from '../worker/engine/pipeline';
import { loadModel, type LoadedModel } from '../worker/models/load-model';
import { watermarkImage } from '../worker/postprocess/watermark-image';

// Editing figures for issue #16 on the demo model: time per inpaint edit (128x128, DDIM 20, CFG),
// with its PSNR outside the feathered mask (before and after the watermark), the colour fractions
// inside and the seam check; only-masked on a 256x256 image; upscale x2 with the VAE in tiles,
// and peak RSS, against the same upscale with the VAE untiled. Medians over --runs.
const { values } = parseArgs({ options: { model: { type: 'string', default: 'kumori-demo' }, runs: { type: 'string', default: '5' } } });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const RED: Rgb = [220, 40, 40];
const GREEN: Rgb = [40, 170, 60];
const BLUE: Rgb = [40, 80, 220];
const palette = { red: RED, green: GREEN, blue: BLUE };
const rssMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function main() {
  const config = env();
  const model = await loadModel(path.join(config.MODELS_DIR, values.model!), {
    executionProvider: config.EXECUTION_PROVIDER,
    intraOpThreads: config.ORT_INTRA_OP_THREADS || undefined,
    graphOptimizationLevel: config.ORT_GRAPH_OPTIMIZATION,
  });
  const runs = Number(values.runs);
  console.log(`${model.id}, ${runs} runs each, peak RSS after loading: ${rssMiB()} MiB`);
  await benchInpaint(model, runs);
  await benchOnlyMasked(model, runs);
  await benchUpscale(model, runs);
  await model.release();
}

async function benchInpaint(model: LoadedModel, runs: number) {
  const size = 128;
  const disc = { cx: 64, cy: 64, radius: 30 };
  const original = drawDisc(size, size, disc, RED, BLUE);
  const mask = discMask(size, size, disc, 6);
  const alpha = featherMask(mask, size, size, 4);
  const inDisc = (p: number) => ((p % size) + 0.5 - disc.cx) ** 2 + (Math.floor(p / size) + 0.5 - disc.cy) ** 2 <= disc.radius ** 2;
  const request = (seed: number): GenerationRequest => ({
    prompt: 'a large green circle on a blue background', negativePrompt: '', width: size, height: size, steps: 20,
    guidance: 7.5, seed, sampler: 'ddim', init: { rgb: original, strength: 1, mask, maskFeather: 4 },
  });
  await generate(model, request(0)); // warm-up
  const times: number[] = [];
  const rows: string[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const { rgb } = await generate(model, request(i + 1));
    times.push(performance.now() - t);
    const marked = watermarkImage(rgb, size, size).rgb;
    const outside = (p: number) => alpha[p] === 0;
    const fractions = colourFractions(rgb, palette, inDisc);
    const seam = seamDifference(rgb, original, mask, size, size);
    const backgroundSeam = seamDifference(rgb, original, mask, size, size, { where: isNearest(rgb, palette, 'blue') });
    rows.push(
      `  seed ${i + 1}: PSNR outside ${psnr(rgb, original, outside)} dB (${psnr(marked, original, outside).toFixed(1)} dB watermarked); ` +
        `inside red ${(fractions.red * 100).toFixed(1)}%, green ${(fractions.green * 100).toFixed(1)}%; seam ${seam.toFixed(1)}, on background ${backgroundSeam.toFixed(1)}`,
    );
  }
  console.log(`inpaint 128x128, DDIM 20, guidance 7.5, 4-channel blend: ${median(times).toFixed(0)} ms per edit (median)`);
  console.log(rows.join('\n'));
}

async function benchOnlyMasked(model: LoadedModel, runs: number) {
  const size = 256;
  const disc = { cx: 70, cy: 180, radius: 18 };
  const original = drawDisc(size, size, disc, RED, BLUE);
  const mask = discMask(size, size, disc, 4);
  const request = (seed: number): GenerationRequest => ({
    prompt: 'a large green circle on a blue background', negativePrompt: '', width: size, height: size, steps: 20,
    guidance: 7.5, seed, sampler: 'ddim', init: { rgb: original, strength: 1, mask },
  });
  const cropped: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    await generateOnlyMasked(model, request(i));
    cropped.push(performance.now() - t);
    t = performance.now();
    await generate(model, request(i));
    whole.push(performance.now() - t);
  }
  console.log(`inpaint a small mask on 256x256, DDIM 20: only-masked (crop at 128x128) ${median(cropped).toFixed(0)} ms, whole image ${median(whole).toFixed(0)} ms`);
}

async function benchUpscale(model: LoadedModel, runs: number) {
  const upscale = async (m: LoadedModel, from: number, seed: number) => {
    const small = drawDisc(from, from, { cx: from * 0.4, cy: from * 0.55, radius: from * 0.22 }, [245, 215, 40], [140, 60, 180]);
    const big = await upscaleInput(small, from, from, 2);
    return generate(m, {
      prompt: 'a large yellow circle on a purple background', negativePrompt: '', width: big.width, height: big.height,
      steps: 20, guidance: 7.5, seed, sampler: 'ddim', init: { rgb: big.rgb, strength: UPSCALE_STRENGTH },
    });
  };
  for (const from of [128, 256]) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await upscale(model, from, i);
      times.push(performance.now() - t);
    }
    console.log(`upscale x2 ${from} -> ${from * 2}, DDIM 20 at strength ${UPSCALE_STRENGTH} (6 steps), VAE tiled: ${median(times).toFixed(0)} ms; peak RSS so far ${rssMiB()} MiB`);
  }
  // Last, as the high-water mark only grows: the same at 512 without tiles (the model's size unknown).
  await upscale({ ...model, nativeWidth: undefined, nativeHeight: undefined } as unknown as LoadedModel, 256, 0);
  console.log(`  the same 256 -> 512 with the VAE untiled: peak RSS ${rssMiB()} MiB`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
