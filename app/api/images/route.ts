import { NextResponse } from 'next/server';
import { currentUser } from '@/server/auth/session';
import { listImages } from '@/server/gallery/images';

export async function GET(req: Request) {
  const user = await currentUser();
  if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
  const cursor = new URL(req.url).searchParams.get('cursor');
  return NextResponse.json(await listImages(user.id, cursor), { headers: { 'Cache-Control': 'no-store' } });
}
