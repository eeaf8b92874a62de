import { env } from '@/server/env';
import { localStorageFromEnv, verifySignedFileUrl } from '@/server/storage';

/** Serves local-disk objects to holders of a signed, unexpired link (S3 serves its own presigned URLs). */
export async function GET(req: Request, { params }: { params: Promise<{ key: string[] }> }) {
  const storage = localStorageFromEnv();
  if (!storage) return new Response('Not found', { status: 404 });
  const key = (await params).key.join('/');
  const q = new URL(req.url).searchParams;
  const dl = q.get('dl');
  const check = verifySignedFileUrl(key, q.get('exp'), q.get('sig'), dl, env().AUTH_SECRET);
  if (!check.ok) return new Response(check.error.message, { status: check.error.code === 'expired' ? 410 : 403 });
  const file = await storage.readForServe(key, { downloadName: dl ?? undefined });
  if (!file) return new Response('This file no longer exists.', { status: 404 });
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Length': String(file.bytes.length),
    // Objects never change under a key; the link's own expiry bounds access.
    'Cache-Control': 'private, max-age=3600, immutable',
    'X-Content-Type-Options': 'nosniff',
  };
  if (file.contentDisposition) headers['Content-Disposition'] = file.contentDisposition;
  return new Response(new Uint8Array(file.bytes), { headers });
}
