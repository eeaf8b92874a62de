import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../../server/testing/test-env';
import { users } from '../../server/db/schema';
import { webhookDeliveries, webhookEndpoints } from '../../server/db/webhook-schema';
import { pollUntil } from '../../tests/support/poll';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import { startWebhookReceiver } from '../../tests/support/webhook-receiver';

// Deliveries as a customer's server sees them: real Postgres, Redis, BullMQ worker and HTTP on loopback.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let sink: SmtpSink;
let m: {
  manage: typeof import('../../server/webhooks/manage-endpoints');
  deliveries: typeof import('../../server/webhooks/deliveries');
  emit: typeof import('../../server/webhooks/emit');
  deliver: typeof import('../../server/webhooks/deliver');
  queue: typeof import('../../server/webhooks/delivery-queue');
  env: typeof import('../../server/env').env;
};
let worker: Awaited<ReturnType<typeof import('./delivery-worker').startWebhookDelivery>>;
const receivers: { close: () => Promise<void> }[] = [];

beforeAll(async () => {
  t = await setupTestEnv();
  sink = await startSmtpSink();
  Object.assign(process.env, { SMTP_URL: sink.url, MAIL_FROM: 'Kumori <kumori@example.test>', PUBLIC_URL: 'http://kumori.test' });
  m = {
    manage: await import('../../server/webhooks/manage-endpoints'),
    deliveries: await import('../../server/webhooks/deliveries'),
    emit: await import('../../server/webhooks/emit'),
    deliver: await import('../../server/webhooks/deliver'),
    queue: await import('../../server/webhooks/delivery-queue'),
    env: (await import('../../server/env')).env,
  };
  const { createRedis } = await import('../../server/redis/connection');
  const { startWebhookDelivery } = await import('./delivery-worker');
  // The receivers listen on 127.0.0.1: this worker may reach loopback, as with WEBHOOK_ALLOW_PRIVATE=true.
  worker = await startWebhookDelivery({ db: t.db, connect: () => createRedis('worker'), prefix: m.env().REDIS_PREFIX, authSecret: m.env().AUTH_SECRET, allowPrivate: true });
});
afterAll(async () => {
  await worker?.stop();
  await m?.queue.closeWebhookQueue({ obliterate: true });
  await Promise.all(receivers.map((r) => r.close()));
  await sink?.stop();
  await t?.teardown();
});

async function newUser() {
  const [u] = await t.db.insert(users).values({ email: `${randomUUID()}@example.com`, passwordHash: 'x' }).returning();
  return { id: u.id, email: u.email };
}

async function receiver(...args: Parameters<typeof startWebhookReceiver>) {
  const r = await startWebhookReceiver(...args);
  receivers.push(r);
  return r;
}

async function endpointFor(url: string, events = ['generation.succeeded']) {
  const user = await newUser();
  const created = await m.manage.createWebhookEndpoint(user, { url, events });
  if (!created.ok) throw new Error(created.error.message);
  return { user, id: created.endpoint.id, secret: created.secret };
}

const deliveryRow = async (id: string) => (await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)))[0]!;
const endpointRow = async (id: string) => (await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id)))[0]!;
/** A logged delivery no queue job will send: for tests that make the attempts themselves. */
async function unqueuedDelivery(endpointId: string, generationId: string) {
  const { newMessageId } = await import('../../server/webhooks/message-id');
  const { webhookBody } = await import('../../server/webhooks/events');
  const id = newMessageId();
  await t.db.insert(webhookDeliveries).values({ id, endpointId, eventType: 'generation.succeeded', payload: webhookBody('generation.succeeded', { id: generationId }) });
  return [id];
}
const depsFor = (allowPrivate: boolean) => ({ db: t.db, authSecret: m.env().AUTH_SECRET, allowPrivate });

