/**
 * Storage key rules. Keys double as file paths (local driver) and URL paths (/api/files/<key>),
 * so the allowed alphabet is small enough to need no escaping in either place.
 */

const MAX_KEY_LENGTH = 1024;
const KEY_CHARS = /^[A-Za-z0-9._/-]+$/;
const ID_SEGMENT = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * True for relative, slash-separated keys made of [A-Za-z0-9._-] segments. Rejects `.`/`..`,
 * absolute paths, backslashes, empty segments and control characters. Segments starting with a
 * dot are rejected too: the local driver keeps its temp files under such names.
 */
export function isSafeKey(key: string): boolean {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  if (!KEY_CHARS.test(key)) return false;
  return key.split('/').every((segment) => segment.length > 0 && !segment.startsWith('.'));
}

/** A prefix for `deletePrefix`: a safe key, optionally ending in `/`. Never empty (that is "everything"). */
export function isSafePrefix(prefix: string): boolean {
  if (typeof prefix !== 'string') return false;
  return isSafeKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
}

function idSegment(name: string, value: string): string {
  if (!ID_SEGMENT.test(value)) throw new Error(`Invalid ${name} for a storage key: ${JSON.stringify(value)}`);
  return value;
}

function imageIndex(n: number): number {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`Invalid image index for a storage key: ${n}`);
  return n;
}

/** `images/<userId>/` — everything a user owns, for account deletion. */
export function userPrefix(userId: string): string {
  return `images/${idSegment('userId', userId)}/`;
}

/** `images/<userId>/<generationId>/` — every file of one generation. */
export function generationPrefix(userId: string, generationId: string): string {
  return `${userPrefix(userId)}${idSegment('generationId', generationId)}/`;
}

/** `images/<userId>/<generationId>/<n>.png` — the full-size image. */
export function imageKey(userId: string, generationId: string, n: number): string {
  return `${generationPrefix(userId, generationId)}${imageIndex(n)}.png`;
}

/** `images/<userId>/<generationId>/<n>.thumb.webp` — the gallery thumbnail. */
export function thumbnailKey(userId: string, generationId: string, n: number): string {
  return `${generationPrefix(userId, generationId)}${imageIndex(n)}.thumb.webp`;
}

const UPLOAD_EXTENSIONS = { png: 'png', jpeg: 'jpg', webp: 'webp' } as const;

/** The formats an upload is stored in, each under its own extension. */
export type UploadKeyFormat = keyof typeof UPLOAD_EXTENSIONS;

/**
 * `uploads/<userId>/<uploadId>.<png|jpg|webp>` — an init image a user uploaded, re-encoded in its
 * own format. Uploads from before formats were kept are PNG, hence the default.
 */
export function uploadKey(userId: string, uploadId: string, format: UploadKeyFormat = 'png'): string {
  return `uploads/${idSegment('userId', userId)}/${idSegment('uploadId', uploadId)}.${UPLOAD_EXTENSIONS[format]}`;
}

/** Every key an upload may be stored under, most likely first, for readers that know only its id. */
export function uploadKeys(userId: string, uploadId: string): string[] {
  return (['jpeg', 'png', 'webp'] as const).map((format) => uploadKey(userId, uploadId, format));
}
