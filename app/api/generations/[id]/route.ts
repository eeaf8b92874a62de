import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { getGeneration } from '@/server/generations/read';

export const GET = userRoute(async (_req, user, { params }: { params: Promise<{ id: string }> }) => {
  const generation = await getGeneration(user.id, (await params).id);
  if (!generation) return NextResponse.json({ error: 'Not found.' }, { status: 404 });
  return NextResponse.json(generation, { headers: { 'Cache-Control': 'no-store' } });
});
