import 'server-only';
import { fail, ok, type Failure, type Result } from '../../../domain/result';
import { getGeneration } from '../../generations/read';
import { imageResult, imagesOf, type ResultOptions } from './image-results';

type View = NonNullable<Awaited<ReturnType<typeof getGeneration>>>;

/**
 * OpenAI's usage counts tokens; Kumori's unit of cost is the credit, so a token here is a credit
 * charged for the images (after any refund), and prompts cost nothing.
 */
export function usageOf(view: Pick<View, 'cost' | 'refunded'>) {
  const credits = Math.max(0, view.cost - view.refunded);
  return {
    input_tokens: 0,
    input_tokens_details: { image_tokens: 0, text_tokens: 0 },
    output_tokens: credits,
    output_tokens_details: { image_tokens: credits, text_tokens: 0 },
    total_tokens: credits,
  };
}

export const sizeOf = (view: Pick<View, 'params'>) => `${view.params.width}x${view.params.height}`;

/** Why a generation that did not succeed has no images, as the error an OpenAI client expects. */
export function endedWithoutImages(view: View): Failure {
  const reason = view.error ?? 'The generation did not finish.';
  switch (view.status) {
    case 'blocked':
      return fail('prompt_blocked', reason);
    case 'cancelled':
      return fail('invalid', `Generation ${view.id} was cancelled.`);
    case 'failed':
      return fail('unavailable', `Generation ${view.id} failed: ${reason}${view.refunded > 0 ? ' Its credits were refunded.' : ''}`);
    default:
      // Still queued or running after the wait: the SDK retries a 503, and its retry attaches to this generation.
      return fail('unavailable', `Generation ${view.id} is still ${view.status}; retry the request to keep waiting, or follow /api/v1/generations/${view.id}/events.`);
  }
}

/** The finished generation as OpenAI's ImagesResponse: `data` in image order, each image as asked. */
export async function imagesAnswer(userId: string, id: string, options: ResultOptions): Promise<Result<{ body: Record<string, unknown>; view: View }>> {
  const view = await getGeneration(userId, id);
  if (!view) return fail('not_found', 'Generation not found.');
  if (view.status !== 'succeeded') return endedWithoutImages(view);
  const rows = await imagesOf(id);
  const data = await Promise.all(
    rows.map(async (row) => ({ ...(await imageResult(row, userId, options)), revised_prompt: view.params.prompt })),
  );
  return ok({
    view,
    body: {
      created: Math.floor(Date.parse(view.createdAt) / 1000),
      data,
      output_format: options.outputFormat,
      size: sizeOf(view),
      usage: usageOf(view),
    },
  });
}
