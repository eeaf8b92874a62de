import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Job } from 'bullmq';
import type { GenerationJob } from '../../server/queue/jobs';
import { startHeartbeat } from '../heartbeat';
import { startHarness, type Harness } from '../testing/harness';
import { warmElsewhere } from './warm-routing';

// Real Postgres (workers table) and the real dispatcher; the hand-off is asked for every job.
const asked: string[] = [];
let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    handOff: async (job: Job<GenerationJob>) => {
      asked.push(job.id!);
      return true;
    },
  });
});
afterAll(async () => h?.stop());

const state = (over: Partial<{ currentJob: string | null; warmModels: string[] }>) => () => ({
  currentJob: null,
  stepsPerSecond: null,
  installedModels: ['tiny-sd'],
  warmModels: [],
  ...over,
});

describe('model-aware dispatch', () => {
  it('finds an idle worker elsewhere that holds the model warm, and only such a worker', async () => {
    const beats = [
      startHeartbeat(h.db, 'self', 'cpu', state({ warmModels: ['tiny-sd'] })),
      startHeartbeat(h.db, 'busy-warm', 'cpu', state({ currentJob: '00000000-0000-0000-0000-000000000001', warmModels: ['big-model'] })),
      startHeartbeat(h.db, 'idle-cold', 'cpu', state({ warmModels: [] })),
    ];
    await Promise.all(beats.map((b) => b.beat()));
    expect(await warmElsewhere(h.db, 'self', 'tiny-sd')).toBe(false); // only this worker has it
    expect(await warmElsewhere(h.db, 'self', 'big-model')).toBe(false); // the warm one is busy
    const idleWarm = startHeartbeat(h.db, 'idle-warm', 'cpu', state({ warmModels: ['big-model'] }));
    await idleWarm.beat();
    expect(await warmElsewhere(h.db, 'self', 'big-model')).toBe(true);
    await h.db.execute(sql`update workers set heartbeat_at = now() - interval '1 minute' where id = 'idle-warm'`);
    expect(await warmElsewhere(h.db, 'self', 'big-model')).toBe(false); // its heartbeat is stale
    await Promise.all([...beats, idleWarm].map((b) => b.stop()));
  });

  it('hands a job back once, then runs it: completed exactly once', async () => {
    const userId = await h.newUser();
    const r = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    if (!r.ok) throw new Error('not accepted');
    const row = await h.finished(r.id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(1);
    expect(asked.filter((id) => id === r.id)).toHaveLength(2); // asked, handed back; asked again, kept
  });
});
