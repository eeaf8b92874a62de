import { z } from 'zod';
import { phraseWords } from './normalize';
import { fail, ok, type Result } from '../../domain/result';

export const policyActionSchema = z.enum(['block', 'flag']);

export const policyCategorySchema = z.object({
  id: z.string().trim().min(1, 'Enter a category id.'),
  label: z.string().trim().min(1, 'Enter a label.'),
  action: policyActionSchema,
  /** Hits in the negative prompt are recorded on the generation, not acted on ("nsfw, nude" there steers away). */
  negativeAllowed: z.boolean().default(false),
});

// A term made only of punctuation or invisible characters would fold to nothing and never match.
const phraseSchema = z
  .string()
  .trim()
  .min(1, 'Enter a word or phrase.')
  .max(200, 'Keep terms under 200 characters.')
  .refine((s) => phraseWords(s).length > 0, 'A term needs at least one letter or digit.');

export const policyTermSchema = z.object({ term: phraseSchema, category: z.string().trim().min(1) });

export const policySchema = z
  .object({
    categories: z.array(policyCategorySchema),
    terms: z.array(policyTermSchema),
    allow: z.array(phraseSchema),
  })
  .superRefine((policy, ctx) => {
    const ids = new Set<string>();
    policy.categories.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['categories', i, 'id'], message: `Category "${c.id}" is listed twice.` });
      ids.add(c.id);
    });
    policy.terms.forEach((t, i) => {
      if (!ids.has(t.category)) ctx.addIssue({ code: 'custom', path: ['terms', i, 'category'], message: `Unknown category "${t.category}".` });
    });
  });

export type PolicyAction = z.infer<typeof policyActionSchema>;
export type PolicyCategory = z.infer<typeof policyCategorySchema>;
export type PolicyTerm = z.infer<typeof policyTermSchema>;
export type Policy = z.infer<typeof policySchema>;

/** Parses a policy from outside (admin form, DB row) and says in one line what is wrong with it. */
export function parsePolicy(input: unknown): Result<{ policy: Policy }> {
  const parsed = policySchema.safeParse(input);
  if (parsed.success) return ok({ policy: parsed.data });
  const issue = parsed.error.issues[0];
  return fail('invalid_policy', `${issue.path.join('.') || 'policy'}: ${issue.message}`);
}
