import { describe, expect, it } from 'vitest';
import { fail } from '../../domain/result';
import { openAiError } from './openai-errors';

describe('openAiError', () => {
  it('answers a bad key with 401 invalid_api_key', async () => {
    const res = openAiError(fail('unauthenticated', 'Incorrect API key provided.'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { message: 'Incorrect API key provided.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
    });
  });

  it('answers invalid input with 400 and the first field under its OpenAI name', async () => {
    const cases: [string, string][] = [
      ['width', 'size'],
      ['height', 'size'],
      ['negativePrompt', 'negative_prompt'],
      ['guidance', 'guidance_scale'],
      ['prompt', 'prompt'],
    ];
    for (const [field, param] of cases) {
      const res = openAiError(fail('invalid', 'Bad value.', { [field]: 'Bad value.', n: 'Too many.' }));
      expect(res.status).toBe(400);
      expect((await res.json()).error).toEqual({ message: 'Bad value.', type: 'invalid_request_error', param, code: null });
    }
  });

  it('answers a blocked prompt with 400 content_policy_violation', async () => {
    const res = openAiError(fail('prompt_blocked', 'Your prompt was blocked.'));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'content_policy_violation' });
  });

  it("answers too few credits (or a key's spent monthly cap) with 429 insufficient_quota that the SDKs must not retry", async () => {
    for (const code of ['insufficient_credits', 'negative_balance', 'key_cap_reached'] as const) {
      const res = openAiError(fail(code, 'Not enough credits.'), { retryAfterSeconds: 5 });
      expect(res.status).toBe(429);
      expect(res.headers.get('x-should-retry')).toBe('false');
      expect(res.headers.get('retry-after')).toBeNull();
      expect((await res.json()).error).toMatchObject({ type: 'insufficient_quota', code: 'insufficient_quota', param: null });
    }
  });

  it('answers rate limits with 429 rate_limit_exceeded and a whole-second retry-after', async () => {
    for (const code of ['rate_limited', 'limit_reached'] as const) {
      const res = openAiError(fail(code, 'Slow down.'), { retryAfterSeconds: 2.2 });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(res.headers.get('x-should-retry')).toBeNull();
      expect((await res.json()).error).toMatchObject({ code: 'rate_limit_exceeded' });
    }
    expect(openAiError(fail('rate_limited', 'Slow down.')).headers.get('retry-after')).toBeNull();
  });

  it('answers not_found with 404', () => {
    expect(openAiError(fail('not_found', 'No such image.')).status).toBe(404);
  });

  it('maps every other code by its Kumori status, server_error for 5xx', async () => {
    const outage = openAiError(fail('queue_unavailable', 'Try again later.'));
    expect(outage.status).toBe(503);
    expect((await outage.json()).error).toMatchObject({ type: 'server_error', code: 'queue_unavailable', param: null });
    const forbidden = openAiError(fail('suspended', 'Account suspended.'));
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatchObject({ type: 'invalid_request_error', code: 'suspended' });
  });

  it('keeps headers the caller passes, such as the rate-limit headers', () => {
    const res = openAiError(fail('not_found', 'No such image.'), { headers: { RateLimit: '"requests";r=5;t=30' } });
    expect(res.headers.get('ratelimit')).toBe('"requests";r=5;t=30');
  });
});
