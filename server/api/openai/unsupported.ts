import 'server-only';
import type { OpenAiErrorBody } from '../openai-errors';
import { openAiRoute } from './route';

/**
 * An OpenAI route Kumori does not offer yet: authenticated and counted like the others, then 501.
 * The SDKs raise a 5xx as InternalServerError and retry it; `x-should-retry: false` spares them.
 */
export function notImplementedRoute(what: string) {
  return openAiRoute({ scope: 'generate' }, async () => {
    const body: OpenAiErrorBody = {
      error: { message: `${what} is not supported by Kumori yet.`, type: 'invalid_request_error', param: null, code: 'not_implemented' },
    };
    return Response.json(body, { status: 501, headers: { 'x-should-retry': 'false' } });
  });
}
