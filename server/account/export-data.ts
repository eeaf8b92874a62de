import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { Zip, ZipDeflate, ZipPassThrough, strToU8 } from 'fflate';
import { fail, ok, type Result } from '../../domain/result';
import { db } from '../db/client';
import { creditLedger, generations, images, users } from '../db/schema';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';
import { storageFromEnv } from '../storage';

const EXPORTS_PER_HOUR = 10;

/** An image is exported as its owner may download it: not while it awaits review, not once rejected. */
const isDownloadable = (moderation: string) => moderation === 'clear' || moderation === 'approved';

type Entry = { name: string; bytes: () => Promise<Uint8Array | null>; stored?: boolean };

const json = (name: string, value: unknown): Entry => ({ name, bytes: async () => strToU8(`${JSON.stringify(value, null, 2)}\n`) });

/**
 * The owner's data as a zip: account.json, generations.json, ledger.json, and for each image
 * images/<id>.png (the stored original) beside images/<id>.json (its metadata). Streamed: images
 * are read one at a time as the download pulls, so memory holds one image whatever the gallery's size.
 */
export async function exportAccountData(userId: string): Promise<Result<{ stream: ReadableStream<Uint8Array>; fileName: string }>> {
  if ((await countHit(redisKeys.rateLimit('export', userId), 3600)) > EXPORTS_PER_HOUR) {
    return fail('rate_limited', 'You exported your data several times in the last hour. Try again later.');
  }
  const [account] = await db()
    .select({ id: users.id, email: users.email, plan: users.plan, credits: users.credits, emailVerifiedAt: users.emailVerifiedAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return fail('not_found', 'This account no longer exists.');
  const [gens, ledger, imgs] = await Promise.all([
    db().select().from(generations).where(eq(generations.userId, userId)).orderBy(asc(generations.createdAt)),
    db().select().from(creditLedger).where(eq(creditLedger.userId, userId)).orderBy(asc(creditLedger.id)),
    db()
      .select({ image: images, params: generations.params })
      .from(images)
      .innerJoin(generations, eq(generations.id, images.generationId))
      .where(eq(images.userId, userId))
      .orderBy(asc(images.createdAt), asc(images.id)),
  ]);
  const storage = storageFromEnv();
  const shown = imgs.filter(({ image }) => isDownloadable(image.moderation));
  const entries: Entry[] = [
    json('account.json', { ...account, exportedAt: new Date().toISOString() }),
    json(
      'generations.json',
      gens.map((g) => ({
        id: g.id, status: g.status, tier: g.tier, params: g.params, cost: g.cost, error: g.error, warnings: g.warnings,
        createdAt: g.createdAt, startedAt: g.startedAt, finishedAt: g.finishedAt,
      })),
    ),
    json(
      'ledger.json',
      ledger.map((l) => ({ id: l.id, kind: l.kind, amount: l.amount, reason: l.reason, generationId: l.generationId, paymentId: l.paymentId, createdAt: l.createdAt })),
    ),
    ...shown.flatMap(({ image, params }): Entry[] => [
      { name: `images/${image.id}.png`, bytes: () => storage.get(image.key), stored: true },
      json(`images/${image.id}.json`, {
        id: image.id, generationId: image.generationId, index: image.index, width: image.width, height: image.height,
        seed: image.seed, sha256: image.sha256, mime: image.mime, size: image.size, createdAt: image.createdAt, prompt: params.prompt, params,
      }),
    ]),
  ];
  const stamp = new Date().toISOString().slice(0, 10);
  return ok({ stream: zipStream(entries), fileName: `kumori-export-${stamp}.zip` });
}

function zipStream(entries: Entry[]): ReadableStream<Uint8Array> {
  let zip: Zip;
  let next = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      zip = new Zip((err, chunk, final) => {
        if (err) return controller.error(err);
        controller.enqueue(chunk);
        if (final) controller.close();
      });
    },
    // One entry per pull: the consumer's pace sets how much is read from storage.
    async pull() {
      const entry = entries[next++];
      if (!entry) return zip.end();
      const bytes = await entry.bytes();
      if (!bytes) return; // the file is gone (deleted meanwhile): leave it out
      const file = entry.stored ? new ZipPassThrough(entry.name) : new ZipDeflate(entry.name, { level: 6 });
      zip.add(file);
      file.push(bytes, true);
    },
  });
}
