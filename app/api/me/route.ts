import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { accountOf } from '@/server/billing/account';

export const GET = userRoute(async (_req, user) => {
  const { balance, plan } = await accountOf(user.id);
  return NextResponse.json({ id: user.id, email: user.email, role: user.role, balance, plan });
});
