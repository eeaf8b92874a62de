import { imagesGenerationRequestSchema, imagesResponseSchema, modelListSchema } from '../openai/schemas';
import { openAiErrorSchema } from './error-schemas';
import { named, type Operation } from './operation';

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
    summary: 'Edit images (not supported yet)',
    description: 'Answers 501 `not_implemented` until image editing lands.',
    scope: 'generate',
    response: { ...named('OpenAiError', openAiErrorSchema), status: 501, description: 'Not supported yet.' },
    errors: [],
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
