import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';
import { apiKeys } from '../db/api-schema';
import { generations, models, users } from '../db/schema';
import { auditLog, promptIncidents } from '../db/safety-schema';
import { styles } from '../db/style-schema';
import { generateApiKey } from '../api/keys/key-format';

// Real Postgres (migrated, so the shipped styles are there) and Redis; jobs are enqueued, no worker runs.
vi.mock('../auth/session', () => ({ currentUser: async () => null }));

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let createGeneration: typeof import('../generations/create').createGeneration;
let manage: typeof import('./manage-styles');
let listActiveStyles: typeof import('./list-styles').listActiveStyles;
let toGenerationInput: typeof import('../api/openai/to-generation-input').toGenerationInput;
let restRoute: typeof import('../../app/api/v1/generations/route');
let openAiRoute: typeof import('../../app/v1/images/generations/route');

beforeAll(async () => {
  t = await setupTestEnv();
  ({ createGeneration } = await import('../generations/create'));
  manage = await import('./manage-styles');
  ({ listActiveStyles } = await import('./list-styles'));
  ({ toGenerationInput } = await import('../api/openai/to-generation-input'));
  restRoute = await import('../../app/api/v1/generations/route');
  openAiRoute = await import('../../app/v1/images/generations/route');
  await t.db.insert(models).values({ id: 'ghost', displayName: 'Ghost', nativeWidth: 64, nativeHeight: 64 });
});
afterAll(async () => {
  await closeTierQueues();
  await (await import('../redis/connection')).redis().quit();
  await t?.teardown();
});

async function newUser(role: 'user' | 'admin' = 'user') {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x', role, plan: 'pro' }).returning();
  const { grantCredits } = await import('../billing/ledger');
  await grantCredits(t.db, u.id, 1000, 'test', `t:${u.id}`);
  return u;
}
const req = (extra: Record<string, unknown> = {}) => ({ prompt: 'a red circle', negativePrompt: 'blurry', width: 64, height: 64, steps: 2, model: 'ghost', seed: 5, ...extra });
const paramsOf = async (id: string) => (await t.db.select().from(generations).where(eq(generations.id, id)))[0].params;
const auditOf = (action: string, slug: string) => t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.targetId, slug)));

