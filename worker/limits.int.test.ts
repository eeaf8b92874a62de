import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { generations } from '../server/db/schema';
import { startHarness, type Harness } from './testing/harness';

// Plan limits on the real stack: a worker with two slots, 30 ms a step.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ concurrency: 2, stepDelayMs: 30 });
});
afterAll(async () => h?.stop());

const job = { prompt: 'x', width: 64, height: 64, steps: 8 };

describe('plan limits', () => {
  it('refuses a 5th waiting generation on the free plan, charging nothing', async () => {
    const userId = await h.newUser('free');
    h.worker.pause();
    const accepted: string[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const r = await h.createGeneration(userId, job);
        if (r.ok) accepted.push(r.id);
      }
      expect(accepted).toHaveLength(4);
      const before = await h.ledger.balanceOf(h.db, userId);
      const fifth = await h.createGeneration(userId, job);
      expect(fifth).toMatchObject({
        ok: false,
        error: { code: 'limit_reached', message: 'You have 4 generations waiting, the most the Free plan allows. Wait for one to start, or cancel one.' },
      });
      expect(await h.ledger.balanceOf(h.db, userId)).toBe(before);
    } finally {
      h.worker.resume();
    }
    for (const id of accepted) expect((await h.finished(id)).status).toBe('succeeded');
  });

  it('runs one free-plan job at a time, while another user uses the second slot', async () => {
    const free = await h.newUser('free');
    const other = await h.newUser('free');
    h.worker.pause(); // all three wait together, so both slots start at once
    const a = await h.createGeneration(free, job);
    const b = await h.createGeneration(free, job);
    const c = await h.createGeneration(other, job);
    h.worker.resume();
    if (!a.ok || !b.ok || !c.ok) throw new Error('not accepted');
    for (const id of [a.id, b.id, c.id]) expect((await h.finished(id)).status).toBe('succeeded');
    const rows = await h.db.select().from(generations).where(inArray(generations.id, [a.id, b.id, c.id]));
    const span = (id: string) => {
      const r = rows.find((x) => x.id === id)!;
      return [r.startedAt!.getTime(), r.finishedAt!.getTime()] as const;
    };
    const overlap = (x: readonly number[], y: readonly number[]) => x[0] < y[1] && y[0] < x[1];
    expect(overlap(span(a.id), span(b.id))).toBe(false);
    expect(overlap(span(a.id), span(c.id)) || overlap(span(b.id), span(c.id))).toBe(true);
  });

  it('refuses a tier the plan does not include', async () => {
    const userId = await h.newUser('free');
    expect(await h.createGeneration(userId, { ...job, tier: 'turbo' })).toMatchObject({
      ok: false,
      error: { fields: { tier: 'Your Free plan runs on Relax only. Upgrade for faster tiers.' } },
    });
  });
});

describe('users take turns within a tier', () => {
  it("starts another user's first job before one user's second and third", async () => {
    const busy = await h.newUser('basic');
    const late = await h.newUser('basic');
    h.worker.pause();
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await h.createGeneration(busy, { ...job, tier: 'fast' });
      if (r.ok) mine.push(r.id);
    }
    const theirs = await h.createGeneration(late, { ...job, tier: 'fast' });
    if (!theirs.ok || mine.length !== 3) throw new Error('not accepted');
    h.worker.resume();
    for (const id of [...mine, theirs.id]) expect((await h.finished(id)).status).toBe('succeeded');
    const rows = await h.db.select().from(generations).where(inArray(generations.id, [...mine, theirs.id]));
    const started = (id: string) => rows.find((r) => r.id === id)!.startedAt!.getTime();
    expect(started(theirs.id)).toBeLessThan(started(mine[1]));
    expect(started(theirs.id)).toBeLessThan(started(mine[2]));
  });
});
