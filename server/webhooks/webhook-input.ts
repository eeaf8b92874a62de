import { z } from 'zod';
import { WEBHOOK_EVENTS } from './events';

/** Endpoints an account may hold: enough for one per app and environment. */
export const MAX_ENDPOINTS = 10;

/**
 * Body of `POST /api/v1/webhooks` and of the settings form. Only the URL's form is checked here;
 * where it leads is checked at every delivery, after DNS (ssrf-guard.ts).
 */
export const createWebhookSchema = z.object({
  url: z
    .string({ error: 'Enter the URL that should receive events.' })
    .trim()
    .max(2000, 'Keep the URL under 2,000 characters.')
    .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), 'Enter an http:// or https:// URL.')
    .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), 'The URL must not contain a user name or password.'),
  events: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z
      .array(z.enum(WEBHOOK_EVENTS, { error: `Choose events from ${WEBHOOK_EVENTS.join(', ')}.` }), { error: 'Choose at least one event.' })
      .min(1, 'Choose at least one event.')
      .transform((events) => [...new Set(events)]),
  ),
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return fields;
}
