import sharp from 'sharp';

export const THUMB_SIZE = 256;
/** Enough that no detail survives in a 256 px thumbnail; shapes and colours still hint at what it was. */
export const BLUR_SIGMA = 14;

type Source = { rgb: Uint8Array; width: number; height: number } | { encoded: Buffer };

/**
 * The gallery's WebP thumbnail. An image awaiting review is shown to its owner only blurred;
 * approving it renders the sharp one again from the stored PNG.
 */
export function thumbnailWebp(source: Source, opts: { blur?: boolean } = {}): Promise<Buffer> {
  const input =
    'rgb' in source ? sharp(source.rgb, { raw: { width: source.width, height: source.height, channels: 3 } }) : sharp(source.encoded);
  return input
    .resize({ width: THUMB_SIZE, height: THUMB_SIZE, fit: 'inside', kernel: 'lanczos3' })
    .blur(opts.blur ? BLUR_SIGMA : false)
    .webp({ quality: 82 })
    .toBuffer();
}
