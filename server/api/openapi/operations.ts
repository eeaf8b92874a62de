import { z } from 'zod';
import { generationInputSchema } from '../../../domain/generation-params';
import { accountSchema, modelListSchema } from '../v1/account';
import { cancelOutcomeSchema, generationCreatedSchema, generationListSchema, generationSchema, listQuerySchema } from '../v1/generations';
import { imageDeletedSchema, imageListQuerySchema, imageListSchema, imageSchema, imageUpdateSchema } from '../v1/images';
import { uploadSchema } from '../v1/uploads';
import { styleListSchema } from '../v1/styles';
import { OPENAI_OPERATIONS } from './openai-operations';
import { named, type Operation } from './operation';
import { WEBHOOK_OPERATIONS } from './webhook-operations';

export type { Operation } from './operation';

// The multipart form of POST /api/v1/uploads; the route reads it through server/uploads/receive-upload.ts.
const uploadFormSchema = z.object({
  image: z.file().meta({ description: 'PNG, JPEG or WebP, at most 10 MB and 4096×4096 pixels.' }),
});

// OpenAPI 3.1 types a text/event-stream body as one string, not event by event: the events'
// payloads (server/api/v1/events.ts) are described in words; `done` carries the Generation schema.
const eventStreamSchema = z.string().meta({
  description:
    'Server-Sent Events, each `data` JSON: `status` `{id, status}` (queued, running), `progress` `{id, step, steps, preview}` ' +
    '(preview: a WebP data URL or null), then `done` with the generation as GET /api/v1/generations/{id} shows it, and the stream ends. ' +
    'A reconnecting client starts from the current state.',
});

const openApiDocumentSchema = z.record(z.string(), z.unknown()).meta({ description: 'This document.' });

const generation = { tag: 'Generations' } as const;
const image = { tag: 'Images' } as const;

