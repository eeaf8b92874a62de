import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { generations, images, users } from '../db/schema';
import type { GenerationParams } from '../db/schema';
import type { GalleryFilters } from './search-filters';

// The gallery's one query (search.ts) against a real Postgres with drizzle/0015's columns and indexes.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let search: typeof import('./search');
let favourite: typeof import('./favourite');

beforeAll(async () => {
  t = await setupTestEnv();
  search = await import('./search');
  favourite = await import('./favourite');
});
afterAll(async () => t?.teardown());

async function newUser() {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x' }).returning();
  return u.id;
}

type Made = { id: string; prompt: string };

/** One generation of `n` images (one statement, so one created_at, as a batch), created at `at`. */
async function make(userId: string, at: string, params: Partial<GenerationParams> & { style?: string } = {}, n = 1, size = 64): Promise<Made[]> {
  const full = { prompt: 'a plain square', negativePrompt: '', width: size, height: size, steps: 4, guidance: 7.5, seed: 1, sampler: 'ddim', model: 'demo', ...params };
  const [g] = await t.db.insert(generations).values({ userId, status: 'succeeded', tier: 'fast', cost: 1, params: full, createdAt: new Date(at) }).returning();
  const rows = await t.db
    .insert(images)
    .values(Array.from({ length: n }, (_, i) => ({ generationId: g.id, userId, index: i, key: `k/${g.id}/${i}`, thumbKey: `k/${g.id}/${i}.webp`, mime: 'image/png', size: 1, width: size, height: size, sha256: 'x', seed: i, createdAt: new Date(at) })))
    .returning();
  return rows.map((r) => ({ id: r.id, prompt: full.prompt }));
}

const find = async (userId: string, f: Partial<GalleryFilters> = {}, limit = 50) =>
  (await search.searchImageRows(userId, { order: 'newest', ...f }, null, limit)).rows.map((r) => r.image.id);

