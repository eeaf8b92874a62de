import 'server-only';
import { fail, type Failure } from '../../../domain/result';
import { followGeneration } from './follow-generation';
import type { ResultOptions } from './image-results';
import { imagesAnswer } from './images-answer';
import type { OpenAiContext } from './route';
import type { StartedImages } from './start-images';
import { streamImages } from './stream-images';

/**
 * The answer to a queued images request (generations or edits alike): when its images are done,
 * as OpenAI's does, or streamed with `stream: true`. `Kumori-Generation-Id` names the generation
 * for /api/v1.
 */
export async function answerImages(ctx: OpenAiContext, started: StartedImages): Promise<Response | Failure> {
  const { request, generationId } = started;
  const userId = ctx.caller.user.id;
  const options: ResultOptions = {
    responseFormat: request.response_format ?? 'b64_json',
    outputFormat: request.output_format ?? 'png',
    compression: request.output_compression,
    origin: new URL(ctx.req.url).origin,
  };
  if (request.stream) return streamImages(ctx.req, userId, started, options);
  const ended = await followGeneration(userId, generationId, { signal: ctx.req.signal });
  if (ended === 'not_found') return fail('not_found', 'Generation not found.');
  const answer = await imagesAnswer(userId, generationId, options);
  if (!answer.ok) return answer;
  return Response.json(answer.body, { headers: { 'Kumori-Generation-Id': generationId } });
}
