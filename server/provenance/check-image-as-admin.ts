import 'server-only';
import { db, type Executor } from '../db/client';
import { recordAudit, type Actor } from '../audit/audit';
import { UPLOAD_LIMITS } from '../uploads/validate-image';
import { fail, type Result } from '../../domain/result';
import { checkImage, type ImageCheckReport } from './check-image';

/**
 * An admin's check, recorded: looking up who made an image reveals a user's identity, so the log
 * keeps who asked about which file (its hash, not its bytes) and what they learned.
 */
export async function checkImageAsAdmin(ex: Executor, actor: Actor, bytes: Buffer): Promise<Result<{ report: ImageCheckReport }>> {
  const result = await checkImage(ex, bytes);
  if (!result.ok) return result;
  const { file, watermark, match, agreement } = result.report;
  await recordAudit(ex, actor, {
    action: 'image.check',
    targetType: match ? 'image' : 'file',
    targetId: match?.imageId ?? file.sha256,
    after: {
      sha256: file.sha256,
      watermarkFound: watermark.found,
      watermarkId: watermark.payload,
      imageId: match?.imageId ?? null,
      generationId: match?.generationId ?? null,
      userId: match?.userId ?? null,
      agreement,
    },
  });
  return result;
}

/** An uploaded file, checked as above; its size is checked before the body is read into memory (validation checks the bytes again). */
export async function checkUploadAsAdmin(actor: Actor, file: Blob): Promise<Result<{ report: ImageCheckReport }>> {
  if (file.size > UPLOAD_LIMITS.maxBytes) return fail('too_large', `The file is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is 10 MB.`);
  return checkImageAsAdmin(db(), actor, Buffer.from(await file.arrayBuffer()));
}