/** Every operation the API offers; the document is built from this list, and a test checks it against app/api/v1. */
export const OPERATIONS: Operation[] = [
  {
    ...generation,
    method: 'post',
    path: '/api/v1/generations',
    operationId: 'createGeneration',
    summary: 'Queue a generation',
    description: 'Checks the prompt policy, charges the credits and queues the job. Poll it, stream its events, or receive a webhook.',
    scope: 'generate',
    request: { ...named('GenerationInput', generationInputSchema), contentType: 'application/json' },
    response: { ...named('GenerationCreated', generationCreatedSchema), status: 202, description: 'Queued.', location: true },
    errors: ['invalid', 'prompt_blocked', 'suspended', 'insufficient_credits', 'key_cap_reached', 'limit_reached', 'not_found', 'queue_unavailable'],
  },
  {
    ...generation,
    method: 'get',
    path: '/api/v1/generations',
    operationId: 'listGenerations',
    summary: 'List generations, newest first',
    scope: 'read',
    query: listQuerySchema,
    response: { ...named('GenerationList', generationListSchema), status: 200, description: 'One page.' },
    errors: ['invalid'],
  },
  {
    ...generation,
    method: 'get',
    path: '/api/v1/generations/{id}',
    operationId: 'getGeneration',
    summary: 'Get a generation: status, progress, images',
    scope: 'read',
    response: { ...named('Generation', generationSchema), status: 200, description: 'The generation.' },
    errors: ['not_found'],
  },
  {
    ...generation,
    method: 'post',
    path: '/api/v1/generations/{id}/cancel',
    operationId: 'cancelGeneration',
    summary: 'Cancel a generation',
    description: 'A queued one is refunded in full; a running one stops after the current step.',
    scope: 'generate',
    response: { ...named('CancelOutcome', cancelOutcomeSchema), status: 200, description: 'What happened.' },
    errors: ['not_found'],
  },
  {
    ...generation,
    method: 'get',
    path: '/api/v1/generations/{id}/events',
    operationId: 'streamGenerationEvents',
    summary: 'Stream a generation\'s events',
    scope: 'read',
    response: { ...named('GenerationEventStream', eventStreamSchema), status: 200, description: 'The event stream.', contentType: 'text/event-stream' },
    errors: ['not_found'],
  },
  {
    ...image,
    method: 'get',
    path: '/api/v1/images',
    operationId: 'listImages',
    summary: 'List and search images, newest first',
    description: 'The gallery\'s search and filters; every filter given must match. A filter changes the pages, so keep the same query while following `nextCursor`.',
    scope: 'read',
    query: imageListQuerySchema,
    response: { ...named('ImageList', imageListSchema), status: 200, description: 'One page.' },
    errors: ['invalid'],
  },
  {
    ...image,
    method: 'get',
    path: '/api/v1/images/{id}',
    operationId: 'getImage',
    summary: 'Get an image',
    scope: 'read',
    response: { ...named('Image', imageSchema), status: 200, description: 'The image.' },
    errors: ['not_found'],
  },
  {
    ...image,
    method: 'patch',
    path: '/api/v1/images/{id}',
    operationId: 'updateImage',
    summary: 'Star or unstar an image',
    scope: 'generate',
    request: { ...named('ImageUpdate', imageUpdateSchema), contentType: 'application/json' },
    response: { ...named('Image', imageSchema), status: 200, description: 'The image after the change.' },
    errors: ['invalid', 'not_found'],
  },
  {
    ...image,
    method: 'delete',
    path: '/api/v1/images/{id}',
    operationId: 'deleteImage',
    summary: 'Delete an image and its files',
    scope: 'generate',
    response: { ...named('ImageDeleted', imageDeletedSchema), status: 200, description: 'Deleted.' },
    errors: ['not_found'],
  },
  {
    tag: 'Uploads',
    method: 'post',
    path: '/api/v1/uploads',
    operationId: 'createUpload',
    summary: 'Upload an init image',
    description: 'For image-to-image: pass the answer\'s `id` as `initImage`. Unused uploads are deleted after UPLOAD_TTL_HOURS (24 by default).',
    scope: 'generate',
    request: { ...named('UploadForm', uploadFormSchema), contentType: 'multipart/form-data' },
    response: { ...named('Upload', uploadSchema), status: 201, description: 'Stored.' },
    errors: ['invalid', 'rate_limited', 'quota_exceeded', 'too_large', 'too_many_pixels', 'too_small', 'empty', 'not_an_image', 'unsupported', 'corrupt', 'blocked_content'],
  },
  {
    tag: 'Account',
    method: 'get',
    path: '/api/v1/me',
    operationId: 'getAccount',
    summary: 'Your balance, plan and limits',
    scope: 'read',
    response: { ...named('Account', accountSchema), status: 200, description: 'The account.' },
    errors: [],
  },
  {
    tag: 'Account',
    method: 'get',
    path: '/api/v1/models',
    operationId: 'listModels',
    summary: 'Installed models',
    scope: 'read',
    response: { ...named('ModelList', modelListSchema), status: 200, description: 'The models.' },
    errors: [],
  },
  {
    tag: 'Generations',
    method: 'get',
    path: '/api/v1/styles',
    operationId: 'listStyles',
    summary: 'Styles a generation may name',
    description: 'Send a slug as `style`: its template wraps the prompt, its effects run on each image, and its suggested settings fill the fields a request leaves out.',
    scope: 'read',
    response: { ...named('StyleList', styleListSchema), status: 200, description: 'The active styles.' },
    errors: [],
  },
  ...WEBHOOK_OPERATIONS,
  ...OPENAI_OPERATIONS,
  {
    tag: 'Meta',
    method: 'get',
    path: '/api/v1/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This OpenAPI document',
    scope: null,
    response: { ...named('OpenApiDocument', openApiDocumentSchema), status: 200, description: 'OpenAPI 3.1.' },
    errors: [],
  },
];
