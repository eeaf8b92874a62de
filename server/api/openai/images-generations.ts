import 'server-only';
import { answerImages } from './answer-images';
import { openAiRoute } from './route';
import { startImages } from './start-images';

/** `POST /v1/images/generations`: answers when the images are done, as OpenAI's does (or streams them with `stream: true`). */
export const postImagesGenerations = openAiRoute({ scope: 'generate', post: true }, async (ctx) => {
  const started = await startImages(ctx);
  return started.ok ? answerImages(ctx, started) : started;
});
