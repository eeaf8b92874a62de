import 'server-only';
import { fail, ok, type Result } from '../../domain/result';
import { readFormCapped } from '../http/read-body';
import { storeUpload, type StoredUpload } from './store-upload';
import { claimUploadAllowance } from './upload-allowance';
import { UPLOAD_LIMITS } from './validate-image';

/** Multipart framing around the file: boundaries, part headers, a long file name. */
const FORM_OVERHEAD = 64 * 1024;

const tooLarge = () => fail('too_large', `The file is larger than ${UPLOAD_LIMITS.maxBytes / 2 ** 20} MB.`);

/**
 * An init image posted as multipart/form-data (field `image`). Limits are checked before the body
 * is read, and the body is read as a stream that stops the moment it passes the size cap, whatever
 * Content-Length says or when there is none (chunked).
 */
export async function receiveUpload(req: Request, userId: string): Promise<Result<StoredUpload>> {
  const received = await readUpload(req, userId);
  return received.ok ? storeUpload(userId, received.bytes) : received;
}

/**
 * The first half of receiveUpload, for callers that act on the bytes before they are stored (the
 * API's Idempotency-Key hashes them): the allowance claimed, then the `image` field read.
 */
export async function readUpload(req: Request, userId: string): Promise<Result<{ bytes: Buffer }>> {
  const allowed = await claimUploadAllowance(userId);
  if (!allowed.ok) {
    await req.body?.cancel().catch(() => {});
    return allowed;
  }
  const body = await readFormCapped(req, UPLOAD_LIMITS.maxBytes + FORM_OVERHEAD);
  if (!body.ok) return body.error.code === 'too_large' ? tooLarge() : body;
  const file = body.form.get('image');
  if (!(file instanceof Blob)) return fail('invalid', 'Attach the image as the form field "image".', { image: 'Missing.' });
  return ok({ bytes: Buffer.from(await file.arrayBuffer()) });
}