describe('webhook delivery', () => {
  it('is verified by standardwebhooks on every attempt, and retried with the same webhook-id after a 500', async () => {
    const r = await receiver((_req, i) => ({ status: i === 0 ? 500 : 200 }));
    const { user, id, secret } = await endpointFor(`${r.url}/hooks`);
    m.emit.emitWebhookEvent(t.db, user.id, 'generation.succeeded', () => ({ id: 'gen-1', images: [] }));
    await m.emit.drainWebhookEmissions();

    await pollUntil('the retry', async () => r.receipts.length >= 2, 30_000);
    const [first, retry] = r.receipts;
    expect([first.status, retry.status]).toEqual([500, 200]);
    const events = r.receipts.map((x) => r.verify(x, secret));
    expect(events[0]).toMatchObject({ type: 'generation.succeeded', data: { id: 'gen-1', images: [] } });
    expect(retry.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retry.headers['webhook-id']).toMatch(/^msg_/);
    expect(retry.body).toBe(first.body);

    const row = await pollUntil('the log to say succeeded', async () => {
      const d = await deliveryRow(first.headers['webhook-id']);
      return d.state === 'succeeded' && d;
    }, 10_000);
    expect(row).toMatchObject({ endpointId: id, eventType: 'generation.succeeded', attempts: 2, lastStatusCode: 200, lastError: null });
    expect(row.lastDurationMs).toEqual(expect.any(Number));
    expect((await endpointRow(id)).failingSince).toBeNull();
    expect(r.receipts).toHaveLength(2);
  });

  it('sends only to enabled endpoints subscribed to the event', async () => {
    const r = await receiver();
    const { user, id } = await endpointFor(r.url, ['generation.failed']);
    m.emit.emitWebhookEvent(t.db, user.id, 'generation.succeeded', () => ({ id: 'gen-2' }));
    await m.emit.drainWebhookEmissions();
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))).toHaveLength(0);
  });

  it('disables the endpoint on 410 Gone, tells its owner by mail, and sends it nothing more', async () => {
    const r = await receiver(() => ({ status: 410 }));
    const { user, id } = await endpointFor(r.url);
    const [deliveryId] = await m.emit.createDeliveries(t.db, [id], 'generation.succeeded', { id: 'gen-3' });
    await pollUntil('the 410', async () => (await deliveryRow(deliveryId!)).state === 'failed', 15_000);
    expect(await deliveryRow(deliveryId!)).toMatchObject({ attempts: 1, lastStatusCode: 410 });
    expect(await endpointRow(id)).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('410') });
    const mail = await sink.waitFor(user.email, (x) => x.subject.includes('disabled'), 10_000);
    expect(mail.text).toContain(r.url);

    m.emit.emitWebhookEvent(t.db, user.id, 'generation.succeeded', () => ({ id: 'gen-4' }));
    await m.emit.drainWebhookEmissions();
    expect(await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id))).toHaveLength(1);
    expect(r.receipts).toHaveLength(1);
  });

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const r = await receiver((req) => (req.path === '/moved' ? { status: 200 } : { status: 302, headers: { location: '/moved' } }));
    const { id } = await endpointFor(`${r.url}/hook`);
    const [deliveryId] = await unqueuedDelivery(id, 'gen-5');
    const outcome = await m.deliver.attemptDelivery(depsFor(true), deliveryId!, { isLastAttempt: true });
    expect(outcome).toEqual({ kind: 'final', error: 'HTTP 302' });
    expect(r.receipts.filter((x) => x.path === '/moved')).toHaveLength(0);
    expect(await deliveryRow(deliveryId!)).toMatchObject({ lastStatusCode: 302 });
    expect((await endpointRow(id)).failingSince).not.toBeNull();
  });

  it('refuses loopback and private targets after DNS unless WEBHOOK_ALLOW_PRIVATE', async () => {
    const r = await receiver();
    const { id } = await endpointFor(`http://hooks.example.test:${new URL(r.url).port}/`);
    const [deliveryId] = await unqueuedDelivery(id, 'gen-6');
    // The name resolves to loopback, as a rebinding attacker's DNS would answer.
    const lookup = async () => [{ address: '127.0.0.1', family: 4 }];
    const refused = await m.deliver.attemptDelivery({ ...depsFor(false), lookup }, deliveryId!, { isLastAttempt: false });
    expect(refused).toMatchObject({ kind: 'final', error: expect.stringContaining('127.0.0.1') });
    expect(await deliveryRow(deliveryId!)).toMatchObject({ state: 'failed', lastStatusCode: null, lastError: expect.stringContaining('private') });
    expect(r.receipts).toHaveLength(0);

    // Allowed, it connects to the address the guard checked, keeping the URL's host in the Host header.
    const allowed = await m.deliver.attemptDelivery({ ...depsFor(true), lookup }, deliveryId!, { isLastAttempt: false });
    expect(allowed).toEqual({ kind: 'succeeded' });
    expect(r.receipts[0]!.headers.host).toBe(`hooks.example.test:${new URL(r.url).port}`);
  });

  it('signs with both secrets for 24 hours after a rotation, then with the new one only', async () => {
    const r = await receiver();
    const { user, id, secret: oldSecret } = await endpointFor(r.url);
    const rotated = await m.manage.rotateWebhookSecret(user, id);
    if (!rotated.ok) throw new Error(rotated.error.message);
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(oldSecret);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const [first] = await unqueuedDelivery(id, 'gen-7');
    expect(await m.deliver.attemptDelivery(depsFor(true), first!, { isLastAttempt: false })).toEqual({ kind: 'succeeded' });
    expect(() => r.verify(r.receipts[0]!, oldSecret)).not.toThrow();
    expect(() => r.verify(r.receipts[0]!, rotated.secret)).not.toThrow();

    await t.db.update(webhookEndpoints).set({ previousSecretRotatedAt: new Date(Date.now() - 24 * 3600_000 - 1000) }).where(eq(webhookEndpoints.id, id));
    const [second] = await unqueuedDelivery(id, 'gen-8');
    await m.deliver.attemptDelivery(depsFor(true), second!, { isLastAttempt: false });
    expect(() => r.verify(r.receipts[1]!, rotated.secret)).not.toThrow();
    expect(() => r.verify(r.receipts[1]!, oldSecret)).toThrow();
  });

  it('disables an endpoint that has failed for five days and mails its owner', async () => {
    const r = await receiver(() => ({ status: 503 }));
    const { user, id } = await endpointFor(r.url);
    await t.db.update(webhookEndpoints).set({ failingSince: new Date(Date.now() - 5 * 24 * 3600_000 - 1000) }).where(eq(webhookEndpoints.id, id));
    const [deliveryId] = await m.emit.createDeliveries(t.db, [id], 'generation.succeeded', { id: 'gen-9' });
    await pollUntil('the endpoint to be disabled', async () => !(await endpointRow(id)).enabled, 15_000);
    expect(await endpointRow(id)).toMatchObject({ disabledReason: expect.stringContaining('5 days') });
    await pollUntil('the delivery to be given up', async () => (await deliveryRow(deliveryId!)).state === 'failed', 10_000);
    await sink.waitFor(user.email, (x) => x.subject.includes('disabled'), 10_000);
  });

  it('lists deliveries in the log and replays one with the same webhook-id, once per click', async () => {
    const r = await receiver();
    const { user, id, secret } = await endpointFor(r.url);
    const sent = await m.manage.sendTestEvent(user.id, id);
    if (!sent.ok) throw new Error(sent.error.message);
    await pollUntil('the test event', async () => (await deliveryRow(sent.deliveryId)).state === 'succeeded', 15_000);
    expect(r.verify(r.receipts[0]!, secret)).toMatchObject({ type: 'webhook.test', data: { endpointId: id } });

    const log = await m.deliveries.listDeliveries(user.id, id);
    expect(log.ok && log.deliveries).toEqual([
      expect.objectContaining({ id: sent.deliveryId, event: 'webhook.test', state: 'succeeded', attempts: 1, statusCode: 200, durationMs: expect.any(Number) }),
    ]);

    const replay = await m.deliveries.replayDelivery(user.id, id, sent.deliveryId);
    expect(replay.ok).toBe(true);
    const again = await m.deliveries.replayDelivery(user.id, id, sent.deliveryId);
    expect(again).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    await pollUntil('the replay', async () => r.receipts.length === 2 && (await deliveryRow(sent.deliveryId)).state === 'succeeded', 15_000);
    expect(r.receipts[1]!.headers['webhook-id']).toBe(sent.deliveryId);
    expect(() => r.verify(r.receipts[1]!, secret)).not.toThrow();
    expect(await deliveryRow(sent.deliveryId)).toMatchObject({ attempts: 2, replays: 1 });

    const stranger = await newUser();
    expect(await m.deliveries.replayDelivery(stranger.id, id, sent.deliveryId)).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
