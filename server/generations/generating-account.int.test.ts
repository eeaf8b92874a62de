import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';
import { apiKeys } from '../db/api-schema';
import { webhookEndpoints } from '../db/webhook-schema';

// The account a generation is created for is read once, by the API's authentication or here; both
// must agree on what it says, or the API and the page would treat the same user differently.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let account: typeof import('./generating-account');
let auth: typeof import('../api/authenticate');
let keyFormat: typeof import('../api/keys/key-format');
beforeAll(async () => {
  t = await setupTestEnv();
  account = await import('./generating-account');
  auth = await import('../api/authenticate');
  keyFormat = await import('../api/keys/key-format');
});
afterAll(async () => t?.teardown());

let n = 0;
async function newUser(values: Partial<typeof users.$inferInsert> = {}) {
  const [u] = await t.db.insert(users).values({ email: `acct${n++}@example.com`, passwordHash: 'x', ...values }).returning();
  return u;
}

async function viaApiKey(userId: string, cap: number | null = null) {
  const key = keyFormat.generateApiKey();
  await t.db.insert(apiKeys).values({ userId, name: 'k', prefix: key.prefix, keyHash: key.hash, scopes: ['generate'], monthlyCreditCap: cap });
  const req = new Request('http://localhost/api/v1/me', { headers: { authorization: `Bearer ${key.key}` } });
  const result = await auth.authenticateApiRequest(req);
  if (!result.ok) throw new Error(result.error.message);
  return result.caller;
}

describe('the generating account', () => {
  it('reads plan, suspension, role and webhooks alike through a key and directly', async () => {
    const plain = await newUser({ plan: 'pro' });
    const suspended = await newUser({ suspendedAt: new Date() });
    const admin = await newUser({ role: 'admin' });
    const expected = new Map([
      [plain.id, { plan: 'pro', suspended: false, admin: false, webhooks: false }],
      [suspended.id, { plan: 'free', suspended: true, admin: false, webhooks: false }],
      [admin.id, { plan: 'free', suspended: false, admin: true, webhooks: false }],
    ]);
    for (const [id, want] of expected) {
      expect(await account.generatingAccountOf(id)).toEqual(want);
      expect((await viaApiKey(id)).account).toEqual(want);
    }
  });

  it('counts only enabled webhook endpoints, and only the user\'s own', async () => {
    const owner = await newUser();
    const other = await newUser();
    const endpoint = { url: 'https://example.com/hook', secretSealed: 'sealed', events: ['generation.queued'] };
    await t.db.insert(webhookEndpoints).values({ ...endpoint, userId: owner.id, enabled: false });
    expect((await account.generatingAccountOf(owner.id)).webhooks).toBe(false);
    await t.db.insert(webhookEndpoints).values({ ...endpoint, userId: owner.id, enabled: true });
    expect((await account.generatingAccountOf(owner.id)).webhooks).toBe(true);
    expect((await viaApiKey(owner.id)).account.webhooks).toBe(true);
    expect((await account.generatingAccountOf(other.id)).webhooks).toBe(false);
  });

  it('tells a capped key from an uncapped one', async () => {
    const u = await newUser();
    expect((await viaApiKey(u.id)).keyCapped).toBe(false);
    expect((await viaApiKey(u.id, 100)).keyCapped).toBe(true);
  });
});
