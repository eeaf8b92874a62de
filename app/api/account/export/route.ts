import { NextResponse } from 'next/server';
import { httpStatusOf } from '@/domain/error-codes';
import { exportAccountData } from '@/server/account/export-data';
import { userRoute } from '@/server/auth/route';

export const dynamic = 'force-dynamic';

/** The signed-in user's data as a zip, streamed. */
export const GET = userRoute(async (_req, user) => {
  const result = await exportAccountData(user.id);
  if (!result.ok) return NextResponse.json({ error: result.error.message }, { status: httpStatusOf(result.error.code) });
  return new Response(result.stream, {
    headers: {
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="${result.fileName}"`,
      'cache-control': 'no-store',
    },
  });
});
