'use server';
import { requireAdmin } from '@/server/auth/admin';
import { db } from '@/server/db/client';
import { checkImageAsAdmin } from '@/server/provenance/check-image-as-admin';
import type { CheckImageResult } from '@/server/provenance/check-image';
import { UPLOAD_LIMITS } from '@/server/uploads/validate-image';

export type CheckImageState = CheckImageResult | undefined;

const refuse = (code: string, message: string): CheckImageState => ({ ok: false, error: { code, message } });

export async function checkImageAction(_prev: CheckImageState, form: FormData): Promise<CheckImageState> {
  const admin = await requireAdmin();
  const file = form.get('image');
  if (!(file instanceof File) || file.size === 0) return refuse('no_file', 'Choose an image file to check.');
  // Checked before reading the body into memory; validation checks the bytes again.
  if (file.size > UPLOAD_LIMITS.maxBytes) return refuse('too_large', `The file is ${(file.size / 2 ** 20).toFixed(1)} MB; the limit is 10 MB.`);
  return checkImageAsAdmin(db(), admin, Buffer.from(await file.arrayBuffer()));
}
