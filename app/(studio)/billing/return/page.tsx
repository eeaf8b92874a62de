import { PaymentStatus } from '@/components/billing/PaymentStatus';
import { requireUser } from '@/server/auth/session';

export const metadata = { title: 'Payment · Kumori' };
export const dynamic = 'force-dynamic';

/** Stripe Checkout's success URL lands here; the page shows what the webhooks confirmed. */
export default async function PaymentReturnPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireUser();
  const { session_id: id } = await searchParams;
  return (
    <section className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Payment</h1>
      {id ? <PaymentStatus id={id} /> : <p>No payment to show.</p>}
    </section>
  );
}
