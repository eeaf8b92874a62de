import { threadId } from 'node:worker_threads';
import { ok, type Result } from '../../domain/result';
import { loadNsfwClassifier, type NsfwScores } from '../safety/nsfw/classifier';
import { reencodeUploadedImage, type ReencodedImage } from './validate-image';

export type ProcessedUpload = { image: ReencodedImage; scores: NsfwScores; threadId: number };

/**
 * The CPU-heavy half of an upload: decode, validate, re-encode and classify. Runs in the upload
 * thread pool (upload-pool.ts), never on the web's event loop; the NSFW model's inference is
 * synchronous WebAssembly that would hold every other request for its whole run.
 */
export async function processUpload(bytes: Uint8Array): Promise<Result<ProcessedUpload>> {
  const checked = await reencodeUploadedImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  if (!checked.ok) return checked;
  const { image, pixels } = checked;
  const classifier = await loadNsfwClassifier();
  // The pixels just decoded, rather than decoding the new file again; grey ones go as the file.
  const scores = await classifier.classify(pixels.channels === 3 ? { rgb: pixels.data, width: pixels.width, height: pixels.height } : image.bytes);
  return ok({ image, scores, threadId });
}
