import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { listImages } from '@/server/gallery/images';

export const GET = userRoute(async (req, user) => {
  const cursor = new URL(req.url).searchParams.get('cursor');
  return NextResponse.json(await listImages(user.id, cursor), { headers: { 'Cache-Control': 'no-store' } });
});
