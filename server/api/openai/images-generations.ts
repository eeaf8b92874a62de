import 'server-only';
import { fail } from '../../../domain/result';
import { followGeneration } from './follow-generation';
import type { ResultOptions } from './image-results';
import { imagesAnswer } from './images-answer';
import { openAiRoute } from './route';
import { startImages } from './start-images';
import { streamImages } from './stream-images';

/**
 * `POST /v1/images/generations`: answers when the images are done, as OpenAI's does (or streams
 * them with `stream: true`). `Kumori-Generation-Id` names the generation for /api/v1.
 */
export const postImagesGenerations = openAiRoute({ scope: 'generate', post: true }, async (ctx) => {
  const started = await startImages(ctx);
  if (!started.ok) return started;
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
});
