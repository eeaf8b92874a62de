import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import { db } from '../db/client';
import { images, type GenerationParams } from '../db/schema';
import { uploads } from '../db/account-schema';
import { EDIT_LIMITS, editOutputSize, gridUp } from '../../domain/edit-modes';
import { LIMITS, type GenerationInput } from '../../domain/generation-params';
import { fail, ok, type Result } from '../../domain/result';
import { uploadFromImage } from '../uploads/upload-from-image';

type Size = { width: number; height: number };

/** What an edit stores besides the common settings. */
export type EditParams = Required<Pick<GenerationParams, 'initImage' | 'strength'>> &
  Pick<GenerationParams, 'mode' | 'parentImage' | 'mask' | 'maskFeather' | 'onlyMasked' | 'extend'>;

/**
 * A request's start image and edit, checked and sized: the start image is one of the user's
 * uploads or gallery images, a mask is an upload of the image's own size, and the output is the
 * image's size (inpaint), its extended canvas (outpaint) or twice it (upscale), on the 8-pixel
 * grid and within the size limit. `commit` makes a gallery image's upload copy (the worker reads
 * uploads) only once everything else has passed, so a refused request leaves nothing behind.
 */
export type PlannedEdit = { size: Size; commit: () => Promise<Result<{ params: EditParams }>> };

const invalid = (field: string, message: string) => fail('invalid', message, { [field]: message });
const GONE = 'The init image is no longer available. Upload it again.';

export async function planEdit(userId: string, input: GenerationInput): Promise<Result<{ edit: PlannedEdit | null }>> {
  const { initImage, mode = 'img2img' } = input;
  if (!initImage) return ok({ edit: null });
  const source = await startImageOf(userId, initImage);
  if (!source) return invalid('initImage', GONE);
  if (source.kind === 'image' && source.pending) {
    return invalid('initImage', 'This image is awaiting review; it can be edited once a moderator approves it.');
  }
  const size = mode === 'img2img' ? { width: input.width, height: input.height } : editOutputSize(mode, source.width, source.height, input.extend);
  if (size.width > LIMITS.sizeMax || size.height > LIMITS.sizeMax) {
    const field = mode === 'upscale' ? 'scale' : mode === 'outpaint' ? 'extend' : 'initImage';
    const verb = mode === 'upscale' ? 'Upscaling' : mode === 'outpaint' ? 'Extending' : 'Editing';
    return invalid(field, `${verb} this ${source.width}×${source.height} image would make ${size.width}×${size.height}, above the ${LIMITS.sizeMax}-pixel limit.`);
  }
  if (mode === 'inpaint' && input.mask) {
    const mask = await uploadSize(userId, input.mask);
    if (!mask) return invalid('mask', 'The mask is no longer available. Upload it again.');
    if (mask.width !== source.width || mask.height !== source.height) {
      return invalid('mask', `The mask is ${mask.width}×${mask.height}; it must be the image's size, ${source.width}×${source.height}.`);
    }
  }
  const extend = input.extend && {
    left: gridUp(input.extend.left),
    right: gridUp(input.extend.right),
    top: gridUp(input.extend.top),
    bottom: gridUp(input.extend.bottom),
  };
  const commit = async (): Promise<Result<{ params: EditParams }>> => {
    let uploadId = initImage;
    if (source.kind === 'image') {
      const copied = await uploadFromImage(userId, initImage);
      if (!copied.ok) return copied.error.code === 'not_found' ? invalid('initImage', copied.error.message) : copied;
      uploadId = copied.id;
    }
    const params: EditParams = {
      initImage: uploadId,
      strength: input.strength,
      ...(input.mode ? { mode: input.mode } : {}),
      ...(source.kind === 'image' ? { parentImage: initImage } : {}),
      ...(mode === 'inpaint' ? { mask: input.mask, maskFeather: input.maskFeather ?? EDIT_LIMITS.featherDefault } : {}),
      ...(mode === 'inpaint' && input.onlyMasked !== undefined ? { onlyMasked: input.onlyMasked } : {}),
      ...(mode === 'outpaint' ? { extend } : {}),
    };
    return ok({ params });
  };
  return ok({ edit: { size, commit } });
}

type StartImage = Size & ({ kind: 'upload' } | { kind: 'image'; pending: boolean });

/** One of the user's uploads, else one of their gallery images (a rejected one reads as missing). */
async function startImageOf(userId: string, id: string): Promise<StartImage | null> {
  const upload = await uploadSize(userId, id);
  if (upload) return { kind: 'upload', ...upload };
  const [image] = await db()
    .select({ width: images.width, height: images.height, moderation: images.moderation })
    .from(images)
    .where(and(eq(images.id, id), eq(images.userId, userId), ne(images.moderation, 'rejected')));
  return image ? { kind: 'image', width: image.width, height: image.height, pending: image.moderation === 'review' } : null;
}

async function uploadSize(userId: string, id: string): Promise<Size | null> {
  const [row] = await db()
    .select({ width: uploads.width, height: uploads.height })
    .from(uploads)
    .where(and(eq(uploads.id, id), eq(uploads.userId, userId)));
  return row ?? null;
}
