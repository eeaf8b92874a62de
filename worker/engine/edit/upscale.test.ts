import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sharedDemoModel } from '../../testing/demo-model';
import { decodeLatents } from '../decode-latents';
import { encodeImageLatents, rgbBytesToChw } from '../encode-image';
import { generate } from '../pipeline';
import { vaeTilingFor } from '../vae-tiles';
import { drawDisc, psnr } from './edit-metrics';
import { UPSCALE_STRENGTH, upscaleInput, upscaledSide } from './upscale';

const demoModel = sharedDemoModel();
afterEach(() => {
  vi.restoreAllMocks();
});

/** The [height, width] of every call to a VAE session's input, passing the call through. */
function recordSizes(session: InferenceSession, inputName: string): number[][] {
  const sizes: number[][] = [];
  const run = session.run.bind(session);
  vi.spyOn(session, 'run').mockImplementation(((feeds: InferenceSession.FeedsType) => {
    sizes.push((feeds[inputName] as Tensor).dims.slice(2) as number[]);
    return run(feeds);
  }) as InferenceSession['run']);
  return sizes;
}

const small = drawDisc(128, 128, { cx: 50, cy: 70, radius: 28 }, [245, 215, 40], [140, 60, 180]);

describe('upscale x2', () => {
  it('enlarges with Lanczos-3 onto the 8-pixel grid', async () => {
    expect([upscaledSide(128, 2), upscaledSide(100, 1.5), upscaledSide(3, 1)]).toEqual([256, 152, 8]);
    const big = await upscaleInput(small, 128, 128, 2);
    expect([big.width, big.height, big.rgb.length]).toEqual([256, 256, 256 * 256 * 3]);
    // A point sample of the enlargement is the original pixel it came from, away from the edges.
    expect(Array.from(big.rgb.subarray((20 * 256 + 20) * 3, (20 * 256 + 20) * 3 + 3))).toEqual([140, 60, 180]);
  });

  it('turns 128x128 into 256x256 through image to image, the VAE in tiles of the native size', async () => {
    const big = await upscaleInput(small, 128, 128, 2);
    const encoderSizes = recordSizes(demoModel().vaeEncoder!.session, demoModel().vaeEncoder!.inputName);
    const decoderSizes = recordSizes(demoModel().vaeDecoder.session, demoModel().vaeDecoder.inputName);
    const rssBefore = process.resourceUsage().maxRSS;
    const result = await generate(demoModel(), {
      prompt: 'a large yellow circle on a purple background',
      negativePrompt: '',
      width: big.width,
      height: big.height,
      steps: 20,
      guidance: 7.5,
      seed: 5,
      sampler: 'ddim',
      init: { rgb: big.rgb, strength: UPSCALE_STRENGTH },
    });
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    expect([result.width, result.height]).toEqual([256, 256]);
    // 32x32 latents in 16x16 tiles sharing 4: 3 x 3 tiles, each the model's native 128x128.
    expect(encoderSizes).toEqual(Array(9).fill([128, 128]));
    expect(decoderSizes).toEqual(Array(9).fill([16, 16]));
    const similarity = psnr(result.rgb, big.rgb);
    console.log(
      `upscale 128x128 -> 256x256 (DDIM 20, strength ${UPSCALE_STRENGTH}): ${encoderSizes.length} encoder tiles, ` +
        `${decoderSizes.length} decoder tiles; PSNR against the Lanczos enlargement ${similarity.toFixed(1)} dB; ` +
        `peak RSS ${maxRssMiB.toFixed(0)} MiB (${(rssBefore / 1024).toFixed(0)} MiB before the run)`,
    );
    expect(similarity).toBeGreaterThan(22); // the same picture, redrawn
  });

  it('decodes and encodes in tiles close to what one untiled pass gives', async () => {
    const big = await upscaleInput(small, 128, 128, 2);
    const planes = rgbBytesToChw(big.rgb, 256, 256);
    const tiling = vaeTilingFor(demoModel(), 256, 256)!;
    const encoder = demoModel().vaeEncoder!;
    const whole = await encodeImageLatents(encoder, planes, 256, 256, demoModel().scalingFactor);
    const tiled = await encodeImageLatents(encoder, planes, 256, 256, demoModel().scalingFactor, tiling);
    let err = 0;
    let scale = 0;
    whole.forEach((v, i) => {
      err += (v - tiled[i]) ** 2;
      scale += v * v;
    });
    const relative = Math.sqrt(err / scale);
    const decodedWhole = await decodeLatents(demoModel().vaeDecoder, whole, [1, 4, 32, 32], demoModel().scalingFactor);
    const decodedTiled = await decodeLatents(demoModel().vaeDecoder, whole, [1, 4, 32, 32], demoModel().scalingFactor, tiling);
    const decodePsnr = psnr(decodedTiled.rgb, decodedWhole.rgb);
    // The encoder's tile edges, seen where they matter: the image the tiled latents decode to.
    const viaTiledEncode = await decodeLatents(demoModel().vaeDecoder, tiled, [1, 4, 32, 32], demoModel().scalingFactor);
    const encodePsnr = psnr(viaTiledEncode.rgb, decodedWhole.rgb);
    console.log(
      `tiled vs untiled at 256x256: decoder PSNR ${decodePsnr.toFixed(1)} dB; encoder relative RMS error ${relative.toExponential(2)}, ` +
        `its latents decoded PSNR ${encodePsnr.toFixed(1)} dB`,
    );
    expect(decodePsnr).toBeGreaterThan(40);
    expect(relative).toBeLessThan(0.1);
    expect(encodePsnr).toBeGreaterThan(30);
  });
});
