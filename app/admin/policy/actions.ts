'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { LIMITS } from '@/domain/generation-params';
import { policyField, readPolicyForm } from '@/domain/policy-form';
import { ok } from '@/domain/result';
import { testPolicyDraft, updatePolicy } from '@/server/admin/policy-edit';
import { adminAction } from '@/server/auth/action';
import { saveNsfwThresholds, thresholdsSchema } from '@/server/safety/nsfw-thresholds';

// The editor's rows have numbered names (category.3.terms), so the form is read whole.
const editorForm = z.record(z.string(), z.string());
const draftForm = editorForm.transform((fields) => readPolicyForm(new URLSearchParams(fields)));
const testForm = editorForm
  .transform((fields) => ({
    draft: readPolicyForm(new URLSearchParams(fields)).draft,
    prompt: fields[policyField.testPrompt] ?? '',
    negativePrompt: fields[policyField.testNegativePrompt] ?? '',
  }))
  .refine(
    (t) => t.prompt.length <= LIMITS.promptMax && t.negativePrompt.length <= LIMITS.promptMax,
    `Prompts are limited to ${LIMITS.promptMax.toLocaleString('en')} characters, here as when generating.`,
  );

export const savePolicyAction = adminAction(draftForm, async (input, admin) => {
  const result = await updatePolicy(admin, input);
  if (!result.ok) return result;
  if (result.changed) revalidatePath('/admin/policy');
  return ok({ message: result.summary });
});

export const testPolicyAction = adminAction(testForm, async ({ draft, prompt, negativePrompt }) => testPolicyDraft(draft, { prompt, negativePrompt }));

export const saveNsfwThresholdsAction = adminAction(thresholdsSchema, async (input, admin) => {
  const result = await saveNsfwThresholds(admin, input);
  if (!result.ok) return result;
  revalidatePath('/admin/policy');
  const { blurAt, blockAt } = result.thresholds;
  return ok({ message: `Saved: images scoring ${blurAt} or more go to review, ${blockAt} or more are blocked. Generations that finish from now on use them.` });
});
