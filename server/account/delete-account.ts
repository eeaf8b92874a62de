import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';
import { recordAudit } from '../audit/audit';
import { parseForm } from '../auth/credentials';
import { revokeUserSessions } from '../auth/sessions';
import { authTokens, uploads } from '../db/account-schema';
import { apiKeys } from '../db/api-schema';
import { webhookEndpoints } from '../db/webhook-schema';
import { db } from '../db/client';
import { generations, images, users } from '../db/schema';
import { userNotices } from '../db/safety-schema';
import { cancelGeneration } from '../generations/cancel';
import { storageFromEnv, userPrefix } from '../storage';
import { checkCurrentPassword, currentPasswordSchema } from './current-password';

export const deleteAccountSchema = z.object({ password: currentPasswordSchema });

/** No password hashes to this, so the tombstone can never sign in. */
const UNUSABLE_PASSWORD = '!deleted';

export const tombstoneEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

/**
 * Deletes the account as its owner asked, confirmed by their password. The person goes: images
 * and uploads (files and rows), pending links, notices, sessions, and the email (the row becomes
 * an anonymous tombstone, so the address can sign up again). The records the law asks a business
 * to keep stay, pointing at the tombstone: generations (what was charged), the credit ledger and
 * payments. Work still queued or running is cancelled first, so no new image lands afterwards.
 */
export async function deleteAccount(userId: string, input: unknown): Promise<Result<{ message: string }>> {
  const parsed = parseForm(deleteAccountSchema, input);
  if (!parsed.ok) return parsed;
  const checked = await checkCurrentPassword(userId, parsed.data.password, 'password');
  if (!checked.ok) return checked;
  const { user } = checked;
  if (user.plan !== 'free') {
    return fail('forbidden', 'Your plan is still active. Cancel it in Billing (Manage subscription) first, then delete the account.');
  }

  // Keys and webhooks go first: nothing may act as the account, or hear from it, while it is taken down.
  await db().delete(apiKeys).where(eq(apiKeys.userId, userId));
  await db().delete(webhookEndpoints).where(eq(webhookEndpoints.userId, userId));

  const active = await db()
    .select({ id: generations.id })
    .from(generations)
    .where(and(eq(generations.userId, userId), inArray(generations.status, ['queued', 'running'])));
  for (const g of active) await cancelGeneration(userId, g.id);

  // Files first (as deleteImage does): a failure after this leaves rows to retry with, never orphan bytes.
  const storage = storageFromEnv();
  const filesDeleted = (await storage.deletePrefix(userPrefix(userId))) + (await storage.deletePrefix(`uploads/${userId}/`));

  const tombstone = tombstoneEmail(userId);
  await db().transaction(async (tx) => {
    const removedImages = await tx.delete(images).where(eq(images.userId, userId)).returning({ id: images.id });
    const removedUploads = await tx.delete(uploads).where(eq(uploads.userId, userId)).returning({ id: uploads.id });
    await tx.delete(authTokens).where(eq(authTokens.userId, userId));
    await tx.delete(userNotices).where(eq(userNotices.userId, userId));
    await tx.update(users).set({ email: tombstone, passwordHash: UNUSABLE_PASSWORD, role: 'user', deletedAt: new Date() }).where(eq(users.id, userId));
    // The entry names the tombstone, not the address: the append-only log would otherwise keep it forever.
    await recordAudit(tx, { id: userId, email: tombstone }, {
      action: 'account.delete',
      targetType: 'user',
      targetId: userId,
      before: { credits: user.credits, plan: user.plan, role: user.role, createdAt: user.createdAt.toISOString() },
      after: { images: removedImages.length, uploads: removedUploads.length, files: filesDeleted },
    });
  });
  await revokeUserSessions(userId);
  return ok({ message: 'Your account is deleted.' });
}
