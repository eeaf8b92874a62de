/** The local driver keeps no metadata beside the bytes, so it serves a type derived from the key. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  webp: 'image/webp',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
};

export function contentTypeForKey(key: string): string {
  const dot = key.lastIndexOf('.');
  const slash = key.lastIndexOf('/');
  if (dot <= slash) return 'application/octet-stream';
  return BY_EXTENSION[key.slice(dot + 1).toLowerCase()] ?? 'application/octet-stream';
}
