import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { users } from '../db/schema';
import { webhookEndpoints } from '../db/webhook-schema';
import { sendMail, type Mail } from '../mail/mailer';
import { appUrl } from '../mail/messages';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function endpointDisabledMail(to: string, url: string, reason: string): Mail {
  const paragraphs = [
    `Kumori stopped sending webhooks to ${url}. ${reason}`,
    'Events that happen while it is disabled are not sent. Fix the endpoint, then enable it again here:',
    appUrl('/settings/webhooks'),
  ];
  const html = paragraphs.map((p) => (/^https?:\/\/\S+$/.test(p) ? `<p><a href="${escapeHtml(p)}">${escapeHtml(p)}</a></p>` : `<p>${escapeHtml(p)}</p>`)).join('\n');
  return { to, subject: 'A Kumori webhook endpoint was disabled', text: `${paragraphs.join('\n\n')}\n\n-- \nKumori\n`, html };
}

/**
 * Disables an enabled endpoint and tells its owner by mail, once: the guarded update lets only
 * the first of several concurrent attempts through. A mail outage is logged, not retried.
 */
export async function disableEndpoint(ex: Executor, endpointId: string, reason: string): Promise<boolean> {
  const [row] = await ex
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: reason, disabledAt: sql`now()` })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.enabled, true)))
    .returning({ url: webhookEndpoints.url, userId: webhookEndpoints.userId });
  if (!row) return false;
  console.warn(`[webhooks] endpoint ${endpointId} disabled: ${reason}`);
  const [owner] = await ex.select({ email: users.email }).from(users).where(eq(users.id, row.userId));
  if (owner) await sendMail(endpointDisabledMail(owner.email, row.url, reason)).catch((err: Error) => console.error(`[webhooks] disable notice not mailed: ${err.message}`));
  return true;
}
