'use server';
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/server/auth/admin';
import { decideImages } from '@/server/moderation/decide-images';

export type ReviewActionState = { ok?: boolean; message?: string } | undefined;

// Checked here too: a server action can be called without its page.
export async function decideImagesAction(_prev: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  const admin = await requireAdmin();
  const decision = form.get('decision');
  const result = await decideImages(admin, { ids: form.getAll('ids'), decision, note: form.get('note') ?? '' });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin', 'layout');
  const verb = decision === 'approve' ? 'Approved' : 'Rejected';
  const skipped = result.skipped ? ` ${result.skipped} had already been decided by someone else.` : '';
  return { ok: true, message: `${verb} ${result.decided} image${result.decided === 1 ? '' : 's'}.${skipped}` };
}
