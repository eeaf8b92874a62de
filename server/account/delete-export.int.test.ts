import { and, eq } from 'drizzle-orm';
import { unzipSync, strFromU8 } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { closeTierQueues } from '../testing/queues';
import { uploads, userSessions } from '../db/account-schema';
import { creditLedger, generations, images, users } from '../db/schema';
import { auditLog } from '../db/safety-schema';
import { apiKeys } from '../db/api-schema';
import { webhookEndpoints } from '../db/webhook-schema';

// Real Postgres, Redis and the local storage driver: files are really written and really deleted.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let exportAccountData: typeof import('./export-data').exportAccountData;
let deleteAccount: typeof import('./delete-account').deleteAccount;
let signUp: typeof import('../auth/users').signUp;
let authenticate: typeof import('../auth/users').authenticate;
let sessions: typeof import('../auth/sessions');
let storage: import('../storage').StorageDriver;
let keys: typeof import('../storage');

beforeAll(async () => {
  t = await setupTestEnv();
  delete process.env.SMTP_URL;
  ({ exportAccountData } = await import('./export-data'));
  ({ deleteAccount } = await import('./delete-account'));
  ({ signUp, authenticate } = await import('../auth/users'));
  sessions = await import('../auth/sessions');
  keys = await import('../storage');
  storage = keys.storageFromEnv();
});
afterAll(async () => {
  await closeTierQueues();
  await t?.teardown();
});

const params = (prompt: string) => ({ prompt, negativePrompt: '', width: 64, height: 64, steps: 4, guidance: 7.5, seed: 7, sampler: 'ddim', model: 'demo' });
const png = (r: number) => sharp({ create: { width: 8, height: 8, channels: 3, background: { r, g: 0, b: 0 } } }).png().toBuffer();

