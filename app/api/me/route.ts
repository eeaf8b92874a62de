import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { db } from '@/server/db/client';
import { balanceOf } from '@/server/billing/ledger';

export async function GET() {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  return NextResponse.json({ id: user.id, email: user.email, balance: await balanceOf(db(), user.id) });
}
