import { apiError } from '@/server/api/errors';
import { everyMethod } from '@/server/http/unknown-route';
import { fail } from '@/domain/result';

export const dynamic = 'force-dynamic';

/** An unknown /api/v1 path answers in the v1 error shape, so API clients parse one shape everywhere. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod((req) =>
  apiError(fail('not_found', `No API route at ${new URL(req.url).pathname}.`)),
);
