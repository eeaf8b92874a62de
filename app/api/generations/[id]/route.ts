import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { getGeneration } from '@/server/generations/read';

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const generation = await getGeneration(user.id, (await params).id);
  if (!generation) return NextResponse.json({ error: 'Not found.' }, { status: 404 });
  return NextResponse.json(generation, { headers: { 'Cache-Control': 'no-store' } });
}
