import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { paymentForUser } from '@/server/billing/payment-status';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const payment = await paymentForUser(user.id, (await params).id);
  if (!payment) return NextResponse.json({ error: 'Payment not found.' }, { status: 404 });
  return NextResponse.json(payment);
}
