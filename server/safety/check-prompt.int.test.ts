import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';
import { promptIncidents, policyCategories } from '../db/safety-schema';
import { generations, models, users } from '../db/schema';

// Real Postgres and Redis; the shipped default policy is seeded into the private database.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let createGeneration: typeof import('../generations/create').createGeneration;
let balanceOf: typeof import('../billing/ledger').balanceOf;
let store: typeof import('./policy-store');

beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { SAFETY_STRIKES_WARN: '2', SAFETY_STRIKES_SUSPEND: '3' });
  ({ createGeneration } = await import('../generations/create'));
  ({ balanceOf } = await import('../billing/ledger'));
  store = await import('./policy-store');
  await t.db.insert(models).values({ id: 'ghost', displayName: 'Ghost', nativeWidth: 64, nativeHeight: 64 });
});
afterAll(async () => {
  await closeTierQueues();
  await t?.teardown();
});

let n = 0;
async function newUser() {
  const [u] = await t.db.insert(users).values({ email: `p${n++}@example.com`, passwordHash: 'x' }).returning();
  const { grantCredits } = await import('../billing/ledger');
  await grantCredits(t.db, u.id, 100, 'test', `t:${u.id}`);
  return u.id;
}
const req = (prompt: string, negativePrompt = '') => ({ prompt, negativePrompt, width: 64, height: 64, steps: 2, model: 'ghost' });

describe('prompt policy at submit', () => {
  it('blocks a prompt, names the category and the field, charges nothing and logs it', async () => {
    const userId = await newUser();
    const r = await createGeneration(userId, req('a n.u.d.3 figure on a beach'));
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'prompt_blocked',
        message: 'Your prompt was blocked by the content policy (Sexual content). Nothing was charged.',
        fields: { prompt: 'Blocked by the content policy (Sexual content).' },
      },
    });
    expect(await balanceOf(t.db, userId)).toBe(100);
    expect(await t.db.select().from(generations).where(eq(generations.userId, userId))).toHaveLength(0);
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, userId))).toMatchObject([
      { action: 'block', source: 'web', field: 'prompt', category: 'sexual', prompt: 'a n.u.d.3 figure on a beach' },
    ]);
  });

  it('checks the negative prompt too, and says so', async () => {
    const r = await createGeneration(await newUser(), req('a castle', 'ｌｏｌｉ'), 'api');
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'prompt_blocked', message: expect.stringContaining('Your negative prompt was blocked'), fields: { negativePrompt: 'Blocked by the content policy (Sexual content involving minors).' } },
    });
  });

  it('accepts sexual terms in the negative prompt, records them on the generation, and counts no strike', async () => {
    const userId = await newUser();
    const r = await createGeneration(userId, req('a castle at dawn', 'nsfw, nude, lowres'));
    expect(r).toMatchObject({ ok: true });
    if (!r.ok) return;
    const [row] = await t.db.select().from(generations).where(eq(generations.id, r.id));
    expect(row.negativePromptHits).toEqual([{ category: 'sexual', term: 'nsfw' }, { category: 'sexual', term: 'nude' }]);
    expect(row.flaggedCategory).toBeNull();
    expect(await balanceOf(t.db, userId)).toBe(100 - r.cost);
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, userId))).toEqual([]);
    const plain = await createGeneration(userId, req('a castle at dusk', 'lowres, blurry'));
    if (plain.ok) expect((await t.db.select().from(generations).where(eq(generations.id, plain.id)))[0].negativePromptHits).toBeNull();
  });

  it('still blocks "nude" in the prompt, whatever the negative prompt says', async () => {
    const userId = await newUser();
    const r = await createGeneration(userId, req('a nude figure', 'nsfw, lowres'));
    expect(r).toMatchObject({ ok: false, error: { code: 'prompt_blocked', fields: { prompt: 'Blocked by the content policy (Sexual content).' } } });
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, userId))).toMatchObject([{ action: 'block', field: 'prompt', category: 'sexual' }]);
  });

  it('acts on categories not allowed in the negative prompt: violence there is flagged', async () => {
    const userId = await newUser();
    const r = await createGeneration(userId, req('a knight at rest', 'gore, nsfw'));
    expect(r.ok).toBe(true);
    if (r.ok) expect((await t.db.select().from(generations).where(eq(generations.id, r.id)))[0]).toMatchObject({ flaggedCategory: 'violence-gore', negativePromptHits: [{ category: 'sexual', term: 'nsfw' }] });
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, userId))).toMatchObject([{ action: 'flag', field: 'negativePrompt', category: 'violence-gore' }]);
  });

  it('seeds a fresh database with sexual content allowed in the negative prompt, and nothing else', async () => {
    const policy = await store.loadPolicy(t.db);
    expect(policy.categories.filter((c) => c.negativeAllowed).map((c) => c.id)).toEqual(['sexual']);
  });

  it('blocks the evasions people use: a split word, a wildcard letter, a glued word', async () => {
    for (const prompt of ['a nu de portrait', 'p*rn', 'nudewoman on a beach']) {
      expect(await createGeneration(await newUser(), req(prompt))).toMatchObject({ ok: false, error: { code: 'prompt_blocked' } });
    }
  });

  it('lets innocent prompts through', async () => {
    const r = await createGeneration(await newUser(), req('Essex countryside at dawn, a sextant on a class trip, nude lipstick'));
    expect(r.ok).toBe(true);
  });

  it('warns after N blocked prompts and suspends after M; a suspended account cannot generate', async () => {
    const userId = await newUser();
    const first = await createGeneration(userId, req('porn'));
    expect(first.ok || first.error.message).not.toContain('Warning');
    const second = await createGeneration(userId, req('nsfw art'));
    expect(!second.ok && second.error.message).toContain('Warning: 2 of your prompts were blocked in the last 24 hours. At 3, your account is suspended pending review.');
    const third = await createGeneration(userId, req('hentai'));
    expect(!third.ok && third.error.message).toContain('Your account is suspended pending review');
    const [u] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(u.suspendedAt).not.toBeNull();
    expect(u.suspendedReason).toBe('3 blocked prompts in 24 hours');
    expect(await createGeneration(userId, req('a calm lake'))).toMatchObject({ ok: false, error: { code: 'suspended' } });
  });

  it('lets a flagged prompt run, marking the generation for review', async () => {
    const userId = await newUser();
    const r = await createGeneration(userId, req('a knight in a pool of blood'));
    expect(r.ok).toBe(true);
    if (r.ok) expect((await t.db.select().from(generations).where(eq(generations.id, r.id)))[0].flaggedCategory).toBe('violence-gore');
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, userId))).toMatchObject([{ action: 'flag', category: 'violence-gore' }]);
  });

  it('seeds the default policy once: an admin who removes it all does not get it back', async () => {
    await store.savePolicy(t.db, { categories: [], terms: [], allow: [] });
    expect(await store.seedDefaultPolicy()).toBe(false);
    expect(await t.db.select().from(policyCategories)).toHaveLength(0);
    expect((await createGeneration(await newUser(), req('porn'))).ok).toBe(true);
  });
});
