import 'server-only';
import { createHash } from 'node:crypto';
import { fail, type Result } from '../../../domain/result';
import { UPLOAD_LIMITS } from '../../uploads/validate-image';
import { answerImages } from './answer-images';
import { editInput } from './edit-input';
import { openAiRoute } from './route';
import { parseImagesRequest, queueImages } from './start-images';

/** Two images of the upload limit and the form's framing. */
const FORM_MAX_BYTES = 2 * UPLOAD_LIMITS.maxBytes + 256 * 1024;
const NUMBER_FIELDS = new Set(['n', 'seed', 'steps', 'guidance_scale', 'output_compression', 'partial_images', 'strength']);

/** The form's text fields as the JSON body of images/generations would carry them (numbers, booleans). */
function textFields(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || name in out) continue;
    const trimmed = value.trim();
    if (NUMBER_FIELDS.has(name) && trimmed !== '' && !Number.isNaN(Number(trimmed))) out[name] = Number(trimmed);
    else if (name === 'stream') out[name] = trimmed === 'true';
    else out[name] = value;
  }
  return out;
}

function fileOf(form: FormData, ...names: string[]): Blob | null {
  for (const name of names) {
    const value = form.get(name);
    if (value instanceof Blob) return value;
  }
  return null;
}

/** A retry carries the same fields and files in another multipart framing: compare those. */
function fingerprintOf(fields: Record<string, unknown>, files: Buffer[]): Buffer {
  const hash = createHash('sha256').update(JSON.stringify(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b))));
  for (const file of files) hash.update(createHash('sha256').update(file).digest());
  return hash.digest();
}

/**
 * `POST /v1/images/edits` as OpenAI's: multipart `image` (or `image[]`, the first one is edited),
 * an optional `mask`, `prompt`, `n`, `size`, `response_format`, and the rest of images/generations'
 * fields, Kumori's own (`strength`, `steps`, `seed`) among them. The answer (or the stream) is
 * images/generations' own.
 */
export const postImagesEdits = openAiRoute({ scope: 'generate', formMaxBytes: FORM_MAX_BYTES }, async (ctx) => {
  const form = ctx.form!;
  const fields = textFields(form);
  const { strength, ...openAiFields } = fields;
  const parsed = parseImagesRequest(openAiFields);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  const imageFile = fileOf(form, 'image', 'image[]');
  if (!imageFile) return fail('invalid', "Missing required parameter: 'image'.", { image: "Missing required parameter: 'image'." });
  const maskFile = fileOf(form, 'mask');
  const image = Buffer.from(await imageFile.arrayBuffer());
  const mask = maskFile ? Buffer.from(await maskFile.arrayBuffer()) : null;
  if (strength !== undefined && typeof strength !== 'number') return fail('invalid', 'strength must be a number.', { strength: 'strength must be a number.' });

  const started = await queueImages(ctx, request, fingerprintOf(fields, mask ? [image, mask] : [image]), (): Promise<Result<{ input: Record<string, unknown> }>> =>
    editInput(ctx.caller.user.id, request, image, mask, { strength }),
  );
  return started.ok ? answerImages(ctx, started) : started;
});
