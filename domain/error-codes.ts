/**
 * Every reason an expected failure can have, with the HTTP status the public API answers for it.
 * Closed on purpose: a new refusal either fits one of these or adds a line here, so the API's
 * mapping (and a client's switch) never meets a code it does not know.
 */
export const ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  /** Input that fails validation; `fields` names the culprits. */
  invalid: 400,
  rate_limited: 429,
  /** A record with that identity exists already (an account's email). */
  exists: 409,
  /** The edit was based on a version someone has since replaced. */
  stale: 409,
  idempotency_mismatch: 409,
  /** Nothing would change (suspending a suspended user). */
  unchanged: 409,
  /** An admin acting on their own account where that would lock them out. */
  self: 403,
  suspended: 403,
  prompt_blocked: 422,
  blocked_content: 422,
  invalid_policy: 400,
  insufficient_credits: 402,
  negative_balance: 402,
  /** An API key's monthly credit cap would be passed. */
  key_cap_reached: 402,
  /** Too many jobs waiting for the plan. */
  limit_reached: 429,
  too_large: 413,
  /** The upload would take its owner past their upload storage quota. */
  quota_exceeded: 413,
  /** An image wider or taller than the limit, or with too many pixels in all. */
  too_many_pixels: 413,
  too_small: 422,
  not_an_image: 415,
  /** A real image in a format Kumori does not take. */
  unsupported: 415,
  empty: 400,
  corrupt: 422,
  malformed: 400,
  expired: 400,
  bad_signature: 400,
  not_configured: 503,
  queue_unavailable: 503,
  unavailable: 503,
  stripe_unavailable: 502,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const httpStatusOf = (code: ErrorCode): number => ERROR_STATUS[code];
