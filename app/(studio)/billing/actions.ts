'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { Result } from '@/domain/result';
import { userAction } from '@/server/auth/action';
import { customerPortalUrl, startPackCheckout, startPlanCheckout } from '@/server/billing/checkout';
import { env } from '@/server/env';

/** Where Stripe sends the browser back: PUBLIC_URL when set, else the host this request came to. */
async function origin(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env().PORT}`;
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

/** Success leaves for Stripe, so the form only ever sees a refusal. */
function follow(result: Result<{ url: string }>) {
  if (result.ok) redirect(result.url);
  return result;
}

export const buyPackAction = userAction(
  // Whether the pack exists is the checkout's to say, after it has checked that payments are on.
  z.object({ pack: z.string({ error: 'That credit pack does not exist.' }) }),
  async ({ pack }, user) => follow(await startPackCheckout(user.id, pack, await origin())),
);

export const subscribeAction = userAction(
  z.object({ plan: z.enum(['basic', 'pro'], { error: 'That plan does not exist.' }) }),
  async ({ plan }, user) => follow(await startPlanCheckout(user.id, plan, await origin())),
);

export const portalAction = userAction(z.object({}), async (_input, user) =>
  follow(await customerPortalUrl(user.id, `${await origin()}/billing`)),
);
