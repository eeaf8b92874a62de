import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';
import { promptIncidents } from '../db/safety-schema';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let incidents: typeof import('./incidents');

beforeAll(async () => {
  t = await setupTestEnv();
  incidents = await import('./incidents');
  const [ann, bob] = await t.db
    .insert(users)
    .values([{ email: 'ann@example.com', passwordHash: 'x' }, { email: 'bob_smith@example.org', passwordHash: 'x' }])
    .returning();
  const base = { field: 'prompt', term: 'nude', prompt: 'p' };
  // Inserted oldest first; the log shows them newest first.
  await t.db.insert(promptIncidents).values([
    { ...base, userId: ann.id, action: 'block', source: 'web', category: 'sexual', prompt: 'a1' },
    { ...base, userId: bob.id, action: 'flag', source: 'api', category: 'violence-gore', prompt: 'b1' },
    { ...base, userId: ann.id, action: 'flag', source: 'web', category: 'violence-gore', prompt: 'a2' },
    { ...base, userId: bob.id, action: 'block', source: 'preset', category: 'sexual', prompt: 'b2' },
    { ...base, userId: ann.id, action: 'block', source: 'api', category: 'sexual', prompt: 'a3' },
  ]);
});
afterAll(async () => {
  await t?.teardown();
});

const prompts = async (params: Record<string, unknown>, limit?: number) =>
  (await incidents.listIncidents(incidents.incidentFilterSchema.parse(params), limit, t.db)).rows.map((r) => r.prompt);

describe('prompt incidents log', () => {
  it('lists newest first, with the user, and filters by email substring, category, action and source', async () => {
    const all = await incidents.listIncidents(incidents.incidentFilterSchema.parse({}), undefined, t.db);
    expect(all.rows.map((r) => r.prompt)).toEqual(['a3', 'b2', 'a2', 'b1', 'a1']);
    expect(all.rows[0]).toMatchObject({ userEmail: 'ann@example.com', action: 'block', source: 'api', category: 'sexual', field: 'prompt', term: 'nude' });
    expect(all.next).toBeNull();
    expect(await prompts({ user: 'BOB' })).toEqual(['b2', 'b1']);
    // "_" is a literal underscore, not LIKE's any-character.
    expect(await prompts({ user: 'b_s' })).toEqual(['b2', 'b1']);
    expect(await prompts({ user: 'n_e' })).toEqual([]);
    expect(await prompts({ category: 'violence-gore' })).toEqual(['a2', 'b1']);
    expect(await prompts({ action: 'block', source: 'api' })).toEqual(['a3']);
    expect(await prompts({ user: 'ann', action: 'flag' })).toEqual(['a2']);
    expect(await incidents.incidentFacets(t.db)).toEqual({ categories: ['sexual', 'violence-gore'], sources: ['api', 'preset', 'web'] });
  });

  it('pages by id and ignores parameters it cannot use', async () => {
    const first = await incidents.listIncidents(incidents.incidentFilterSchema.parse({ category: 'sexual' }), 2, t.db);
    expect(first.rows.map((r) => r.prompt)).toEqual(['a3', 'b2']);
    const second = await incidents.listIncidents(incidents.incidentFilterSchema.parse({ category: 'sexual', before: String(first.next) }), 2, t.db);
    expect(second.rows.map((r) => r.prompt)).toEqual(['a1']);
    expect(second.next).toBeNull();
    expect(await prompts({ action: 'delete', before: 'soon', user: ['a', 'b'] })).toHaveLength(5);
  });
});
