import 'server-only';
import { fail, type Failure } from '../../../domain/result';
import { BODY_LIMITS, readBodyCapped } from '../../http/read-body';
import { authenticateApiRequest, requireScope, type ApiCaller, type ApiScope } from '../authenticate';
import { firstField } from '../errors';
import { openAiError } from '../openai-errors';
import { limitApiCall, type ApiLimitKind } from '../rate-limit';

export type OpenAiContext = {
  req: Request;
  caller: ApiCaller;
  /** The parsed JSON body on POSTs; null otherwise. */
  body: unknown;
  /** The raw body, for matching a retried request to its first attempt. */
  rawBody: Buffer | null;
};

type Options = {
  scope: ApiScope;
  /** 'request' always; 'generation' too on routes that queue work. */
  limits: ApiLimitKind[];
  post?: boolean;
};

/**
 * A validation failure's message is "Some settings need fixing." with one message per field;
 * an OpenAI client shows only `message`, so it gets the field's own.
 */
function withFieldMessage(failure: Failure): Failure {
  const field = firstField(failure);
  const message = field ? failure.error.fields?.[field] : undefined;
  return message && failure.error.code === 'invalid' ? { ...failure, error: { ...failure.error, message } } : failure;
}

export function openAiFailure(failure: Failure, headers: Record<string, string> = {}, retryAfterSeconds?: number): Response {
  return openAiError(withFieldMessage(failure), { headers: { 'Cache-Control': 'no-store', ...headers }, retryAfterSeconds });
}

/**
 * Every OpenAI-compatible `/v1` route: the API key (as OpenAI's `Authorization: Bearer`), the rate
 * limits (their headers on every answer, success or not), the scope, the bounded JSON body; every
 * failure in OpenAI's error shape and statuses, so the official SDKs raise their usual errors.
 */
export function openAiRoute(options: Options, fn: (ctx: OpenAiContext) => Promise<Response | Failure>) {
  return async (req: Request): Promise<Response> => {
    const auth = await authenticateApiRequest(req);
    if (!auth.ok) return openAiFailure(auth);
    const { caller } = auth;
    const limit = await limitApiCall(caller, options.limits);
    if (!limit.allowed) return openAiFailure(fail('rate_limited', limit.message), limit.headers, limit.retryAfterSeconds);
    const allowed = requireScope(caller, options.scope);
    if (!allowed.ok) return openAiFailure(allowed, limit.headers);

    let body: unknown = null;
    let rawBody: Buffer | null = null;
    if (options.post) {
      const read = await readBodyCapped(req, BODY_LIMITS.json);
      if (!read.ok) return openAiFailure(read, limit.headers);
      rawBody = read.bytes;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return openAiFailure(fail('malformed', 'We could not parse the JSON body of your request.'), limit.headers);
      }
    }
    const result = await fn({ req, caller, body, rawBody });
    if (!(result instanceof Response)) return openAiFailure(result, limit.headers);
    for (const [name, value] of Object.entries(limit.headers)) result.headers.set(name, value);
    if (!result.headers.has('Cache-Control')) result.headers.set('Cache-Control', 'no-store');
    return result;
  };
}
