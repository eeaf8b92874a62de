import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';
import type { Db } from '../db/client';
import { creditLedger, models, users } from '../db/schema';

// Real Postgres (a private database) and real Redis: the generations are really enqueued.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let db: Db;
let ledger: typeof import('./ledger');
let createGeneration: typeof import('../generations/create').createGeneration;
let signUp: typeof import('../auth/users').signUp;

beforeAll(async () => {
  t = await setupTestEnv();
  db = t.db;
  ledger = await import('./ledger');
  ({ createGeneration } = await import('../generations/create'));
  ({ signUp } = await import('../auth/users'));
  await db.insert(models).values({ id: 'ghost', displayName: 'Ghost', nativeWidth: 512, nativeHeight: 512 });
});

afterAll(async () => {
  await closeTierQueues();
  await t?.teardown();
});

let n = 0;
async function newUser(plan: 'free' | 'basic' | 'pro' = 'free') {
  const r = await signUp({ email: `ledger${n++}@example.com`, password: 'correct horse battery' });
  if (!r.ok) throw new Error(r.error.message);
  await db.update(users).set({ plan }).where(eq(users.id, r.value.id));
  return r.value.id;
}

/** Recomputes every user's balance from the entries themselves. */
async function recompute(userId: string) {
  const [row] = await db.select({ s: sql<string>`coalesce(sum(${creditLedger.amount}), 0)` }).from(creditLedger).where(eq(creditLedger.userId, userId));
  return Number(row.s);
}

describe('credit ledger', () => {
  it('accepts exactly 10 of 50 parallel generations when the balance covers 10', async () => {
    const userId = await newUser('pro'); // pro queues up to 50; fast tier at the base price
    await ledger.grantCredits(db, userId, 500, 'Top-up for the test', `test:${userId}`); // 500 + 500 = 10 × 100
    const req = { prompt: 'a red circle', width: 512, height: 512, steps: 100, model: 'ghost', tier: 'fast' };
    const results = await Promise.all(Array.from({ length: 50 }, () => createGeneration(userId, req)));
    const accepted = results.filter((r) => r.ok);
    expect(accepted).toHaveLength(10);
    expect(results.filter((r) => !r.ok && r.error.code === 'insufficient_credits')).toHaveLength(40);
    expect(await ledger.balanceOf(db, userId)).toBe(0);
    expect(await recompute(userId)).toBe(0);
    const debits = await db.select().from(creditLedger).where(eq(creditLedger.userId, userId));
    expect(debits.filter((d) => d.kind === 'debit')).toHaveLength(10);
  });

  it('keeps the running total equal to the sum of entries through grants, debits, refunds and duplicates', async () => {
    const userId = await newUser();
    await ledger.grantCredits(db, userId, 250, 'Admin grant', `k:${userId}:a`);
    expect(await ledger.grantCredits(db, userId, 250, 'Admin grant', `k:${userId}:a`)).toBe(false);
    await ledger.appendEntry(db, { userId, kind: 'clawback', amount: -900, reason: 'Payment refunded', uniqueKey: `k:${userId}:c` });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledger.appendEntry(db, { userId, kind: 'adjustment', amount: i % 2 ? 7 : -3, reason: 'x', uniqueKey: `k:${userId}:${i % 10}` })),
    );
    expect(await ledger.balanceOf(db, userId)).toBe(await recompute(userId));
    expect(await ledger.balanceOf(db, userId)).toBe(500 + 250 - 900 + 5 * 7 - 5 * 3);
    expect(await ledger.ledgerDrift(db)).toEqual([]);
  });

  it('refuses to change or delete an entry', async () => {
    const appendOnly = { cause: { message: expect.stringMatching(/credit_ledger is append-only/) } };
    const userId = await newUser();
    await expect(db.update(creditLedger).set({ amount: 1_000_000 }).where(eq(creditLedger.userId, userId))).rejects.toMatchObject(appendOnly);
    await expect(db.delete(creditLedger).where(eq(creditLedger.userId, userId))).rejects.toMatchObject(appendOnly);
    expect(await ledger.balanceOf(db, userId)).toBe(500);
  });

  it('reports drift if the running total is ever written behind the ledger’s back', async () => {
    const userId = await newUser();
    await db.update(users).set({ credits: 499 }).where(eq(users.id, userId));
    expect(await ledger.ledgerDrift(db)).toEqual([{ userId, credits: 499, sum: 500 }]);
    await db.update(users).set({ credits: 500 }).where(eq(users.id, userId));
  });

  it('blocks every generation, free ones too, while the balance is negative', async () => {
    const userId = await newUser('pro'); // relax is free on pro
    await ledger.appendEntry(db, { userId, kind: 'clawback', amount: -600, reason: 'Payment disputed', uniqueKey: `k:${userId}:neg` });
    const r = await createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2, model: 'ghost', tier: 'relax' });
    expect(r).toMatchObject({ ok: false, error: { code: 'negative_balance' } });
    if (!r.ok) expect(r.error.message).toBe('Your balance is -100 credits because a payment was refunded or disputed. Add credits on the Billing page to generate again.');
    await ledger.grantCredits(db, userId, 100, 'Top-up', `k:${userId}:top`);
    expect((await createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2, model: 'ghost', tier: 'relax' })).ok).toBe(true);
  });
});