describe('gallery search', () => {
  let me: string;
  let astronaut: Made[];
  let cat: Made[];
  let neon: Made[];
  let big: Made[];
  let theirs: Made[];

  beforeAll(async () => {
    me = await newUser();
    astronaut = await make(me, '2026-01-10T10:00:00Z', { prompt: 'An Astronaut riding a horse', model: 'sd-turbo', sampler: 'euler' });
    cat = await make(me, '2026-02-10T10:00:00Z', { prompt: 'a sleepy cat on a sofa', negativePrompt: 'blurry dogs' });
    neon = await make(me, '2026-03-10T10:00:00Z', { prompt: 'city street at night', style: 'neon' });
    big = await make(me, '2026-04-10T10:00:00Z', { prompt: 'a red circle' }, 1, 128);
    theirs = await make(await newUser(), '2026-05-10T10:00:00Z', { prompt: 'An astronaut cat in neon', model: 'sd-turbo', style: 'neon' });
    await favourite.setFavourite(me, cat[0].id, true);
  });

  it('finds whole words anywhere in prompt, negative prompt, style and model, in any case', async () => {
    expect(await find(me, { q: 'HORSE' })).toEqual([astronaut[0].id]);
    expect(await find(me, { q: 'dogs' })).toEqual([cat[0].id]);
    expect(await find(me, { q: 'neon' })).toEqual([neon[0].id]);
    expect(await find(me, { q: 'sd-turbo' })).toEqual([astronaut[0].id]);
  });

  it('finds parts of words of three letters or more, every word required', async () => {
    expect(await find(me, { q: 'astro' })).toEqual([astronaut[0].id]);
    expect(await find(me, { q: 'slee sof' })).toEqual([cat[0].id]);
    expect(await find(me, { q: 'slee horse' })).toEqual([]);
    // 'a' is a whole word in every prompt but the city's; short words never match inside others.
    expect(await find(me, { q: 'ci' })).toEqual([]);
    expect(await find(me, { q: '100%' })).toEqual([]);
  });

  it('reads quotes and minus as a web search does', async () => {
    expect(await find(me, { q: '"red circle"' })).toEqual([big[0].id]);
    expect(await find(me, { q: '"circle red"' })).toEqual([]);
    expect(await find(me, { q: 'a -cat' })).toEqual([big[0].id, astronaut[0].id]);
  });

  it('filters by model, sampler, style, size, date range and favourites', async () => {
    expect(await find(me, { model: 'sd-turbo' })).toEqual([astronaut[0].id]);
    expect(await find(me, { sampler: 'euler' })).toEqual([astronaut[0].id]);
    expect(await find(me, { style: 'neon' })).toEqual([neon[0].id]);
    expect(await find(me, { size: { width: 128, height: 128 } })).toEqual([big[0].id]);
    expect(await find(me, { from: new Date('2026-02-01T00:00:00Z'), before: new Date('2026-03-10T10:00:00Z') })).toEqual([cat[0].id]);
    expect(await find(me, { favourite: true })).toEqual([cat[0].id]);
    expect(await find(me, { favourite: false })).toEqual([big[0].id, neon[0].id, astronaut[0].id]);
    expect(await find(me, { favourite: true, q: 'horse' })).toEqual([]);
  });

  it('finds the same whether the search goes by matched ids (rare words) or walks the dates (common ones)', async () => {
    const walk = async (f: Partial<GalleryFilters>) =>
      (await search.galleryQuery(me, { order: 'newest', ...f }, { generationIds: null }, null, 50)).map((r) => r.image.id);
    for (const f of [{ q: 'astro' }, { q: 'slee sof' }, { q: 'a -cat' }, { q: 'neon', style: 'neon' }, { q: 'zebra' }]) {
      expect(await walk(f), JSON.stringify(f)).toEqual(await find(me, f));
    }
    expect(await walk({ q: 'astro' })).toEqual([astronaut[0].id]);
  });

  it('orders newest or oldest first', async () => {
    const newest = [big, neon, cat, astronaut].map((m) => m[0].id);
    expect(await find(me)).toEqual(newest);
    expect(await find(me, { order: 'oldest' })).toEqual([...newest].reverse());
  });

  it("never shows another user's images, whatever the search", async () => {
    const everything = [await find(me, { q: 'astronaut cat neon' }), await find(me, { model: 'sd-turbo', style: 'neon' }), await find(me, { from: new Date('2026-05-01') })];
    for (const ids of everything) expect(ids).not.toContain(theirs[0].id);
    expect(await favourite.setFavourite(me, theirs[0].id, true)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('unstars, and the favourites filter follows', async () => {
    const who = await newUser();
    const [img] = await make(who, '2026-06-01T00:00:00Z');
    expect(await favourite.setFavourite(who, img.id, true)).toMatchObject({ ok: true, favourite: true });
    expect(await find(who, { favourite: true })).toEqual([img.id]);
    await favourite.setFavourite(who, img.id, false);
    expect(await find(who, { favourite: true })).toEqual([]);
  });
});

describe('gallery paging', () => {
  it('pages through batches sharing one created_at, microseconds apart, without skips or duplicates, both ways', async () => {
    const me = await newUser();
    const made: Made[] = [];
    made.push(...(await make(me, '2026-01-01T00:00:00Z', { prompt: 'cat one' }, 3)));
    made.push(...(await make(me, '2026-01-01T00:00:00Z', { prompt: 'dog two' }, 2)));
    // Same millisecond, different microseconds: a millisecond cursor would lose or repeat these.
    const micro = await make(me, '2026-01-01T00:00:01Z', { prompt: 'cat three' }, 3);
    await t.db.execute(sql`update images set created_at = created_at + (index * interval '1 microsecond') where id in (${sql.join(micro.map((m) => sql`${m.id}::uuid`), sql`, `)})`);
    made.push(...micro);
    made.push(...(await make(me, '2026-01-02T00:00:00Z', { prompt: 'cat four' }, 1)));

    for (const order of ['newest', 'oldest'] as const) {
      for (const f of [{}, { q: 'cat' }]) {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 20; pages++) {
          const page: Awaited<ReturnType<typeof search.searchImageRows>> = await search.searchImageRows(me, { order, ...f }, cursor, 2);
          seen.push(...page.rows.map((r) => r.image.id));
          cursor = page.nextCursor;
          if (!cursor) break;
        }
        const all = await find(me, { order, ...f }, 100);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen).toEqual(all);
        expect(seen.length).toBe('q' in f ? 7 : 9);
      }
    }
  });
});

describe('lightbox neighbours', () => {
  it('step through the images in the grid\'s order, a batch and microseconds included', async () => {
    const { imageNeighbours } = await import('./neighbours');
    const me = await newUser();
    await make(me, '2026-01-01T00:00:00Z', {}, 3);
    const micro = await make(me, '2026-01-01T00:00:00.0004Z', {}, 2);
    await t.db.execute(sql`update images set created_at = created_at + interval '1 microsecond' where id = ${micro[1].id}::uuid`);
    await make(await newUser(), '2026-01-01T00:00:00Z', {}, 2);
    const grid = await find(me);
    expect(grid).toHaveLength(5);
    for (const [i, id] of grid.entries()) {
      // The caller's copy of created_at is milliseconds; the neighbours must not depend on it.
      const got = await imageNeighbours(me, { id, createdAt: '2000-01-01T00:00:00.000Z' });
      expect(got).toEqual({ previousId: grid[i - 1] ?? null, nextId: grid[i + 1] ?? null });
    }
  });
});
