import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters.')
  .max(200, 'Password must be at most 200 characters.');

export const credentialsSchema = z.object({ email: emailSchema, password: passwordSchema });
export type Credentials = z.infer<typeof credentialsSchema>;

/**
 * Parses a form against `schema`. A refusal names every field that is wrong (the first problem of
 * each), so the form shows them all at once instead of one per attempt.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): Result<{ data: z.infer<S> }> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok({ data: parsed.data });
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    fields[key] ??= issue.message;
  }
  return fail('invalid', parsed.error.issues[0].message, fields);
}
