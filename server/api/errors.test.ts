import { describe, expect, it } from 'vitest';
import { fail } from '../../domain/result';
import { apiError } from './errors';

describe('apiError', () => {
  it('answers with the status of the code and a body of code and message', async () => {
    const res = apiError(fail('not_found', 'No such generation.'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No such generation.' } });
  });

  it('names the first invalid field as param', async () => {
    const res = apiError(fail('invalid', 'Check the request.', { steps: 'Too many steps.', width: 'Too wide.' }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'invalid', message: 'Check the request.', param: 'steps' } });
  });

  it('keeps caller headers but never lets them override the status', async () => {
    const res = apiError(fail('rate_limited', 'Slow down.'), { status: 200, headers: { 'retry-after': '7' } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
  });

  it('maps codes that share a status the same way', () => {
    expect(apiError(fail('insufficient_credits', 'Top up.')).status).toBe(402);
    expect(apiError(fail('queue_unavailable', 'Try later.')).status).toBe(503);
    expect(apiError(fail('prompt_blocked', 'Blocked.')).status).toBe(422);
  });
});
