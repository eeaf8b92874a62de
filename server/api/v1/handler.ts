import 'server-only';
import { httpStatusOf } from '../../../domain/error-codes';
import { fail, type Failure } from '../../../domain/result';
import { readBodyCapped, BODY_LIMITS } from '../../http/read-body';
import { authenticateApiRequest, requireScope, type ApiCaller, type ApiScope } from '../authenticate';
import { apiErrorBody } from '../errors';
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
};

type NextCtx<P> = { params: Promise<P> };

/**
 * Every /api/v1 route: authenticate (key or session), check the scope, then run the handler; on
 * POSTs, read the bounded JSON body and replay or claim its Idempotency-Key. Every answer is
 * `no-store`, failures all go through apiError, and a body with a `balance` also sends it as
 * `Kumori-Credits-Remaining`.
 */
export function apiRoute<P = Record<string, never>>(options: RouteOptions, fn: (ctx: ApiContext<P>) => Promise<ApiReply>) {
  return async (req: Request, nextCtx: NextCtx<P>): Promise<Response> => {
    const auth = await authenticateApiRequest(req);
    if (!auth.ok) return finish(options, storedOf(auth));
    const { caller } = auth;
    const allowed = requireScope(caller, options.scope);
    if (!allowed.ok) return finish(options, storedOf(allowed));
    // Rate limiting (per key and per user, PLAN_RULES.apiRequestsPerMinute) slots in here, once
    // the caller is known and before any work; its headers join those `finish` sets.
    const params = ((await nextCtx?.params) ?? {}) as P;
    if (!options.post) return finish(options, storedOf(await fn({ req, caller, params, body: null })));

    const body = await readJsonBody(req);
    if (!body.ok) return finish(options, storedOf(body));
    const idempotency = idempotencyKeyOf(req);
    if (!idempotency.ok) return finish(options, storedOf(idempotency));
    const { key } = idempotency;
    const run = async () => storedOf(await fn({ req, caller, params, body: body.json }));
    if (key === null) return finish(options, await run());

    const userId = caller.user.id;
    const started = await beginIdempotentRequest(userId, key, requestHashOf(req.method, new URL(req.url).pathname, body.json));
    if (!started.ok) return finish(options, storedOf(started));
    if (started.replay) return finish(options, started.replay, { 'Idempotent-Replayed': 'true' });
    let response: StoredResponse;
    try {
      response = await run();
    } catch (err) {
      await releaseIdempotentRequest(userId, key).catch(() => {});
      throw err;
    }
    // An outage or a rate limit is not the request's answer: the retry should do the work.
    if (response.status >= 500 || response.status === 429) await releaseIdempotentRequest(userId, key);
    else await completeIdempotentRequest(userId, key, response);
    return finish(options, response);
  };
}

function storedOf(result: ApiReply): StoredResponse {
  if (!result.ok) return { status: httpStatusOf(result.error.code), body: apiErrorBody(result) };
  return { status: result.status, body: result.body };
}

function finish(options: RouteOptions, { status, body }: StoredResponse, extra: Record<string, string> = {}): Response {
  const headers = new Headers({ 'Cache-Control': 'no-store', ...extra });
  const fields = (body ?? {}) as Record<string, unknown>;
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
