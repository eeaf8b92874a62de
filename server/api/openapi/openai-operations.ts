import { z } from 'zod';
import { imagesGenerationRequestSchema, imagesResponseSchema, modelListSchema } from '../openai/schemas';
import { named, type Operation } from './operation';

// The multipart form of POST /v1/images/edits; server/api/openai/images-edits.ts reads it.
const imagesEditFormSchema = z.object({
  image: z.file().meta({ description: 'The image to edit: PNG, JPEG or WebP, at most 10 MB. `image[]` is accepted too (the first is edited).' }),
  mask: z.file().optional().meta({ description: 'PNG of the image\'s size: fully transparent pixels mark the area to edit (or white on an opaque black-and-white mask).' }),
  prompt: z.string(),
  n: z.string().optional().meta({ description: '1 to 4.' }),
  size: z.string().optional().meta({ description: 'WIDTHxHEIGHT of the answer (the image is resized to it); default the image\'s size.' }),
  response_format: z.enum(['b64_json', 'url']).optional(),
  output_format: z.enum(['png', 'jpeg', 'webp']).optional(),
  stream: z.enum(['true', 'false']).optional(),
  strength: z.string().optional().meta({ description: 'Kumori: how far an unmasked edit moves from the image, 0.05 to 1 (0.6).' }),
  model: z.string().optional(),
  steps: z.string().optional(),
  seed: z.string().optional(),
});

const openAiImagesResponseSchema = imagesResponseSchema.meta({ description: "As OpenAI's Images API answers." });
const openAiModelListSchema = modelListSchema.meta({ description: 'The installed models, by the names requests use.' });

const openAi = { tag: 'OpenAI compatible', openAiErrors: true } as const;

export const OPENAI_OPERATIONS: Operation[] = [
  {
    ...openAi,
    method: 'post',
    path: '/v1/images/generations',
    operationId: 'createImagesOpenAi',
    summary: 'Generate images, as OpenAI\'s Images API',
    description:
      'For OpenAI\'s SDKs: set `baseURL` to `<host>/v1` and use a Kumori key. Waits for the images; with `stream: true` answers ' +
      'Server-Sent Events (`image_generation.partial_image`, `image_generation.completed`). A retry by the SDK attaches to the first attempt.',
    scope: 'generate',
    request: { ...named('OpenAiImagesRequest', imagesGenerationRequestSchema), contentType: 'application/json' },
    response: { ...named('OpenAiImagesResponse', openAiImagesResponseSchema), status: 200, description: 'The images.' },
    errors: ['invalid', 'malformed', 'too_large', 'prompt_blocked', 'insufficient_credits', 'key_cap_reached', 'limit_reached', 'queue_unavailable'],
  },
  {
    ...openAi,
    method: 'post',
    path: '/v1/images/edits',
    operationId: 'editImagesOpenAi',
    summary: 'Edit an image, as OpenAI\'s Images API',
    description:
      'Multipart, as OpenAI\'s: `image` (or `image[]`, the first is edited) and an optional `mask` of the same size whose fully transparent ' +
      'pixels mark the area to edit (an opaque black-and-white mask works too, white marking it). Without a mask, an image with ' +
      'transparency has that area filled, an opaque one is changed as a whole (image to image, `strength`). Answers as images/generations.',
    scope: 'generate',
    request: { ...named('OpenAiImagesEditForm', imagesEditFormSchema), contentType: 'multipart/form-data' },
    response: { ...named('OpenAiImagesResponse', openAiImagesResponseSchema), status: 200, description: 'The edited images.' },
    errors: ['invalid', 'malformed', 'too_large', 'prompt_blocked', 'insufficient_credits', 'key_cap_reached', 'limit_reached', 'queue_unavailable', 'blocked_content'],
  },
  {
    ...openAi,
    method: 'get',
    path: '/v1/models',
    operationId: 'listModelsOpenAi',
    summary: 'Installed models, as OpenAI lists them',
    scope: 'read',
    response: { ...named('OpenAiModelList', openAiModelListSchema), status: 200, description: 'The models.' },
    errors: [],
  },
];
