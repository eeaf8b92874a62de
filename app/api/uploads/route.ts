import { NextResponse } from 'next/server';
import { userRoute } from '@/server/auth/route';
import { storeUpload } from '@/server/uploads/store-upload';
import { UPLOAD_LIMITS } from '@/server/uploads/validate-image';

/** POST multipart/form-data with an `image` file: an init image for image-to-image. */
export const POST = userRoute(async (req, user) => {
  const declared = Number(req.headers.get('content-length') ?? 0);
  // Multipart framing adds a little; anything far past the limit is refused before it is read.
  if (declared > UPLOAD_LIMITS.maxBytes + 64 * 1024) {
    return NextResponse.json({ error: 'The file is larger than 10 MB.' }, { status: 413 });
  }
  const form = await req.formData().catch(() => null);
  const file = form?.get('image');
  if (!(file instanceof Blob)) return NextResponse.json({ error: 'Attach the image as the form field "image".' }, { status: 400 });
  const result = await storeUpload(user.id, Buffer.from(await file.arrayBuffer()));
  if (!result.ok) return NextResponse.json({ error: result.error.message, code: result.error.code }, { status: 400 });
  return NextResponse.json(result, { status: 201 });
});
