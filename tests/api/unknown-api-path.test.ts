import { describe, expect, it } from 'vitest';
import * as catchAll from '../../app/api/[...path]/route';

// Which paths reach this route is up to Next's routing (more specific routes win, checked by hand
// against the running app); here, what every method of it answers.
describe('an unknown /api path', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const)('answers %s with a JSON 404', async (method) => {
    const res = await catchAll[method](new Request('http://localhost/api/nope/deeper?x=1', { method }));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ error: 'No API route at /api/nope/deeper.' });
  });

  it('answers HEAD with a 404 too', async () => {
    expect((await catchAll.HEAD(new Request('http://localhost/api/nope', { method: 'HEAD' }))).status).toBe(404);
  });
});
