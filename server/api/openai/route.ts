import 'server-only';
import { fail, ok, type Failure, type Result } from '../../../domain/result';
import { BODY_LIMITS, readBodyCapped, readFormCapped } from '../../http/read-body';
import { authenticateApiRequest, requireScope, type ApiCaller, type ApiScope } from '../authenticate';
import { firstField } from '../errors';
import { openAiError } from '../openai-errors';
import { limitApiCall, mergeRateLimitHeaders } from '../rate-limit';

export type OpenAiContext = {
  req: Request;
  caller: ApiCaller;
  /** The parsed JSON body on POSTs; null otherwise. */
  body: unknown;
  /** The raw body, for matching a retried request to its first attempt. */
  rawBody: Buffer | null;
  /** The multipart form on `form` routes (image edits); null otherwise. */
  form: FormData | null;
  /**
   * Takes one unit of the plan's generations a minute, its headers joining the answer's; called
   * only when work is about to be queued, so a retry that attaches to its first attempt is free.
   */
  takeGeneration: () => Promise<Result>;
};

type Options = {
  scope: ApiScope;
  post?: boolean;
  /** A multipart/form-data POST (files), read up to this many bytes, instead of JSON. */
  formMaxBytes?: number;
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
    const limit = await limitApiCall(caller, ['request']);
    if (!limit.allowed) return openAiFailure(fail('rate_limited', limit.message), limit.headers, limit.retryAfterSeconds);
    const headers = { ...limit.headers };
    let retryAfterSeconds: number | undefined;
    const takeGeneration = async (): Promise<Result> => {
      const generation = await limitApiCall(caller, ['generation']);
      mergeRateLimitHeaders(headers, generation.headers);
      if (generation.allowed) return ok();
      retryAfterSeconds = generation.retryAfterSeconds;
      return fail('rate_limited', generation.message);
    };
    const allowed = requireScope(caller, options.scope);
    if (!allowed.ok) return openAiFailure(allowed, headers);

    let body: unknown = null;
    let rawBody: Buffer | null = null;
    let form: FormData | null = null;
    if (options.formMaxBytes) {
      const read = await readFormCapped(req, options.formMaxBytes);
      if (!read.ok) return openAiFailure(read, headers);
      form = read.form;
    } else if (options.post) {
      const read = await readBodyCapped(req, BODY_LIMITS.json);
      if (!read.ok) return openAiFailure(read, headers);
      rawBody = read.bytes;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return openAiFailure(fail('malformed', 'We could not parse the JSON body of your request.'), headers);
      }
    }
    const result = await fn({ req, caller, body, rawBody, form, takeGeneration });
    if (!(result instanceof Response)) return openAiFailure(result, headers, retryAfterSeconds);
    for (const [name, value] of Object.entries(headers)) result.headers.set(name, value);
    if (!result.headers.has('Cache-Control')) result.headers.set('Cache-Control', 'no-store');
    return result;
  };
}
