import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { fail, ok, type Result } from '../../domain/result';
import { uploads } from '../db/account-schema';
import { db, type Executor } from '../db/client';
import { env } from '../env';
import { countHit } from '../rate-limit/counter';
import { redisKeys } from '../redis/keys';

const MB = 2 ** 20;

const formatMb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

/** Bytes of the uploads a user keeps now. */
export async function uploadBytesOf(ex: Executor, userId: string): Promise<number> {
  const [row] = await ex
    .select({ bytes: sql<string>`coalesce(sum(${uploads.bytes}), 0)` })
    .from(uploads)
    .where(eq(uploads.userId, userId));
  return Number(row?.bytes ?? 0);
}

function quotaRefusal(used: number, adding: number) {
  const quota = env().UPLOAD_QUOTA_MB * MB;
  const detail = adding > 0 ? `This image (${formatMb(adding)}) would take you past` : 'You have reached';
  return fail(
    'quota_exceeded',
    `${detail} your upload storage of ${formatMb(quota)} (${formatMb(used)} in use). ` +
      `Uploads no generation used are deleted ${env().UPLOAD_TTL_HOURS} hours after upload; try again then.`,
  );
}

/** Whether `adding` more bytes fit the user's quota, given what they keep now. */
export function checkQuota(used: number, adding: number): Result {
  return used + adding > env().UPLOAD_QUOTA_MB * MB ? quotaRefusal(used, adding) : ok();
}

/**
 * Counts an upload attempt against the hourly limit and checks the user has room left, before a
 * byte of the body is read. The quota is checked again, exactly, when the upload is recorded.
 */
export async function claimUploadAllowance(userId: string): Promise<Result> {
  const limit = env().UPLOADS_PER_HOUR;
  const hits = await countHit(redisKeys.rateLimit('upload', userId), 3600);
  if (hits > limit) return fail('rate_limited', `You can upload ${limit} images an hour. Try again later.`);
  const used = await uploadBytesOf(db(), userId);
  return used >= env().UPLOAD_QUOTA_MB * MB ? quotaRefusal(used, 0) : ok();
}
