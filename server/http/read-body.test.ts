import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, readBodyCapped, readFormCapped, readJsonCapped } from './read-body';

const KB = 1024;

/** A body of `total` bytes in 64 KB chunks, made only as it is read; `seen.pulled` counts what was. */
function lazyBody(total: number) {
  const seen = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled >= total) return controller.close();
        const n = Math.min(64 * KB, total - seen.pulled);
        seen.pulled += n;
        controller.enqueue(new Uint8Array(n).fill(0x61));
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request('http://x/', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);

describe('readBodyCapped', () => {
  it('reads a streamed body up to the cap', async () => {
    const { stream } = lazyBody(BODY_LIMITS.json);
    const r = await readBodyCapped(post(stream), BODY_LIMITS.json);
    expect(r.ok && r.bytes.length).toBe(BODY_LIMITS.json);
  });

  it('refuses a chunked body the moment it passes the cap, having read at most one chunk more', async () => {
    const { stream, seen } = lazyBody(400 * 1024 * KB);
    expect(await readBodyCapped(post(stream), 1024 * KB)).toEqual({ ok: false, error: { code: 'too_large', message: 'The request body is larger than 1 MB.' } });
    expect(seen.pulled).toBeLessThanOrEqual(1024 * KB + 64 * KB);
    expect(seen.cancelled).toBe(true);
  });

  it('refuses a declared Content-Length past the cap without reading a byte', async () => {
    const { stream, seen } = lazyBody(20 * 1024 * KB);
    const r = await readBodyCapped(post(stream, { 'content-length': String(20 * 1024 * KB) }), 10 * 1024 * KB);
    expect(r).toMatchObject({ ok: false, error: { code: 'too_large', message: 'The request body is larger than 10 MB.' } });
    expect(seen.pulled).toBe(0);
  });

  it('reads an absent body as empty', async () => {
    const r = await readBodyCapped(new Request('http://x/', { method: 'POST' }), 10);
    expect(r.ok && r.bytes.length).toBe(0);
  });
});

describe('readJsonCapped', () => {
  it('parses JSON under 1 MB by default and refuses what is larger or not JSON', async () => {
    expect(await readJsonCapped(post('{"a":[1,2]}'))).toEqual({ ok: true, json: { a: [1, 2] } });
    expect(await readJsonCapped(post('{"a":'))).toEqual({ ok: false, error: { code: 'malformed', message: 'The request body is not valid JSON.' } });
    const { stream, seen } = lazyBody(5 * 1024 * KB);
    expect(await readJsonCapped(post(stream))).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(seen.pulled).toBeLessThanOrEqual(BODY_LIMITS.json + 64 * KB);
  });
});

describe('readFormCapped', () => {
  it('parses a multipart form under the cap and refuses one past it', async () => {
    const form = new FormData();
    form.set('image', new Blob([new Uint8Array(100 * KB)]), 'a.png');
    const small = new Request('http://x/', { method: 'POST', body: form });
    const r = await readFormCapped(small, 200 * KB);
    expect(r.ok && (r.form.get('image') as Blob).size).toBe(100 * KB);
    const big = new Request('http://x/', { method: 'POST', body: form });
    expect(await readFormCapped(big, 50 * KB)).toMatchObject({ ok: false, error: { code: 'too_large', message: 'The request body is larger than 50 KB.' } });
  });
});
