import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../worker/testing/harness';

// Metrics read from real Postgres and the real tier queues after real generations.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

describe('GET /metrics content', () => {
  it('reports queue depth, wait and run times, failures and credits in Prometheus format', async () => {
    const userId = await h.newUser();
    const ok = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    const bad = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2, model: 'ghost-model' });
    if (!ok.ok || !bad.ok) throw new Error('not accepted');
    await h.finished(ok.id);
    await h.finished(bad.id);
    h.worker.pause();
    const waiting = await h.createGeneration(userId, { prompt: 'x', width: 64, height: 64, steps: 2 });
    expect(waiting.ok).toBe(true);

    const { metricsRegistry } = await import('./registry');
    const text = await metricsRegistry().metrics();
    expect(text).toContain('kumori_queue_depth{tier="relax"} 1');
    expect(text).toContain('kumori_queue_depth{tier="turbo"} 0');
    expect(text).toMatch(/kumori_queue_wait_seconds\{tier="relax",quantile="0.5"\} [\d.e-]+/);
    expect(text).toMatch(/kumori_run_seconds\{quantile="0.95"\} [\d.e-]+/);
    expect(text).toContain('kumori_generations_failed{reason="Model \\"ghost-model\\" is not installed on this worker."} 1');
    expect(text).toContain('kumori_credits{kind="charged"} 3');
    expect(text).toContain('kumori_credits{kind="refunded"} 1');
    expect(text).toContain('kumori_ledger_drift_users 0');
    h.worker.resume();
    if (waiting.ok) await h.finished(waiting.id);
  });
});
