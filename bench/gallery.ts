// The gallery's query (server/gallery/search.ts) over one user's 100,000 images: p50/p95 of the
// first page, a word search, a partial-word search and a filtered search, and each one's plan.
// A print-out, not a test: the target is p95 under 50 ms on the development machine.
//
//   npm run bench:gallery            (RUNS=200, IMAGES=100000, DATABASE_URL: a separate database)
//
// Seeds the database first when it has fewer images (scripts/seed-gallery.ts).
import { BENCH_DATABASE_URL, seedGallery } from '../scripts/seed-gallery';
import type { GalleryFilters } from '../server/gallery/search-filters';

const RUNS = Number(process.env.RUNS ?? 200);
const IMAGES = Number(process.env.IMAGES ?? 100_000);
process.env.DATABASE_URL ??= BENCH_DATABASE_URL;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function main() {
  const url = process.env.DATABASE_URL!;
  const userId = await seedGallery(url, IMAGES);
  const { createDb, setDb } = await import('../server/db/client');
  const db = createDb(url, 2);
  setDb(db);
  const { galleryQuery, searchImageRows, searchScope } = await import('../server/gallery/search');

  const recent = new Date(Date.now() - 90 * 86_400_000);
  const cases: { name: string; filters: GalleryFilters; page2?: boolean }[] = [
    { name: 'first page', filters: { order: 'newest' } },
    { name: 'second page', filters: { order: 'newest' }, page2: true },
    { name: 'oldest first', filters: { order: 'oldest' } },
    { name: 'text search "lighthouse"', filters: { order: 'newest', q: 'lighthouse' } },
    { name: 'two words "lighthouse sunset"', filters: { order: 'newest', q: 'lighthouse sunset' } },
    { name: 'common word "painting"', filters: { order: 'newest', q: 'painting' } },
    { name: 'partial word "lightho"', filters: { order: 'newest', q: 'lightho' } },
    { name: 'rare partial "submar stars"', filters: { order: 'newest', q: 'submar stars' } },
    { name: 'no match "zebra"', filters: { order: 'newest', q: 'zebra' } },
    { name: 'model + favourites + date', filters: { order: 'newest', model: 'sd-turbo', favourite: true, from: recent } },
    { name: 'search + model + size', filters: { order: 'newest', q: 'owl', model: 'sd15', size: { width: 512, height: 512 } } },
  ];

  console.log(`gallery bench: ${IMAGES} images, ${RUNS} runs each (after 10 warm-up), database ${new URL(url).pathname.slice(1)}\n`);
  const results: string[] = [];
  for (const c of cases) {
    const cursor = c.page2 ? (await searchImageRows(userId, c.filters, null)).nextCursor : null;
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < RUNS + 10; i++) {
      const start = performance.now();
      const page = await searchImageRows(userId, c.filters, cursor);
      if (i >= 10) times.push(performance.now() - start);
      found = page.rows.length;
    }
    const line = `${c.name.padEnd(34)} p50 ${pct(times, 50).toFixed(2).padStart(7)} ms   p95 ${pct(times, 95).toFixed(2).padStart(7)} ms   (${found} rows)`;
    results.push(line);
    const scope = await searchScope(userId, c.filters);
    const query = galleryQuery(userId, c.filters, scope, cursor).toSQL();
    const plan = await db.$client.unsafe(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
    const how = scope.generationIds ? `rare: ${scope.generationIds.length} generations by id` : c.filters.q ? 'common: date-order walk' : 'no search';
    console.log(`--- ${c.name} (${how})\n${plan.map((r) => String(r['QUERY PLAN']).replace(/'\{[^}]{200,}\}'/g, "'{…ids…}'")).join('\n')}\n`);
  }
  console.log('=== results');
  for (const line of results) console.log(line);
  await db.$client.end();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
