import { httpStatusOf, type ErrorCode } from '../../domain/error-codes';
import type { Failure } from '../../domain/result';
import { firstField } from './errors';

/**
 * Errors for the OpenAI-compatible `/v1` routes, in the shape and statuses the openai SDKs read:
 * they take `error.{message,type,param,code}` from the body and pick the exception class by status
 * alone (400 BadRequest, 401 Authentication, 404 NotFound, 429 RateLimit, ≥500 InternalServer), so a
 * Kumori status like 402 or 422 would surface as a generic APIError there.
 */
export type OpenAiErrorBody = {
  error: { message: string; type: string; param: string | null; code: string | null };
};

type Mapped = { status: number; type: string; code: string | null; param?: boolean };

// Where Kumori's field names differ from OpenAI's images API, the client should see OpenAI's.
const OPENAI_PARAM: Partial<Record<string, string>> = {
  width: 'size',
  height: 'size',
  negativePrompt: 'negative_prompt',
  guidance: 'guidance_scale',
};

function mapCode(code: ErrorCode): Mapped {
  switch (code) {
    case 'unauthenticated':
      return { status: 401, type: 'invalid_request_error', code: 'invalid_api_key' };
    case 'invalid':
      return { status: 400, type: 'invalid_request_error', code: null, param: true };
    case 'prompt_blocked':
      return { status: 400, type: 'invalid_request_error', code: 'content_policy_violation' };
    case 'insufficient_credits':
    case 'negative_balance':
    case 'key_cap_reached':
      return { status: 429, type: 'insufficient_quota', code: 'insufficient_quota' };
    case 'rate_limited':
    case 'limit_reached':
      return { status: 429, type: 'requests', code: 'rate_limit_exceeded' };
    case 'not_found':
      return { status: 404, type: 'invalid_request_error', code: null };
    default: {
      const status = httpStatusOf(code);
      return { status, type: status >= 500 ? 'server_error' : 'invalid_request_error', code };
    }
  }
}

export function openAiErrorBody(failure: Failure): { status: number; body: OpenAiErrorBody } {
  const mapped = mapCode(failure.error.code);
  const field = mapped.param ? firstField(failure) : undefined;
  const param = field === undefined ? null : (OPENAI_PARAM[field] ?? field);
  return {
    status: mapped.status,
    body: { error: { message: failure.error.message, type: mapped.type, param, code: mapped.code } },
  };
}

export function openAiError(failure: Failure, options: { retryAfterSeconds?: number; headers?: HeadersInit } = {}): Response {
  const { status, body } = openAiErrorBody(failure);
  const headers = new Headers(options.headers);
  // Out of credits is not transient: the SDKs retry 429s unless told not to.
  if (body.error.type === 'insufficient_quota') headers.set('x-should-retry', 'false');
  if (body.error.code === 'rate_limit_exceeded' && options.retryAfterSeconds !== undefined) {
    headers.set('retry-after', String(Math.max(0, Math.ceil(options.retryAfterSeconds))));
  }
  return Response.json(body, { status, headers });
}