/** An account with two finished generations (one image awaiting review), a queued one and an upload. */
async function makeStudio(email: string) {
  const r = await signUp({ email, password: 'password123' });
  if (!r.ok) throw new Error(r.error.message);
  const userId = r.value.id;
  const [done, held, queued] = await t.db
    .insert(generations)
    .values([
      { userId, status: 'succeeded', cost: 4, params: params(`${email} lighthouse`) },
      { userId, status: 'succeeded', cost: 4, params: params(`${email} held`) },
      { userId, status: 'queued', cost: 4, params: params(`${email} waiting`) },
    ])
    .returning();
  const rows: Array<{ row: typeof images.$inferSelect; bytes: Buffer }> = [];
  for (const [i, g, moderation] of [[0, done, 'clear'], [1, done, 'clear'], [0, held, 'review']] as const) {
    const bytes = await png(40 * (rows.length + 1));
    const key = keys.imageKey(userId, g.id, i);
    const thumbKey = keys.thumbnailKey(userId, g.id, i);
    await storage.put(key, bytes, 'image/png');
    await storage.put(thumbKey, bytes, 'image/webp');
    const [row] = await t.db
      .insert(images)
      .values({ generationId: g.id, userId, index: i, key, thumbKey, mime: 'image/png', size: bytes.length, width: 8, height: 8, sha256: `sha-${rows.length}`, seed: 7 + i, moderation })
      .returning();
    rows.push({ row, bytes });
  }
  const uploadId = crypto.randomUUID();
  await storage.put(keys.uploadKey(userId, uploadId), await png(9), 'image/png');
  await t.db.insert(uploads).values({ id: uploadId, userId, key: keys.uploadKey(userId, uploadId), mime: 'image/png', bytes: 10, width: 8, height: 8 });
  return { userId, email, done, held, queued, images: rows, uploadId };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe('export my data', () => {
  it('zips my images with their metadata, my generations and my ledger, and nothing of anyone else', async () => {
    const me = await makeStudio('exporter@example.com');
    const other = await makeStudio('neighbour@example.com');
    const result = await exportAccountData(me.userId);
    if (!result.ok) throw new Error(result.error.message);
    expect(result.fileName).toMatch(/^kumori-export-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(await readAll(result.stream));

    const [shown1, shown2, held] = me.images;
    expect(Object.keys(files).sort()).toEqual(
      ['account.json', 'generations.json', 'ledger.json', `images/${shown1.row.id}.json`, `images/${shown1.row.id}.png`, `images/${shown2.row.id}.json`, `images/${shown2.row.id}.png`].sort(),
    );
    expect(Buffer.from(files[`images/${shown1.row.id}.png`]).equals(shown1.bytes)).toBe(true);
    expect(Buffer.from(files[`images/${shown2.row.id}.png`]).equals(shown2.bytes)).toBe(true);
    expect(JSON.parse(strFromU8(files[`images/${shown1.row.id}.json`]))).toMatchObject({
      id: shown1.row.id, generationId: me.done.id, seed: 7, width: 8, height: 8, sha256: 'sha-0', prompt: 'exporter@example.com lighthouse',
    });
    expect(files[`images/${held.row.id}.png`]).toBeUndefined();

    const gens = JSON.parse(strFromU8(files['generations.json']));
    expect(gens.map((g: { id: string }) => g.id).sort()).toEqual([me.done.id, me.held.id, me.queued.id].sort());
    expect(JSON.parse(strFromU8(files['ledger.json']))).toEqual([expect.objectContaining({ kind: 'grant', amount: 500, reason: 'Welcome grant' })]);
    expect(JSON.parse(strFromU8(files['account.json']))).toMatchObject({ id: me.userId, email: 'exporter@example.com', credits: 500 });
    const everything = Object.values(files).map((f) => Buffer.from(f).toString('latin1')).join('\n');
    expect(everything).not.toContain(other.userId);
    expect(everything).not.toContain('neighbour@example.com');
  });
});

describe('delete my account', () => {
  it('asks for the password, removes my files, detaches my records and audits it', async () => {
    const me = await makeStudio('leaver@example.com');
    const keep = await makeStudio('stayer@example.com');
    const session = await sessions.createSession(me.userId);
    await t.db.insert(apiKeys).values({ userId: me.userId, prefix: 'kmr_x…', keyHash: `hash-${me.userId}`, scopes: ['generate'] });
    await t.db.insert(webhookEndpoints).values({ userId: me.userId, url: 'https://example.com/h', events: ['generation.cancelled'], secretSealed: 'sealed' });
    const ledgerBefore = await t.db.select().from(creditLedger).where(eq(creditLedger.userId, me.userId));

    expect(await deleteAccount(me.userId, { password: 'wrong password' })).toMatchObject({
      ok: false,
      error: { fields: { password: 'That is not your current password.' } },
    });
    expect(await storage.exists(me.images[0].row.key)).toBe(true);

    expect(await deleteAccount(me.userId, { password: 'password123' })).toMatchObject({ ok: true });

    for (const { row } of me.images) {
      expect(await storage.exists(row.key)).toBe(false);
      expect(await storage.exists(row.thumbKey)).toBe(false);
    }
    expect(await storage.exists(keys.uploadKey(me.userId, me.uploadId))).toBe(false);
    expect(await t.db.select().from(images).where(eq(images.userId, me.userId))).toHaveLength(0);
    expect(await t.db.select().from(uploads).where(eq(uploads.userId, me.userId))).toHaveLength(0);
    // Nothing acts as the account or hears from it: its keys and webhook endpoints are gone.
    expect(await t.db.select().from(apiKeys).where(eq(apiKeys.userId, me.userId))).toHaveLength(0);
    expect(await t.db.select().from(webhookEndpoints).where(eq(webhookEndpoints.userId, me.userId))).toHaveLength(0);

    const [tombstone] = await t.db.select().from(users).where(eq(users.id, me.userId));
    expect(tombstone).toMatchObject({ email: `deleted-${me.userId}@deleted.invalid`, deletedAt: expect.any(Date) });
    expect(await authenticate('leaver@example.com', 'password123')).toBeNull();
    expect(await sessions.liveSessionOwner(session)).toBeNull();
    expect(await t.db.select().from(userSessions).where(and(eq(userSessions.userId, me.userId)))).toHaveLength(1);

    // Records kept, now pointing at the tombstone; the queued generation was cancelled and refunded.
    const gens = await t.db.select().from(generations).where(eq(generations.userId, me.userId));
    expect(gens.map((g) => [g.id, g.status]).sort()).toEqual(
      [[me.done.id, 'succeeded'], [me.held.id, 'succeeded'], [me.queued.id, 'cancelled']].sort(),
    );
    const ledgerAfter = await t.db.select().from(creditLedger).where(eq(creditLedger.userId, me.userId));
    expect(ledgerAfter.slice(0, ledgerBefore.length)).toEqual(ledgerBefore);

    const [entry] = await t.db.select().from(auditLog).where(eq(auditLog.action, 'account.delete'));
    expect(entry).toMatchObject({ actorId: me.userId, targetType: 'user', targetId: me.userId, actorEmail: tombstone.email });
    expect(JSON.stringify(entry)).not.toContain('leaver@example.com');

    // Someone else's studio is untouched, and the address is free to sign up again.
    expect(await storage.exists(keep.images[0].row.key)).toBe(true);
    expect(await storage.exists(keys.uploadKey(keep.userId, keep.uploadId))).toBe(true);
    const again = await signUp({ email: 'leaver@example.com', password: 'password123' });
    expect(again.ok && again.value.id).not.toBe(me.userId);
  });

  it('refuses while a paid plan is active', async () => {
    const me = await makeStudio('subscriber@example.com');
    await t.db.update(users).set({ plan: 'pro' }).where(eq(users.id, me.userId));
    expect(await deleteAccount(me.userId, { password: 'password123' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('Cancel it in Billing') } });
    expect(await storage.exists(me.images[0].row.key)).toBe(true);
  });
});
