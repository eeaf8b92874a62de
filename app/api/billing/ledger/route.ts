import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { ledgerPage } from '@/server/billing/history';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const before = Number(new URL(req.url).searchParams.get('before'));
  return NextResponse.json(await ledgerPage(user.id, { before: Number.isSafeInteger(before) && before > 0 ? before : undefined }));
}
