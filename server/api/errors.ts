import { httpStatusOf, type ErrorCode } from '../../domain/error-codes';
import type { Failure } from '../../domain/result';

/** Kumori's own API error body: the closed code, the message a person can read, and the culprit field. */
export type ApiErrorBody = { error: { code: ErrorCode; message: string; param?: string } };

/** The first field a failure names, which is the one a client should fix first. */
export function firstField(failure: Failure): string | undefined {
  const fields = failure.error.fields;
  return fields ? Object.keys(fields)[0] : undefined;
}

export function apiErrorBody(failure: Failure): ApiErrorBody {
  const { code, message } = failure.error;
  const param = firstField(failure);
  return { error: param === undefined ? { code, message } : { code, message, param } };
}

/** The one place a Failure becomes an HTTP response on `/api/v1`; the status always comes from the code. */
export function apiError(failure: Failure, init?: ResponseInit): Response {
  return Response.json(apiErrorBody(failure), { ...init, status: httpStatusOf(failure.error.code) });
}
