import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';

// A folder's kumori.json can mark a test model: the worker registers the flag, the model lists hide
// it from everyone but admins, and a plain user naming it is refused before anything is charged.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let m: {
  registerModels: typeof import('./registry').registerModels;
  registeredModels: typeof import('./registry').registeredModels;
  modelsOfferedTo: typeof import('./offered').modelsOfferedTo;
  describeModels: typeof import('../api/v1/account').describeModels;
  createGeneration: typeof import('../generations/create').createGeneration;
};
beforeAll(async () => {
  t = await setupTestEnv();
  const [registry, offered, account, create] = await Promise.all([import('./registry'), import('./offered'), import('../api/v1/account'), import('../generations/create')]);
  m = { ...registry, ...offered, ...account, ...create };
  await m.registerModels(t.db, [
    { id: 'everyday', displayName: 'Everyday', nativeWidth: 512, nativeHeight: 512 },
    { id: 'lab', displayName: 'Lab', nativeWidth: 512, nativeHeight: 512, isTest: true },
  ]);
});
afterAll(async () => {
  await t?.teardown();
});

const userOf = async (email: string, role: 'user' | 'admin') => {
  const [u] = await t.db.insert(users).values({ email, passwordHash: 'x', role }).returning();
  return { id: u.id, email, role };
};

describe('test models', () => {
  it('are registered with their flag, and a later registration can clear it', async () => {
    expect((await m.registeredModels(t.db)).find((x) => x.id === 'lab')?.isTest).toBe(true);
    await m.registerModels(t.db, [{ id: 'lab', displayName: 'Lab', nativeWidth: 512, nativeHeight: 512, isTest: false }]);
    expect((await m.registeredModels(t.db)).find((x) => x.id === 'lab')?.isTest).toBe(false);
    await m.registerModels(t.db, [{ id: 'lab', displayName: 'Lab', nativeWidth: 512, nativeHeight: 512, isTest: true }]);
  });

  it('are listed to admins only, on the page and in the API', async () => {
    expect((await m.modelsOfferedTo('user')).map((x) => x.id)).toEqual(['everyday']);
    expect((await m.modelsOfferedTo('admin')).map((x) => x.id)).toEqual(['everyday', 'lab']);
    const user = await userOf('plain@example.com', 'user');
    expect((await m.describeModels({ user })).data.map((x) => x.id)).toEqual(['everyday']);
  });

  it('are refused to a plain user by name, with the field `model`, before any charge', async () => {
    const user = await userOf('asker@example.com', 'user');
    const r = await m.createGeneration(user.id, { prompt: 'a red circle', width: 64, height: 64, steps: 1, model: 'lab' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('invalid');
    expect(r.error.fields?.model).toBe('Model "lab" is a test model, offered to admins only. Choose another model.');
  });
});
