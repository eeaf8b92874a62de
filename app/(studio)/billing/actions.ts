'use server';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { currentUser } from '@/server/auth/session';
import { customerPortalUrl, startPackCheckout, startPlanCheckout, type CheckoutResult } from '@/server/billing/checkout';
import { env } from '@/server/env';

export type ActionState = { message?: string; ok?: boolean } | undefined;

/** Where Stripe sends the browser back: PUBLIC_URL when set, else the host this request came to. */
async function origin(): Promise<string> {
  const configured = env().PUBLIC_URL;
  if (configured) return configured.replace(/\/$/, '');
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? `localhost:${env().PORT}`;
  const proto = h.get('x-forwarded-proto') ?? 'http';
  return `${proto}://${host}`;
}

function follow(result: CheckoutResult): ActionState {
  if (result.ok) redirect(result.url);
  return { message: result.error.message };
}

const signedOut: ActionState = { message: 'Your session has ended. Sign in again.' };

export async function buyPackAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return signedOut;
  return follow(await startPackCheckout(user.id, String(form.get('pack') ?? ''), await origin()));
}

export async function subscribeAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return signedOut;
  const plan = form.get('plan');
  if (plan !== 'basic' && plan !== 'pro') return { message: 'That plan does not exist.' };
  return follow(await startPlanCheckout(user.id, plan, await origin()));
}

export async function portalAction(_prev: ActionState): Promise<ActionState> {
  const user = await currentUser();
  if (!user) return signedOut;
  return follow(await customerPortalUrl(user.id, `${await origin()}/billing`));
}
