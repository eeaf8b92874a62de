import type { ErrorCode } from './error-codes';

export type { ErrorCode } from './error-codes';

/** Why an expected failure happened: a code from the closed list and a message a person can read. */
export type Failure = {
  ok: false;
  error: { code: ErrorCode; message: string; fields?: Partial<Record<string, string>> };
};

/**
 * The one shape of anything that can refuse. A success spreads its value's fields next to
 * `ok: true` (`ok({ refunded: 5 })` is `{ ok: true, refunded: 5 }`), so callers read
 * `result.refunded` after checking `result.ok`, and a form can show `error.message` as is.
 */
export type Result<T extends object = object> = ({ ok: true } & T) | Failure;

/**
 * What a server action answers: its use case's Result, plus an optional line for the form to show
 * on success. `undefined` is useActionState's state before the first submit.
 */
export type ActionState<T extends object = object> = Result<T & { message?: string }> | undefined;

export function ok(): { ok: true };
export function ok<T extends object>(value: T): { ok: true } & T;
export function ok<T extends object>(value?: T): { ok: true } & T {
  return { ...(value as T), ok: true };
}

export function fail(code: ErrorCode, message: string, fields?: Partial<Record<string, string>>): Failure {
  return fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };
}

export const isFailure = <T extends object>(r: Result<T>): r is Failure => !r.ok;
