import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { accountOf } from '@/server/billing/account';

export async function GET() {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const { balance, plan } = await accountOf(user.id);
  return NextResponse.json({ id: user.id, email: user.email, role: user.role, balance, plan });
}
