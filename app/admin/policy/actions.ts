'use server';
import { revalidatePath } from 'next/cache';
import { testPolicyDraft, updatePolicy } from '@/server/admin/policy-edit';
import { policyField, readPolicyForm } from '@/domain/policy-form';
import { requireAdmin } from '@/server/auth/admin';
import { db } from '@/server/db/client';
import { LIMITS } from '@/domain/generation-params';
import type { PolicyVerdict } from '@/server/safety/match-policy';
import { saveNsfwThresholds } from '@/server/safety/nsfw-thresholds';

export type PolicySaveState = { ok: boolean; message: string; field?: string } | undefined;
export type PolicyTestState = { ok: true; result: PolicyVerdict } | { ok: false; message: string; field?: string } | undefined;
export type ThresholdsState = { ok: boolean; message: string } | undefined;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

export async function savePolicyAction(_prev: PolicySaveState, form: FormData): Promise<PolicySaveState> {
  const admin = await requireAdmin();
  const result = await updatePolicy(db(), admin, readPolicyForm(form));
  if (!result.ok) return { ok: false, message: result.error.message, field: result.error.field };
  if (result.changed) revalidatePath('/admin/policy');
  return { ok: true, message: result.summary };
}

export async function testPolicyAction(_prev: PolicyTestState, form: FormData): Promise<PolicyTestState> {
  await requireAdmin();
  const prompt = text(form, policyField.testPrompt);
  const negativePrompt = text(form, policyField.testNegativePrompt);
  if (prompt.length > LIMITS.promptMax || negativePrompt.length > LIMITS.promptMax) {
    return { ok: false, message: `Prompts are limited to ${LIMITS.promptMax.toLocaleString('en')} characters, here as when generating.` };
  }
  const result = testPolicyDraft(readPolicyForm(form).draft, { prompt, negativePrompt });
  return result.ok ? result : { ok: false, message: result.error.message, field: result.error.field };
}

export async function saveNsfwThresholdsAction(_prev: ThresholdsState, form: FormData): Promise<ThresholdsState> {
  const admin = await requireAdmin();
  // An empty box would coerce to 0; undefined makes it "not a number" and gets the right message.
  const value = (name: string) => text(form, name).trim() || undefined;
  const result = await saveNsfwThresholds(db(), admin, { blurAt: value('blurAt'), blockAt: value('blockAt') });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin/policy');
  const { blurAt, blockAt } = result.thresholds;
  return { ok: true, message: `Saved: images scoring ${blurAt} or more go to review, ${blockAt} or more are blocked. Generations that finish from now on use them.` };
}
