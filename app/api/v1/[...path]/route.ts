import { apiError } from '@/server/api/errors';
import { fail } from '@/domain/result';

export const dynamic = 'force-dynamic';

/** An unknown /api/v1 path answers in the v1 error shape, so API clients parse one shape everywhere. */
function unknownPath(req: Request): Response {
  return apiError(fail('not_found', `No API route at ${new URL(req.url).pathname}.`));
}

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const OPTIONS = unknownPath;
