import 'server-only';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client';
import { generations, images } from '../db/schema';
import { userNotices } from '../db/safety-schema';
import { storageFromEnv } from '../storage';
import { recordAudit, type Actor } from '../audit/audit';
import { userEvents } from '../realtime/emitter';
import { emitImageModerated } from '../webhooks/generation-events';
import { thumbnailWebp } from '../storage/thumbnail';
import { fail, ok, type Result } from '../../domain/result';

export const decisionSchema = z.object({
  ids: z.array(z.uuid('Pick images from the queue.')).min(1, 'Select at least one image.').max(100, 'At most 100 images at a time.'),
  decision: z.enum(['approve', 'reject'], { error: 'Choose approve or reject.' }),
  note: z.string().trim().max(300, 'Keep the note under 300 characters.').default(''),
});

function excerpt(prompt: string): string {
  return prompt.length > 60 ? `${prompt.slice(0, 57)}…` : prompt;
}

/**
 * A moderator's verdict on queued images. Approve: the owner gets the sharp thumbnail and the full
 * image. Reject: the files are deleted, the row stays (as `rejected`, so provenance checks still find
 * the generation), and the owner finds a notice in their gallery. Each image is decided in its own
 * transaction holding its row lock, so two moderators cannot decide it twice; one already decided
 * is skipped. The audit entry commits with the change.
 */
export async function decideImages(actor: Actor, input: unknown): Promise<Result<{ decided: number; skipped: number }>> {
  const parsed = decisionSchema.safeParse(input);
  if (!parsed.success) return fail('invalid', parsed.error.issues[0].message);
  const { ids, decision, note } = parsed.data;
  const storage = storageFromEnv();
  let decided = 0;
  for (const id of new Set(ids)) {
    const done = await db().transaction(async (tx) => {
      const [row] = await tx
        .select({ image: images, prompt: generations.params })
        .from(images)
        .innerJoin(generations, eq(generations.id, images.generationId))
        .where(and(eq(images.id, id), eq(images.moderation, 'review')))
        .for('update', { of: images });
      if (!row) return null;
      const { image } = row;
      if (decision === 'approve') {
        const png = await storage.get(image.key);
        if (png) await storage.put(image.thumbKey, await thumbnailWebp({ encoded: png }), 'image/webp');
      } else {
        // Files first: a failure after this leaves the row in review, and deciding again finishes it.
        await Promise.all([storage.delete(image.key), storage.delete(image.thumbKey)]);
        await tx.insert(userNotices).values({
          userId: image.userId,
          message:
            `An image you generated from “${excerpt(row.prompt.prompt)}” was removed by a moderator because it breaks the content policy.` +
            (note ? ` Note from the moderator: ${note}` : ''),
        });
      }
      const moderation = decision === 'approve' ? 'approved' : 'rejected';
      await tx.update(images).set({ moderation }).where(eq(images.id, id));
      await recordAudit(tx, actor, {
        action: `image.${decision}`,
        targetType: 'image',
        targetId: id,
        before: { moderation: 'review', userId: image.userId, generationId: image.generationId, nsfwScores: image.nsfwScores },
        after: { moderation, ...(note ? { note } : {}) },
      });
      return { userId: image.userId, generationId: image.generationId };
    });
    if (!done) continue;
    decided++;
    // After the commit, so an owner's open gallery refetches what is now true.
    userEvents().emit(done.userId, 'image:moderated', { id, generationId: done.generationId, decision });
    emitImageModerated(db(), done.userId, { id, generationId: done.generationId, decision });
  }
  return ok({ decided, skipped: new Set(ids).size - decided });
}
