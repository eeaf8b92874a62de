import 'server-only';
import type { Executor } from '../db/client';
import { recordAudit, type Actor } from '../audit/audit';
import { checkImage, type CheckImageResult } from './check-image';

/**
 * An admin's check, recorded: looking up who made an image reveals a user's identity, so the log
 * keeps who asked about which file (its hash, not its bytes) and what they learned.
 */
export async function checkImageAsAdmin(ex: Executor, actor: Actor, bytes: Buffer): Promise<CheckImageResult> {
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
