import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { paymentForUser } from '@/server/billing/payment-status';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async (_req, user, { params }: { params: Promise<{ id: string }> }) => {
  const payment = await paymentForUser(user.id, (await params).id);
  if (!payment) return NextResponse.json({ error: 'Payment not found.' }, { status: 404 });
  return NextResponse.json(payment);
});
