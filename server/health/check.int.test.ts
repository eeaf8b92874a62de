import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';

// Real Postgres, Redis and local storage; the worker is represented by its heartbeat row.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let healthReport: typeof import('./check').healthReport;

beforeAll(async () => {
  t = await setupTestEnv();
  ({ healthReport } = await import('./check'));
});
afterAll(async () => t?.teardown());

describe('healthReport', () => {
  it('is not ok until a worker has sent a heartbeat', async () => {
    const report = await healthReport();
    expect(report.checks.database.ok).toBe(true);
    expect(report.checks.redis.ok).toBe(true);
    expect(report.checks.storage.ok).toBe(true);
    expect(report.checks.worker).toMatchObject({ ok: false, message: 'no worker has registered' });
    expect(report.ok).toBe(false);
  });

  it('is ok with a fresh heartbeat, and not ok when the last one is stale', async () => {
    const { startHeartbeat } = await import('../../worker/heartbeat');
    const hb = startHeartbeat(t.db, 'test-worker', 'cpu', () => ({ currentJob: null, stepsPerSecond: null, installedModels: ['tiny-sd'], warmModels: [] }));
    await hb.beat();
    expect((await healthReport()).ok).toBe(true);
    await t.db.$client`update workers set heartbeat_at = now() - interval '5 minutes'`;
    const stale = await healthReport();
    expect(stale.ok).toBe(false);
    expect(stale.checks.worker.message).toBe('last worker heartbeat is too old');
    await hb.stop();
  });

  it("drops a dead worker's row once its heartbeat is two minutes old", async () => {
    const { startHeartbeat } = await import('../../worker/heartbeat');
    const state = () => ({ currentJob: null, stepsPerSecond: null, installedModels: [], warmModels: [] });
    const dead = startHeartbeat(t.db, 'dead-worker', 'cpu', state);
    await dead.beat();
    await t.db.$client`update workers set heartbeat_at = now() - interval '3 minutes' where id = 'dead-worker'`;
    const alive = startHeartbeat(t.db, 'alive-worker', 'cpu', state);
    await alive.beat();
    const ids = (await t.db.$client`select id from workers`).map((r) => r.id);
    expect(ids).toContain('alive-worker');
    expect(ids).not.toContain('dead-worker');
    await Promise.all([alive.stop(), dead.stop()]);
  });
});
