import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from '../testing/harness';
import { pollUntil } from '../../tests/support/poll';
import { startWebhookReceiver } from '../../tests/support/webhook-receiver';

// The events a real generation fires, from the request through the worker to a receiver on loopback.
let h: Harness;
let r: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  process.env.WEBHOOK_ALLOW_PRIVATE = 'true';
  h = await startHarness();
  r = await startWebhookReceiver();
});
afterAll(async () => {
  await (await import('../../server/webhooks/delivery-queue')).closeWebhookQueue({ obliterate: true });
  await h?.stop();
  await r?.close();
});

it('create, run and finish a generation: queued, started and succeeded arrive signed, with signed image URLs', async () => {
  const { createWebhookEndpoint } = await import('../../server/webhooks/manage-endpoints');
  const userId = await h.newUser();
  const created = await createWebhookEndpoint({ id: userId, email: 'x@example.com' }, {
    url: `${r.url}/kumori`,
    events: ['generation.queued', 'generation.started', 'generation.succeeded', 'generation.failed'],
  });
  if (!created.ok) throw new Error(created.error.message);

  const g = await h.createGeneration(userId, { prompt: 'a red circle', width: 64, height: 64, steps: 4 });
  if (!g.ok) throw new Error(g.error.message);
  expect((await h.finished(g.id))?.status).toBe('succeeded');

  await pollUntil('three deliveries', async () => r.receipts.length >= 3, 30_000);
  const events = r.receipts.map((x) => r.verify(x, created.secret));
  const byType = Object.fromEntries(events.map((e) => [e.type, e.data]));
  expect(Object.keys(byType).sort()).toEqual(['generation.queued', 'generation.started', 'generation.succeeded']);
  expect(byType['generation.queued']).toMatchObject({ id: g.id, status: 'queued', cost: g.cost, tier: g.tier });
  expect(byType['generation.started']).toMatchObject({ id: g.id, status: 'running', attempt: 1 });
  const succeeded = byType['generation.succeeded'] as { id: string; status: string; images: { url: string; width: number }[] };
  expect(succeeded).toMatchObject({ id: g.id, status: 'succeeded' });
  expect(succeeded.images).toHaveLength(1);
  expect(succeeded.images[0]).toMatchObject({ width: 64, url: expect.stringMatching(/^https?:\/\/.+\/api\/files\/.+/) });
  expect(JSON.stringify(events)).not.toMatch(/base64|data:image/);
  expect(new Set(r.receipts.map((x) => x.headers['webhook-id'])).size).toBe(3);
});
