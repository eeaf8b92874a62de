'use server';
import { revalidatePath } from 'next/cache';
import { ok } from '@/domain/result';
import { adminAction } from '@/server/auth/action';
import { decideImages, decisionSchema } from '@/server/moderation/decide-images';

// Called with a plain object, not the form: a form arrives as one value per name, and `ids` has many.
export const decideImagesAction = adminAction(decisionSchema, async (input, admin) => {
  const result = await decideImages(admin, input);
  if (!result.ok) return result;
  revalidatePath('/admin', 'layout');
  const verb = input.decision === 'approve' ? 'Approved' : 'Rejected';
  const skipped = result.skipped ? ` ${result.skipped} had already been decided by someone else.` : '';
  return ok({ message: `${verb} ${result.decided} image${result.decided === 1 ? '' : 's'}.${skipped}` });
});
