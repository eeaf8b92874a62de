import 'server-only';
import sharp from 'sharp';
import { sseResponse } from '../../generations/live-events-sse';
import { getGeneration } from '../../generations/read';
import { openAiErrorBody } from '../openai-errors';
import { followGeneration } from './follow-generation';
import { convertImage, type ResultOptions } from './image-results';
import { imagesAnswer } from './images-answer';
import type { StartedImages } from './start-images';

/** A stream has no client timeout to stay under once its headers are out; this bounds it anyway. */
const STREAM_WAIT_MS = 30 * 60_000;

const QUALITY_SHOWN = { low: 'low', medium: 'medium', standard: 'medium', high: 'high', hd: 'high', auto: 'auto' } as const;

/**
 * Partial image i of k goes out at the first live step at or past (i + 1) / (k + 1) of the run,
 * so k partials spread over it. Frames are coalesced upstream, so a step can be skipped; the
 * threshold is "at or past", never "at".
 */
export const partialDueAt = (index: number, count: number, steps: number) => Math.ceil((steps * (index + 1)) / (count + 1));

/**
 * `stream: true`: OpenAI's image streaming over SSE. `partial_images` (0–3) partial images from
 * the live previews (scaled to the requested size, in the requested format), then one
 * `image_generation.completed` per image; a generation that ends without images sends an `error`
 * event, which the SDK raises as an APIError.
 */
export function streamImages(req: Request, userId: string, started: StartedImages, options: ResultOptions): Response {
  const { request, generationId } = started;
  const partials = request.partial_images ?? 0;
  const common = { background: 'opaque', output_format: options.outputFormat, quality: QUALITY_SHOWN[request.quality ?? 'auto'] };
  return sseResponse({ signal: req.signal, headers: { 'Kumori-Generation-Id': generationId } }, async (sink, signal) => {
    let sent = 0;
    let size: { width: number; height: number } | null = null;
    await followGeneration(userId, generationId, {
      signal,
      timeoutMs: STREAM_WAIT_MS,
      onProgress: async ({ step, steps, preview }) => {
        if (sent >= partials || !preview || step < partialDueAt(sent, partials, steps)) return;
        size ??= await requestedSize(userId, generationId);
        const webp = Buffer.from(preview.slice(preview.indexOf(',') + 1), 'base64');
        const scaled = await sharp(webp).resize(size.width, size.height, { fit: 'fill' }).png().toBuffer();
        const bytes = await convertImage(scaled, options.outputFormat, options.compression);
        sink.event('image_generation.partial_image', {
          type: 'image_generation.partial_image',
          b64_json: bytes.toString('base64'),
          created_at: Math.floor(Date.now() / 1000),
          partial_image_index: sent++,
          size: `${size.width}x${size.height}`,
          ...common,
        });
      },
    });
    // A timeout or a vanished generation is answered by imagesAnswer's error like any other end.
    if (signal.aborted) return;
    const answer = await imagesAnswer(userId, generationId, { ...options, responseFormat: 'b64_json' });
    if (!answer.ok) {
      sink.event('error', openAiErrorBody(answer).body);
      return;
    }
    const { body } = answer;
    for (const image of body.data as Array<{ b64_json: string }>) {
      sink.event('image_generation.completed', {
        type: 'image_generation.completed',
        b64_json: image.b64_json,
        created_at: body.created,
        size: body.size,
        usage: body.usage,
        ...common,
      });
    }
  });
}

async function requestedSize(userId: string, id: string) {
  const view = await getGeneration(userId, id);
  return { width: view?.params.width ?? 512, height: view?.params.height ?? 512 };
}
