import { describe, expect, it } from 'vitest';
import { idempotencyKeyOf, requestHashOf } from './idempotency';

describe('Idempotency-Key requests', () => {
  it('hashes the same fields in any order or spacing alike, and any other body, path or method apart', () => {
    const a = requestHashOf('POST', '/api/v1/generations', { prompt: 'cat', steps: 4, extra: { b: 1, a: [1, 2] } });
    expect(requestHashOf('post', '/api/v1/generations', JSON.parse('{ "extra": {"a":[1,2],"b":1}, "steps": 4, "prompt": "cat" }'))).toBe(a);
    expect(requestHashOf('POST', '/api/v1/generations', { prompt: 'cat', steps: 5, extra: { b: 1, a: [1, 2] } })).not.toBe(a);
    expect(requestHashOf('POST', '/api/v1/generations', { prompt: 'cat', steps: 4, extra: { b: 1, a: [2, 1] } })).not.toBe(a);
    expect(requestHashOf('POST', '/api/v1/other', { prompt: 'cat', steps: 4, extra: { b: 1, a: [1, 2] } })).not.toBe(a);
  });

  it('reads the header: absent is null, oversized or non-ASCII is refused', () => {
    const req = (key?: string) => new Request('http://x/', { headers: key === undefined ? {} : { 'Idempotency-Key': key } });
    expect(idempotencyKeyOf(req())).toEqual({ ok: true, key: null });
    expect(idempotencyKeyOf(req('order-42'))).toEqual({ ok: true, key: 'order-42' });
    expect(idempotencyKeyOf(req('x'.repeat(256)))).toMatchObject({ ok: false, error: { code: 'invalid', fields: { 'Idempotency-Key': 'Invalid.' } } });
    expect(idempotencyKeyOf(req('has space'))).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
