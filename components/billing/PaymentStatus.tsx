'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import type { PaymentView } from '@/server/billing/payment-status';
import { Alert } from '../ui/Alert';

/**
 * What Kumori has confirmed about a Checkout session, not what the redirect implies: Stripe sends
 * the browser back before (sometimes long before) the webhook confirms the money. A billing event
 * refreshes it; polling covers a missed event.
 */
export function PaymentStatus({ id }: { id: string }) {
  const q = useQuery<PaymentView | null>({
    queryKey: ['billing', 'payment', id],
    queryFn: async () => {
      const res = await fetch(`/api/billing/payments/${encodeURIComponent(id)}`);
      if (res.status === 404) return null;
      if (!res.ok) throw new Error('Could not load the payment.');
      return res.json();
    },
    refetchInterval: (query) => (['paid', 'failed', 'expired'].includes(query.state.data?.status ?? '') ? false : 5000),
  });
  const p = q.data;
  let body;
  if (q.isPending) body = <p>Checking your payment…</p>;
  else if (q.isError) body = <Alert>{q.error.message}</Alert>;
  else if (!p) body = <Alert>We could not find this payment. If you were charged, it will appear in your credit history once Stripe confirms it.</Alert>;
  else if (p.status === 'paid')
    body =
      p.kind === 'pack' ? (
        <Alert tone="info">Payment confirmed: {p.credits.toLocaleString('en-US')} credits were added. Your balance is {p.balance.toLocaleString('en-US')} credits.</Alert>
      ) : (
        <Alert tone="info">Subscription confirmed. Your plan’s monthly credits are added when each invoice is paid; your balance is {p.balance.toLocaleString('en-US')} credits.</Alert>
      );
  else if (p.status === 'processing')
    body = <Alert tone="info">Your payment is still processing (some payment methods take a few days). Credits are added as soon as Stripe confirms it; you can leave this page.</Alert>;
  else if (p.status === 'failed') body = <Alert>The payment failed and you were not charged. You can try again with another payment method.</Alert>;
  else if (p.status === 'expired') body = <Alert tone="info">This checkout expired before it was paid. You were not charged.</Alert>;
  else body = <Alert tone="info">Waiting for Stripe to confirm your payment… This page updates by itself.</Alert>;
  return (
    <div className="space-y-4" aria-live="polite" data-testid="payment-status">
      {p && <p className="text-zinc-400">{p.description}</p>}
      {body}
      <Link href="/billing" className="inline-block text-sm text-link underline underline-offset-2 hover:decoration-2">Back to billing</Link>
    </div>
  );
}
