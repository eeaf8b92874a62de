import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { images } from '../db/schema';
import { storageFromEnv } from '../storage';

/**
 * A generation's images as links a client outside the page can fetch (the API's answers, webhook
 * events): absolute, signed for `ttlSeconds`, in image order, rejected ones left out. An image
 * awaiting review is shown by its blurred thumbnail, as on the page, until a moderator approves it.
 */
export async function signedImagesOf(generationId: string, o: { base: string; ttlSeconds: number; ex?: Executor }) {
  const rows = await (o.ex ?? db())
    .select()
    .from(images)
    .where(and(eq(images.generationId, generationId), ne(images.moderation, 'rejected')))
    .orderBy(asc(images.index));
  const storage = storageFromEnv();
  return Promise.all(
    rows.map(async (row) => {
      const pending = row.moderation === 'review';
      // Local storage signs paths (/api/files/…); S3 signs whole URLs, which `new URL` keeps as they are.
      const url = await storage.url(pending ? row.thumbKey : row.key, { expiresInSeconds: o.ttlSeconds });
      return { id: row.id, url: new URL(url, o.base).toString(), width: row.width, height: row.height, seed: row.seed, pending };
    }),
  );
}
