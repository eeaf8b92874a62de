import { describe, expect, it } from 'vitest';
import * as catchAll from '../../app/api/v1/[...path]/route';

describe('an unknown /api/v1 path', () => {
  it.each(['GET', 'POST', 'DELETE'] as const)('answers %s with the v1 error shape and 404', async (method) => {
    const res = await catchAll[method](new Request('http://localhost/api/v1/nope', { method }));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'No API route at /api/v1/nope.' } });
  });
});
