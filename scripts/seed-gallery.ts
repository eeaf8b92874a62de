import postgres from 'postgres';
import { ensureDatabase, migrateDatabase } from '../server/db/migrate';

// Fills one user's gallery with N images (default 100,000) for bench/gallery.ts: rows only, no
// files, made in Postgres with generate_series so 100k take seconds. Prompts are drawn from word
// lists so any word matches a known share of them (a subject about 1 in 40).
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/kumori_gallery_bench tsx scripts/seed-gallery.ts [N]
//
// The default database is a separate one, never the app's. Re-running adds nothing when the user
// already has N images or more.
export const BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kumori_gallery_bench';
export const BENCH_EMAIL = 'gallery-bench@example.com';

const SUBJECTS = ['astronaut', 'cat', 'dog', 'dragon', 'robot', 'castle', 'lighthouse', 'forest', 'mountain', 'city', 'ship', 'owl', 'fox', 'tiger', 'whale', 'garden', 'wizard', 'knight', 'samurai', 'mermaid', 'train', 'bicycle', 'teapot', 'violin', 'cathedral', 'desert', 'volcano', 'waterfall', 'bridge', 'market', 'library', 'balloon', 'submarine', 'penguin', 'butterfly', 'octopus', 'giraffe', 'unicorn', 'cottage', 'skyscraper'];
const SCENES = ['at sunset', 'in the rain', 'under the stars', 'in a snowstorm', 'on the moon', 'in a misty valley', 'at dawn', 'underwater', 'in a neon alley', 'on a quiet beach', 'in autumn leaves', 'in a field of flowers'];
const LOOKS = ['highly detailed', 'watercolor painting', 'oil painting', 'studio photo', 'isometric render', 'pencil sketch', 'cinematic lighting', 'soft pastel', 'low poly', 'ukiyo-e print', 'matte painting', 'macro photograph'];
const NEGATIVES = ['', '', 'blurry', 'low quality, jpeg artifacts', 'text, watermark', 'extra fingers, deformed hands'];
const MODELS = ['kumori-demo', 'sd-turbo', 'sd15', 'sd21'];
const SAMPLERS = ['ddim', 'euler', 'euler_a', 'dpmpp_2m', 'dpmpp_2m_karras', 'lcm'];
const STYLES = ['neon', 'pastel', 'noir', 'vivid', 'film', 'pop-art', 'pixel', 'blueprint', 'dream'];
const SIZES = [[512, 512], [768, 768], [512, 768], [768, 512], [1024, 1024], [64, 64]];

const arr = (xs: string[]) => `array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
// pick(list, salt): a deterministic pseudo-random element per generation number i.
const pick = (xs: string[], salt: number) => `(${arr(xs)})[1 + (abs(hashint4(i * ${salt} + ${salt})::bigint) % ${xs.length})]`;

export async function seedGallery(url: string, count: number, log: (line: string) => void = console.log): Promise<string> {
  await ensureDatabase(url);
  await migrateDatabase(url);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`
      insert into users (email, password_hash) values (${BENCH_EMAIL}, 'not-a-hash')
      on conflict (email) do update set email = excluded.email returning id`;
    const userId = user.id as string;
    const [{ n: have }] = await sql`select count(*)::int as n from images where user_id = ${userId}`;
    if (have >= count) {
      log(`[seed-gallery] ${have} images already there`);
      return userId;
    }
    const started = Date.now();
    const todo = count - have;
    // 1 to 4 images a generation (2.5 on average), a generation every ~3 minutes back from now.
    const gens = Math.ceil((todo / 2.5) * 1.1) + 16;
    const sizeIdx = `(abs(hashint4(i * 13 + 13)::bigint) % ${SIZES.length})`;
    const width = `(array[${SIZES.map((s) => s[0]).join(',')}])[1 + ${sizeIdx}]`;
    const height = `(array[${SIZES.map((s) => s[1]).join(',')}])[1 + ${sizeIdx}]`;
    await sql.begin(async (tx) => {
      await tx.unsafe(`
        create temporary table seed_gens on commit drop as
        select gen_random_uuid() as id, i, 1 + abs(hashint4(i * 17 + 17)::bigint) % 4 as n,
               now() - make_interval(secs => (${have} + i) * 180 + abs(hashint4(i)::bigint) % 60) as at
        from generate_series(1, ${gens}) i`);
      await tx.unsafe(`
        insert into generations (id, user_id, status, tier, cost, params, created_at, started_at, finished_at)
        select id, '${userId}', 'succeeded', 'fast', n,
          jsonb_strip_nulls(jsonb_build_object(
            'prompt', 'a ' || ${pick(SUBJECTS, 3)} || ' ' || ${pick(SCENES, 5)} || ', ' || ${pick(LOOKS, 7)},
            'negativePrompt', ${pick(NEGATIVES, 11)},
            'model', ${pick(MODELS, 19)}, 'sampler', ${pick(SAMPLERS, 23)},
            'style', case when abs(hashint4(i * 29)::bigint) % 2 = 0 then ${pick(STYLES, 31)} end,
            'width', ${width}, 'height', ${height}, 'steps', 20, 'guidance', 7.5, 'seed', i, 'n', n)),
          at, at, at
        from seed_gens`);
      await tx.unsafe(`
        insert into images (generation_id, user_id, index, key, thumb_key, mime, size, width, height, sha256, seed, favourite, created_at)
        select g.id, '${userId}', k, 'bench/' || g.id || '/' || k || '.png', 'bench/' || g.id || '/' || k || '.webp', 'image/png', 400000,
               ${width}, ${height}, md5(g.id::text || k), g.i * 10 + k, abs(hashint4(g.i * 37 + k)::bigint) % 20 = 0, g.at
        from seed_gens g cross join generate_series(0, 3) k
        where k < g.n
        order by g.i, k
        limit ${todo}`);
    });
    await sql`analyze generations`;
    await sql`analyze images`;
    const [{ n: now }] = await sql`select count(*)::int as n from images where user_id = ${userId}`;
    log(`[seed-gallery] ${now} images for ${BENCH_EMAIL} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return userId;
  } finally {
    await sql.end();
  }
}

if (process.argv[1] && /seed-gallery\.ts$/.test(process.argv[1])) {
  const count = Number(process.argv[2] ?? 100_000);
  seedGallery(process.env.DATABASE_URL ?? BENCH_DATABASE_URL, count).catch((err) => {
    console.error(`[seed-gallery] failed: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  });
}
