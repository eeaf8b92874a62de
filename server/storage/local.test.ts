import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UnsafeKeyError } from './driver';
import { LocalStorageDriver, verifySignedFileUrl } from './local';

const SECRET = 'test-secret-0123456789abcdef';

let dir: string;
let root: string;
let storage: LocalStorageDriver;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'kumori-local-storage-'));
  root = path.join(dir, 'storage');
  storage = new LocalStorageDriver({ root, secret: SECRET });
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function allEntries(from: string): Promise<string[]> {
  const entries = await readdir(from, { recursive: true }).catch(() => [] as string[]);
  return entries.map((e) => e.split(path.sep).join('/')).sort();
}

function parseUrl(url: string) {
  const u = new URL(url, 'http://localhost');
  return {
    key: u.pathname.slice('/api/files/'.length),
    exp: u.searchParams.get('exp'),
    sig: u.searchParams.get('sig'),
    dl: u.searchParams.get('dl'),
  };
}

describe('LocalStorageDriver objects', () => {
  it('round-trips bytes and replaces on a second put', async () => {
    const key = 'images/u1/g1/0.png';
    await storage.put(key, Buffer.from([1, 2, 3, 255]), 'image/png');
    expect(await storage.get(key)).toEqual(Buffer.from([1, 2, 3, 255]));
    await storage.put(key, new Uint8Array([9, 8]), 'image/png');
    expect(await storage.get(key)).toEqual(Buffer.from([9, 8]));
  });

  it('reports missing objects as null / false, including directory-shaped keys', async () => {
    await storage.put('images/u1/g1/0.png', Buffer.from('x'), 'image/png');
    expect(await storage.get('images/u1/g1/1.png')).toBeNull();
    expect(await storage.exists('images/u1/g1/1.png')).toBe(false);
    expect(await storage.get('images/u1')).toBeNull();
    expect(await storage.exists('images/u1')).toBe(false);
    expect(await storage.exists('images/u1/g1/0.png')).toBe(true);
  });

  it('deletes idempotently and leaves no empty directories behind', async () => {
    await storage.put('images/u1/g1/0.png', Buffer.from('x'), 'image/png');
    await storage.delete('images/u1/g1/0.png');
    await storage.delete('images/u1/g1/0.png');
    await storage.delete('images/never/was.png');
    expect(await storage.exists('images/u1/g1/0.png')).toBe(false);
    expect(await allEntries(root)).toEqual([]);
  });

  it('deletes by prefix, counting, and with S3 string-prefix semantics', async () => {
    const keys = [
      'images/u1/g1/0.png',
      'images/u1/g1/0.thumb.webp',
      'images/u1/g2/0.png',
      'images/u10/g1/0.png',
      'images/u2/g1/0.png',
    ];
    for (const key of keys) await storage.put(key, Buffer.from(key), 'image/png');

    expect(await storage.deletePrefix('images/u1/g1/')).toBe(2);
    expect(await storage.exists('images/u1/g2/0.png')).toBe(true);

    expect(await storage.deletePrefix('images/u1')).toBe(2); // u1/g2 and u10/g1
    expect(await storage.deletePrefix('images/u1/')).toBe(0);
    expect(await allEntries(root)).toEqual(['images', 'images/u2', 'images/u2/g1', 'images/u2/g1/0.png']);
  });

  it('refuses an empty or escaping prefix rather than deleting everything', async () => {
    await storage.put('images/u1/g1/0.png', Buffer.from('x'), 'image/png');
    for (const prefix of ['', '/', '../', '..', 'images/../']) {
      await expect(storage.deletePrefix(prefix)).rejects.toBeInstanceOf(UnsafeKeyError);
    }
    expect(await storage.exists('images/u1/g1/0.png')).toBe(true);
  });

  it('writes atomically: concurrent puts leave one whole version and no temp files', async () => {
    const key = 'images/u1/g1/0.png';
    const versions = Array.from({ length: 20 }, (_, i) => Buffer.alloc(64 * 1024, i));
    await Promise.all(versions.map((bytes) => storage.put(key, bytes, 'image/png')));
    const stored = await storage.get(key);
    expect(versions.some((v) => v.equals(stored!))).toBe(true);
    expect(await allEntries(root)).toEqual(['images', 'images/u1', 'images/u1/g1', 'images/u1/g1/0.png']);
  });

  it('survives a put racing a delete that prunes the same directory', async () => {
    for (let i = 0; i < 50; i++) {
      await storage.put('images/u1/g1/0.png', Buffer.from('a'), 'image/png');
      await Promise.all([
        storage.delete('images/u1/g1/0.png'),
        storage.put('images/u1/g1/1.png', Buffer.from('b'), 'image/png'),
      ]);
      expect(await storage.get('images/u1/g1/1.png')).toEqual(Buffer.from('b'));
      await storage.delete('images/u1/g1/1.png');
    }
  });

  it.each(['../escape.png', 'images/../../escape.png', '/tmp/escape.png', 'images\\..\\escape.png', '', 'a//b'])(
    'rejects the path-escaping key %j in every operation',
    async (key) => {
      await expect(storage.put(key, Buffer.from('x'), 'image/png')).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(storage.get(key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(storage.exists(key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(storage.delete(key)).rejects.toBeInstanceOf(UnsafeKeyError);
      await expect(storage.url(key)).rejects.toBeInstanceOf(UnsafeKeyError);
      expect(await storage.readForServe(key)).toBeNull();
      expect(await allEntries(dir)).toEqual([]);
    },
  );

  it('check() is ok for a writable root and not ok when the root cannot be a directory', async () => {
    expect(await storage.check()).toEqual({ ok: true });
    expect(await allEntries(root)).toEqual([]); // the probe is cleaned up

    const blocked = path.join(dir, 'not-a-dir');
    await writeFile(blocked, 'file in the way');
    const result = await new LocalStorageDriver({ root: blocked, secret: SECRET }).check();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/not writable/);
  });
});

describe('signed file URLs', () => {
  const key = 'images/u1/g1/0.png';

  it('builds /api/files/<key>?exp&sig that verifies and serves the file', async () => {
    await storage.put(key, Buffer.from('png bytes'), 'image/png');
    const url = await storage.url(key, { expiresInSeconds: 60 });
    expect(url).toMatch(/^\/api\/files\/images\/u1\/g1\/0\.png\?exp=\d+&sig=[\w-]+$/);

    const p = parseUrl(url);
    expect(Number(p.exp) - Date.now() / 1000).toBeGreaterThan(55);
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, p.dl, SECRET)).toEqual({ ok: true });
    expect(await storage.readForServe(p.key)).toEqual({ bytes: Buffer.from('png bytes'), contentType: 'image/png' });
  });

  it('carries a download name that is signed and becomes a Content-Disposition', async () => {
    await storage.put(key, Buffer.from('png bytes'), 'image/png');
    const url = await storage.url(key, { downloadName: 'my "cat" café.png' });
    const p = parseUrl(url);
    expect(p.dl).toBe('my "cat" café.png');
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, p.dl, SECRET).ok).toBe(true);
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, 'other.png', SECRET).ok).toBe(false);
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, null, SECRET).ok).toBe(false);

    const served = await storage.readForServe(p.key, { downloadName: p.dl });
    expect(served?.contentDisposition).toBe(
      `attachment; filename="my cat cafe.png"; filename*=UTF-8''my%20%22cat%22%20caf%C3%A9.png`,
    );
  });

  it('rejects an expired URL', async () => {
    const p = parseUrl(await storage.url(key, { expiresInSeconds: 60 }));
    // Valid for at least the 60 s asked for, and at most one 300 s URL window longer.
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, p.dl, SECRET, Date.now() + 59_000).ok).toBe(true);
    expect(verifySignedFileUrl(p.key, p.exp, p.sig, p.dl, SECRET, Date.now() + 361_000)).toEqual({
      ok: false,
      error: { code: 'expired', message: expect.any(String) },
    });
  });

  it('gives the same link for the same object within a URL window, so browsers can cache it', async () => {
    const a = await storage.url(key);
    const b = await storage.url(key);
    expect(a).toBe(b);
    expect(await storage.url(key, { downloadName: 'x.png' })).not.toBe(a);
  });

  it('rejects tampered URLs', async () => {
    const p = parseUrl(await storage.url(key, { expiresInSeconds: 60 }));
    const flipped = (p.sig![0] === 'A' ? 'B' : 'A') + p.sig!.slice(1);
    const cases: [string, Parameters<typeof verifySignedFileUrl>][] = [
      ['other key', ['images/u2/g1/0.png', p.exp, p.sig, p.dl, SECRET]],
      ['later expiry', ['images/u1/g1/0.png', String(Number(p.exp) + 3600), p.sig, p.dl, SECRET]],
      ['altered signature', [key, p.exp, flipped, p.dl, SECRET]],
      ['truncated signature', [key, p.exp, p.sig!.slice(0, -1), p.dl, SECRET]],
      ['other secret', [key, p.exp, p.sig, p.dl, 'another-secret-0123456789']],
    ];
    for (const [name, args] of cases) {
      expect(verifySignedFileUrl(...args), name).toMatchObject({ ok: false, error: { code: 'bad_signature' } });
    }
  });

  it('rejects malformed query values', () => {
    for (const [k, exp, sig] of [
      [key, null, 'sig'],
      [key, '12abc', 'sig'],
      [key, '-5', 'sig'],
      [key, '1700000000', null],
      [key, '1700000000', ''],
      ['../etc/passwd', '1700000000', 'sig'],
    ] as const) {
      expect(verifySignedFileUrl(k, exp, sig, null, SECRET)).toMatchObject({ ok: false, error: { code: 'malformed' } });
    }
  });

  it('serves null for a signed key with no file', async () => {
    expect(await storage.readForServe('images/u1/g1/9.png')).toBeNull();
  });
});
