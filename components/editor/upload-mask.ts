import { fail, ok, type Result } from '@/domain/result';

/** Uploads the exported mask as an ordinary upload (POST /api/uploads, the session's cookie); the edit sends its id. */
export async function uploadMask(mask: Blob): Promise<Result<{ id: string }>> {
  const body = new FormData();
  body.set('image', new File([mask], 'mask.png', { type: 'image/png' }));
  try {
    const res = await fetch('/api/uploads', { method: 'POST', body });
    const json = (await res.json().catch(() => ({}))) as { id?: string; error?: string };
    if (!res.ok || !json.id) return fail('invalid', `The mask could not be uploaded: ${json.error ?? `error ${res.status}`}`);
    return ok({ id: json.id });
  } catch {
    return fail('unavailable', 'The mask could not reach the server. Try again.');
  }
}
