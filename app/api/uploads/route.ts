import { NextResponse } from 'next/server';
import { httpStatusOf } from '@/domain/error-codes';
import { userRoute } from '@/server/auth/route';
import { receiveUpload } from '@/server/uploads/receive-upload';

/** POST multipart/form-data with an `image` file: an init image for image-to-image. */
export const POST = userRoute(async (req, user) => {
  const result = await receiveUpload(req, user.id);
  if (!result.ok) return NextResponse.json({ error: result.error.message, code: result.error.code }, { status: httpStatusOf(result.error.code) });
  return NextResponse.json(result, { status: 201 });
});
