import { fail, ok, type Result } from '../../domain/result';

export const BODY_LIMITS = {
  /** JSON bodies, unless a route says otherwise. */
  json: 1024 * 1024,
  /** Stripe's events are a few KB; a megabyte is generous. */
  webhook: 1024 * 1024,
} as const;

const tooLarge = (max: number) => fail('too_large', `The request body is larger than ${formatBytes(max)}.`);

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * Reads a request body as a stream and stops the moment it passes `maxBytes`, so a client cannot
 * make the server hold more than that, whatever Content-Length it declares (or omits, chunked).
 */
export async function readBodyCapped(req: Request, maxBytes: number): Promise<Result<{ bytes: Buffer }>> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await req.body?.cancel().catch(() => {});
    return tooLarge(maxBytes);
  }
  if (!req.body) return ok({ bytes: Buffer.alloc(0) });
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return ok({ bytes: Buffer.concat(chunks, total) });
}

/** A JSON body of at most `maxBytes`; `json` is unknown until the caller's schema parses it. */
export async function readJsonCapped(req: Request, maxBytes: number = BODY_LIMITS.json): Promise<Result<{ json: unknown }>> {
  const body = await readBodyCapped(req, maxBytes);
  if (!body.ok) return body;
  try {
    return ok({ json: JSON.parse(body.bytes.toString('utf8')) as unknown });
  } catch {
    return fail('malformed', 'The request body is not valid JSON.');
  }
}

/** A multipart or urlencoded form of at most `maxBytes`, parsed only after it is all in and under the cap. */
export async function readFormCapped(req: Request, maxBytes: number): Promise<Result<{ form: FormData }>> {
  const body = await readBodyCapped(req, maxBytes);
  if (!body.ok) return body;
  const type = req.headers.get('content-type') ?? '';
  try {
    const form = await new Response(new Uint8Array(body.bytes), { headers: { 'content-type': type } }).formData();
    return ok({ form });
  } catch {
    return fail('malformed', 'The request body is not a valid form.');
  }
}
