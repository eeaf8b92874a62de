import 'server-only';
import { httpStatusOf } from '../../../domain/error-codes';
import { fail, ok, type Failure } from '../../../domain/result';
import { readBodyCapped, BODY_LIMITS } from '../../http/read-body';
import { authenticateApiRequest, requireScope, type ApiCaller, type ApiScope } from '../authenticate';
import { apiErrorBody } from '../errors';
import { limitApiCall, mergeRateLimitHeaders } from '../rate-limit';
import { openReplay, sealReplay } from './sealed-replay';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  idempotencyKeyOf,
  releaseIdempotentRequest,
  requestHashOf,
  type StoredResponse,
} from '../idempotency';

/** What a v1 handler answers: a failure (mapped by apiError) or a JSON body with its status. */
export type ApiReply = Failure | { ok: true; status: number; body: Record<string, unknown> };

export const reply = (body: Record<string, unknown>, status = 200): ApiReply => ({ ok: true, status, body });

export type ApiContext<P> = { req: Request; caller: ApiCaller; params: P; body: unknown };

type RouteOptions = {
  scope: ApiScope;
  /** POSTs: reads the JSON body and honours Idempotency-Key. */
  post?: boolean;
  /** The `Location` of what a 201/202 created, from its body (also on a replay). */
  location?: (body: Record<string, unknown>) => string;
  /** Queues work: counts against the plan's generations a minute as well as its requests. */
  generates?: boolean;
  /** Fields of the answer that are secrets shown once: sealed in the stored Idempotency-Key replay. */
  sealedFields?: readonly string[];
};

type NextCtx<P> = { params: Promise<P> };

/**
 * Every /api/v1 route: authenticate (key or session), check the scope, then run the handler; on
 * POSTs, read the bounded JSON body and replay or claim its Idempotency-Key. Every answer to a
 * known caller carries the RateLimit headers and `Kumori-Credits-Remaining`; every answer is
 * `no-store`, and failures all go through apiError.
 */
export function apiRoute<P = Record<string, never>>(options: RouteOptions, fn: (ctx: ApiContext<P>) => Promise<ApiReply>) {
  return async (req: Request, nextCtx: NextCtx<P>): Promise<Response> => {
    const auth = await authenticateApiRequest(req);
    if (!auth.ok) return respond(options, storedOf(auth));
    const { caller } = auth;
    const allowed = requireScope(caller, options.scope);
    if (!allowed.ok) return respond(options, storedOf(allowed));
    const idempotency = options.post ? idempotencyKeyOf(req) : ok({ key: null });
    // Without an Idempotency-Key nothing can be replayed, so work that queues takes its
    // generation bucket with the request's, in one script; with one, only once the key is claimed.
    const upfront = options.generates === true && idempotency.ok && idempotency.key === null;
    const limit = await limitApiCall(caller, upfront ? ['request', 'generation'] : ['request']);
    const headers = { ...limit.headers };
    const finish = (stored: StoredResponse, extra: Record<string, string> = {}) =>
      respond(options, stored, { 'Kumori-Credits-Remaining': String(caller.balance), ...headers, ...extra });
    if (!limit.allowed) return finish(storedOf(fail('rate_limited', limit.message)));
    const params = ((await nextCtx?.params) ?? {}) as P;
    if (!options.post) return finish(storedOf(await fn({ req, caller, params, body: null })));

    const body = await readJsonBody(req);
    if (!body.ok) return finish(storedOf(body));
    if (!idempotency.ok) return finish(storedOf(idempotency));
    const { key } = idempotency;
    // The generations-a-minute bucket is taken only for work that runs: a replay queues nothing.
    const run = async (): Promise<StoredResponse> => {
      if (options.generates && !upfront) {
        const generation = await limitApiCall(caller, ['generation']);
        mergeRateLimitHeaders(headers, generation.headers);
        if (!generation.allowed) return storedOf(fail('rate_limited', generation.message));
      }
      return storedOf(await fn({ req, caller, params, body: body.json }));
    };
    if (key === null) return finish(await run());

    const userId = caller.user.id;
    const started = await beginIdempotentRequest(userId, key, requestHashOf(req.method, new URL(req.url).pathname, body.json));
    if (!started.ok) return finish(storedOf(started));
    if (started.replay) return finish(openReplay(started.replay, options.sealedFields ?? []), { 'Idempotent-Replayed': 'true' });
    let response: StoredResponse;
    try {
      response = await run();
    } catch (err) {
      await releaseIdempotentRequest(userId, key).catch(() => {});
      throw err;
    }
    // An outage or a rate limit is not the request's answer: the retry should do the work.
    if (response.status >= 500 || response.status === 429) await releaseIdempotentRequest(userId, key);
    else await completeIdempotentRequest(userId, key, sealReplay(response, options.sealedFields ?? []));
    return finish(response);
  };
}

function storedOf(result: ApiReply): StoredResponse {
  if (!result.ok) return { status: httpStatusOf(result.error.code), body: apiErrorBody(result) };
  return { status: result.status, body: result.body };
}

function respond(options: RouteOptions, { status, body }: StoredResponse, extra: Record<string, string> = {}): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store', ...extra });
  const fields = (body ?? {}) as Record<string, unknown>;
  // The body's balance is the one after this request's charge or refund; the header otherwise has
  // the balance read when the caller was authenticated.
  if (typeof fields.balance === 'number') headers.set('Kumori-Credits-Remaining', String(fields.balance));
  if (options.location && (status === 201 || status === 202)) headers.set('Location', options.location(fields));
  return Response.json(body, { status, headers });
}

/** A bounded JSON body; an empty one reads as `{}` so body-less POSTs (cancel) need not send one. */
async function readJsonBody(req: Request) {
  const bytes = await readBodyCapped(req, BODY_LIMITS.json);
  if (!bytes.ok) return bytes;
  const text = bytes.bytes.toString('utf8');
  if (text.trim() === '') return { ok: true as const, json: {} as unknown };
  try {
    return { ok: true as const, json: JSON.parse(text) as unknown };
  } catch {
    return fail('malformed', 'The request body is not valid JSON.');
  }
}
