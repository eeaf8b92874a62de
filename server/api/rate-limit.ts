import 'server-only';
import { PLAN_RULES } from '../../domain/plans';
import { redisKeys } from '../redis/keys';
import { takeTokens, type Bucket, type BucketState } from '../rate-limit/gcra';
import type { ApiCaller } from './authenticate';
import { rateLimitHeader, rateLimitPolicyHeader, retryAfterHeader, type RateLimitState } from './rate-limit-headers';

/** Every API call is a 'request'; one that queues work is also a 'generation'. */
export type ApiLimitKind = 'request' | 'generation';

export type ApiLimitDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; headers: Record<string, string>; retryAfterSeconds: number; message: string };

const WINDOW_SECONDS = 60;

type Policy = { name: string; limit: number; subject: string; kind: ApiLimitKind; perKey: boolean };

/**
 * The plan's per-minute limits, per user (every key and the browser session together) and per
 * key, each its own policy in the headers. With equal numbers the user's bucket is the one a
 * single key meets first; the key's own bucket keeps one key from the rest of them once a plan
 * gives keys less than the user.
 */
function policiesOf(caller: ApiCaller, kinds: readonly ApiLimitKind[]): Policy[] {
  const rules = PLAN_RULES[caller.plan];
  const out: Policy[] = [];
  for (const kind of kinds) {
    const limit = kind === 'request' ? rules.apiRequestsPerMinute : rules.apiGenerationsPerMinute;
    const noun = kind === 'request' ? 'requests' : 'generations';
    out.push({ name: noun, limit, subject: `user:${caller.user.id}`, kind, perKey: false });
    if (caller.keyId) out.push({ name: `key-${noun}`, limit, subject: `key:${caller.keyId}`, kind, perKey: true });
  }
  return out;
}

/**
 * Takes one unit from each of the caller's buckets for `kinds`, atomically across web nodes (one
 * Redis script), and answers the IETF RateLimit headers for every response: on a pass and on a
 * refusal alike.
 */
export async function limitApiCall(caller: ApiCaller, kinds: readonly ApiLimitKind[]): Promise<ApiLimitDecision> {
  const policies = policiesOf(caller, kinds);
  const buckets: Bucket[] = policies.map((p) => ({
    key: redisKeys.rateLimit(`api-${p.kind}`, p.subject),
    limit: p.limit,
    windowSeconds: WINDOW_SECONDS,
  }));
  const { allowed, states } = await takeTokens(buckets);
  const headers = headersOf(policies, states);
  if (allowed) return { allowed: true, headers };

  const blocking = policies
    .map((policy, i) => ({ policy, state: states[i] }))
    .filter(({ state }) => state.retryAfterSeconds > 0)
    .sort((a, b) => b.state.retryAfterSeconds - a.state.retryAfterSeconds);
  const worst = blocking[0] ?? { policy: policies[0], state: states[0] };
  const retryAfterSeconds = Math.max(1, Math.ceil(worst.state.retryAfterSeconds));
  headers['Retry-After'] = retryAfterHeader(retryAfterSeconds);
  const { label } = PLAN_RULES[caller.plan];
  const per = worst.policy.perKey ? 'per API key' : 'per account';
  const noun = worst.policy.kind === 'request' ? 'requests' : 'generations';
  const message = `Rate limit reached: the ${label} plan allows ${worst.policy.limit} ${noun} a minute ${per} (limit "${worst.policy.name}"). Retry in ${retryAfterSeconds} s.`;
  return { allowed: false, headers, retryAfterSeconds, message };
}

/**
 * `t` is the time until the bucket is full again while it has room, and the time until the next
 * call passes once it is empty: what a client waiting on `r=0` needs to know.
 */
function headersOf(policies: Policy[], states: BucketState[]): Record<string, string> {
  const list: RateLimitState[] = policies.map((p, i) => ({
    name: p.name,
    limit: p.limit,
    windowSeconds: WINDOW_SECONDS,
    remaining: states[i].remaining,
    resetSeconds: states[i].remaining > 0 ? states[i].resetSeconds : states[i].retryAfterSeconds,
  }));
  return { 'RateLimit-Policy': rateLimitPolicyHeader(list), RateLimit: rateLimitHeader(list) };
}

/** Two decisions' policies in one pair of headers, as the draft lists several policies in one field. */
export function mergeRateLimitHeaders(into: Record<string, string>, more: Record<string, string>): void {
  for (const [name, value] of Object.entries(more)) into[name] = name === 'Retry-After' || !into[name] ? value : `${into[name]}, ${value}`;
}
