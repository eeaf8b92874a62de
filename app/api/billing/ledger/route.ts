import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { ledgerPage } from '@/server/billing/history';

export const dynamic = 'force-dynamic';

export const GET = userRoute(async (req, user) => {
  const before = Number(new URL(req.url).searchParams.get('before'));
  return NextResponse.json(await ledgerPage(user.id, { before: Number.isSafeInteger(before) && before > 0 ? before : undefined }));
});
