import { openAiError } from '@/server/api/openai-errors';
import { everyMethod } from '@/server/http/unknown-route';
import { fail } from '@/domain/result';

export const dynamic = 'force-dynamic';

/** An unknown /v1 path answers in OpenAI's error shape, so the SDKs raise NotFoundError with a message. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod((req) =>
  openAiError(fail('not_found', `Unknown request URL: ${req.method} ${new URL(req.url).pathname}.`), { headers: { 'Cache-Control': 'no-store' } }),
);
