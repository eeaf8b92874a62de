'use server';
import { revalidatePath } from 'next/cache';
import { requireAdmin } from '@/server/auth/admin';
import { adjustCredits } from '@/server/billing/admin-grant';
import { db } from '@/server/db/client';
import { setRole, suspendUser, unsuspendUser, type UserChangeResult } from '@/server/admin/user-changes';

export type AdminActionState = { ok?: boolean; message?: string } | undefined;

// Every action checks the session itself: a server action can be called without its page.

function answer(result: UserChangeResult, done: (email: string) => string): AdminActionState {
  if (!result.ok) return { ok: false, message: result.error.message };
  // The overview's counts and the audit log change too.
  revalidatePath('/admin', 'layout');
  return { ok: true, message: done(result.user.email) };
}

export async function suspendUserAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await requireAdmin();
  const result = await suspendUser(db(), admin, { userId: form.get('userId'), reason: form.get('reason') });
  return answer(result, (email) => `${email} is suspended: they can sign in but not generate.`);
}

export async function unsuspendUserAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await requireAdmin();
  const result = await unsuspendUser(db(), admin, { userId: form.get('userId') });
  return answer(result, (email) => `${email} can generate again.`);
}

export async function setRoleAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await requireAdmin();
  const result = await setRole(db(), admin, { userId: form.get('userId'), role: form.get('role') });
  return answer(result, (email) => `${email} is now ${result.ok && result.user.role === 'admin' ? 'an admin' : 'a plain user'}.`);
}

export async function adjustUserCreditsAction(_prev: AdminActionState, form: FormData): Promise<AdminActionState> {
  const admin = await requireAdmin();
  const result = await adjustCredits(admin, { email: form.get('email'), amount: form.get('amount'), reason: form.get('reason') });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin', 'layout');
  return { ok: true, message: `Done: ${result.email} now has ${result.balance.toLocaleString('en-US')} credits.` };
}