describe('a generation with a style', () => {
  it('stores the prompts as written, the expanded ones the model runs, the style and a snapshot of its effects', async () => {
    const user = await newUser();
    const r = await createGeneration(user.id, req({ style: 'Noir' }));
    if (!r.ok) throw new Error(r.error.message);
    const noir = (await listActiveStyles()).find((s) => s.slug === 'noir')!;
    expect(await paramsOf(r.id)).toMatchObject({
      prompt: 'a red circle',
      negativePrompt: 'blurry',
      style: 'noir',
      expandedPrompt: 'a red circle, film noir, monochrome, dramatic lighting',
      expandedNegativePrompt: 'blurry, colourful',
      styleEffects: noir.effects,
    });
  });

  it('stores nothing of a style when none is asked for', async () => {
    const r = await createGeneration((await newUser()).id, req({ style: 'none' }));
    if (!r.ok) throw new Error(r.error.message);
    const params = await paramsOf(r.id);
    for (const key of ['style', 'styleEffects', 'expandedPrompt', 'expandedNegativePrompt']) expect(params).not.toHaveProperty(key);
  });

  it('refuses an unknown or retired style on the style field, charging nothing', async () => {
    const user = await newUser();
    expect(await createGeneration(user.id, req({ style: 'sepia-dreams' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: { style: 'There is no style "sepia-dreams" (or it was retired). Pick one from the Style list.' } },
    });
    const admin = await newUser('admin');
    await manage.setStyleRetired(admin, 'dream', true);
    expect(await createGeneration(user.id, req({ style: 'dream' }))).toMatchObject({ ok: false, error: { fields: { style: expect.stringContaining('retired') } } });
    expect((await listActiveStyles()).map((s) => s.slug)).not.toContain('dream');
    await manage.setStyleRetired(admin, 'dream', false);
    expect(await t.db.select().from(generations).where(eq(generations.userId, user.id))).toHaveLength(0);
  });

  it('has the policy check the expanded prompt: a blocked word in a style template is refused and logged as run', async () => {
    // Written straight to the table: the admin form refuses such a template (below).
    await t.db.insert(styles).values({ slug: 'sneaky', name: 'Sneaky', template: '{prompt}, nude figure', position: 999 });
    const user = await newUser();
    const r = await createGeneration(user.id, req({ style: 'sneaky' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'prompt_blocked', fields: { prompt: 'Blocked by the content policy (Sexual content).' } } });
    expect(await t.db.select().from(promptIncidents).where(eq(promptIncidents.userId, user.id))).toMatchObject([{ prompt: 'a red circle, nude figure', action: 'block' }]);
    expect(await createGeneration(user.id, req())).toMatchObject({ ok: true });
  });
});

describe('admin style management', () => {
  const definition = { slug: 'sepia', name: 'Sepia', template: '{prompt}', tokens: ['sepia'], effects: [{ kind: 'duotone', shadow: '#2b1d0e', highlight: '#f3e3c3' }] };

  it('creates, edits, reorders, retires and restores a style, each in the audit log', async () => {
    const admin = await newUser('admin');
    const created = await manage.createStyle(admin, definition);
    if (!created.ok) throw new Error(created.error.message);
    expect((await auditOf('style.create', 'sepia'))[0]).toMatchObject({ actorEmail: admin.email, after: { name: 'Sepia', version: 1 } });
    const last = (await listActiveStyles()).at(-1)!;
    expect(last.slug).toBe('sepia');

    const edited = await manage.updateStyle(admin, 'sepia', 1, { ...definition, name: 'Old photo', slug: 'ignored' });
    expect(edited).toMatchObject({ ok: true, style: { slug: 'sepia', name: 'Old photo', version: 2 } });
    expect((await auditOf('style.update', 'sepia'))[0]).toMatchObject({ before: { name: 'Sepia' }, after: { name: 'Old photo', version: 2 } });
    expect(await manage.updateStyle(admin, 'sepia', 1, definition)).toMatchObject({ ok: false, error: { code: 'stale' } });

    const before = (await listActiveStyles()).map((s) => s.slug);
    expect(await manage.moveStyle(admin, 'sepia', 'up')).toMatchObject({ ok: true });
    const after = (await listActiveStyles()).map((s) => s.slug);
    expect(after.indexOf('sepia')).toBe(before.indexOf('sepia') - 1);
    expect(await auditOf('style.move', 'sepia')).toHaveLength(1);
    expect(await manage.moveStyle(admin, 'neon', 'up')).toMatchObject({ ok: false, error: { code: 'unchanged', message: 'Neon is already first.' } });

    expect(await manage.setStyleRetired(admin, 'sepia', true)).toMatchObject({ ok: true });
    expect(await manage.setStyleRetired(admin, 'sepia', true)).toMatchObject({ ok: false, error: { message: 'Old photo is already retired.' } });
    expect(await manage.setStyleRetired(admin, 'sepia', false)).toMatchObject({ ok: true });
    expect(await auditOf('style.retire', 'sepia')).toHaveLength(1);
    expect(await auditOf('style.restore', 'sepia')).toHaveLength(1);
  });

  it('refuses a duplicate slug, a bad definition and a template the policy blocks, with the field named', async () => {
    const admin = await newUser('admin');
    expect(await manage.createStyle(admin, { ...definition, slug: 'neon' })).toMatchObject({ ok: false, error: { code: 'exists', fields: { slug: expect.stringContaining('"neon" exists already') } } });
    expect(await manage.createStyle(admin, { ...definition, slug: 'x1', template: 'no placeholder' })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: { template: "The template must contain {prompt}, where the user's prompt goes." } },
    });
    expect(await manage.createStyle(admin, { ...definition, slug: 'x2', tokens: ['nude'] })).toMatchObject({
      ok: false,
      error: { code: 'invalid', fields: { template: expect.stringContaining('The content policy blocks "nude"') } },
    });
    expect(await t.db.select().from(styles).where(eq(styles.slug, 'x2'))).toHaveLength(0);
  });
});

describe('the APIs take style', () => {
  async function apiKey() {
    const user = await newUser();
    const g = generateApiKey();
    await t.db.insert(apiKeys).values({ userId: user.id, name: 't', prefix: g.prefix, keyHash: g.hash, scopes: ['generate', 'read'] });
    return g.key;
  }
  const post = (url: string, key: string, body: unknown) =>
    new Request(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const noParams = { params: Promise.resolve({} as Record<string, never>) };

  it('REST v1 accepts a style and refuses an unknown one with param: style', async () => {
    const key = await apiKey();
    const ok = await restRoute.POST(post('http://localhost/api/v1/generations', key, req({ style: 'pixel' })), noParams);
    expect(ok.status).toBe(202);
    expect(await paramsOf((await ok.json()).id)).toMatchObject({ style: 'pixel', expandedPrompt: 'a red circle, pixel art, 8-bit, retro game' });
    const bad = await restRoute.POST(post('http://localhost/api/v1/generations', key, req({ style: 'nope' })), noParams);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid', param: 'style' });
  });

  it('the OpenAI-compatible route refuses an unknown style with param: style', async () => {
    const key = await apiKey();
    const bad = await openAiRoute.POST(post('http://localhost/v1/images/generations', key, { prompt: 'a red circle', model: 'ghost', size: '64x64', style: 'nope' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ type: 'invalid_request_error', param: 'style', message: expect.stringContaining('There is no style "nope"') });
  });

  it('maps OpenAI style: natural to none, vivid to the Vivid style, and fills omitted settings from the style', async () => {
    expect(await toGenerationInput({ prompt: 'x', style: 'natural', size: '64x64' })).toMatchObject({ style: undefined, guidance: undefined });
    expect(await toGenerationInput({ prompt: 'x', style: 'vivid', size: '64x64' })).toMatchObject({ style: 'vivid', guidance: 9 });
    expect(await toGenerationInput({ prompt: 'x', style: 'vivid', size: '64x64', guidance_scale: 3 })).toMatchObject({ style: 'vivid', guidance: 3 });
    expect(await toGenerationInput({ prompt: 'x', style: 'pixel', size: '64x64' })).toMatchObject({ steps: 16 });
  });
});
