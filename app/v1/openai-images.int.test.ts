import OpenAI from 'openai';
import sharp from 'sharp';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../worker/testing/harness';
import { serveRoutes } from '../../tests/support/serve-routes';
import { apiKeys } from '../../server/db/api-schema';
import { generations } from '../../server/db/schema';
import { generateApiKey } from '../../server/api/keys/key-format';
import { imagesResponseSchema } from '../../server/api/openai/schemas';

// The official openai SDK, unchanged, against the /v1 route handlers on a loopback server, with
// real Postgres, Redis and a real worker (the tiny random-weight model) producing the images.
vi.mock('../../server/auth/session', () => ({ currentUser: async () => null }));

let h: Harness;
let server: Awaited<ReturnType<typeof serveRoutes>>;

beforeAll(async () => {
  h = await startHarness({ stepDelayMs: 60 });
  const [generationsRoute, editsRoute, modelsRoute, unknownRoute, filesRoute] = await Promise.all([
    import('./images/generations/route'),
    import('./images/edits/route'),
    import('./models/route'),
    import('./[...path]/route'),
    import('../api/files/[...key]/route'),
  ]);
  server = await serveRoutes([
    { method: 'POST', pattern: /^\/v1\/images\/generations$/, handler: generationsRoute.POST },
    { method: 'POST', pattern: /^\/v1\/images\/edits$/, handler: editsRoute.POST },
    { method: 'GET', pattern: /^\/v1\/models$/, handler: modelsRoute.GET },
    { method: 'GET', pattern: /^\/api\/files\/(.+)$/, handler: filesRoute.GET as never, params: (m) => ({ key: m[1].split('/') }) },
    ...['GET', 'POST'].map((method) => ({ method, pattern: /^\/v1\//, handler: unknownRoute[method as 'GET' | 'POST'] })),
  ]);
});
afterAll(async () => {
  await server?.close();
  await (await import('../../server/redis/connection')).redis().quit();
  await h?.stop();
});

async function newKey(plan: 'free' | 'pro' = 'free', scopes = ['generate', 'read']) {
  const userId = await h.newUser(plan);
  const generated = generateApiKey();
  await h.db.insert(apiKeys).values({ userId, name: 'sdk', prefix: generated.prefix, keyHash: generated.hash, scopes });
  return { userId, key: generated.key };
}

const client = (key: string, maxRetries = 0) => new OpenAI({ apiKey: key, baseURL: `${server.url}/v1`, maxRetries });
// Kumori's own fields ride beside OpenAI's; the SDK passes unknown body fields through.
const small = { model: 'tiny-sd', size: '64x64', steps: 4 } as Record<string, unknown>;
const balance = (userId: string) => h.ledger.balanceOf(h.db, userId);

async function pngSize(b64: string) {
  const meta = await sharp(Buffer.from(b64, 'base64')).metadata();
  return { format: meta.format, width: meta.width, height: meta.height };
}

describe('POST /v1/images/generations with the official SDK', () => {
  it('answers n: 2 images as b64_json once they are done, in OpenAI\'s response shape', async () => {
    const { userId, key } = await newKey();
    const before = await balance(userId);
    const res = await client(key).images.generate({ prompt: 'a red circle', n: 2, response_format: 'b64_json', ...small } as never);
    expect(res.data).toHaveLength(2);
    // The answer is exactly what the OpenAPI document says (strict: no field it does not name).
    expect(() => imagesResponseSchema.strict().parse(res)).not.toThrow();
    for (const image of res.data!) {
      expect(await pngSize(image.b64_json!)).toEqual({ format: 'png', width: 64, height: 64 });
      expect(image.revised_prompt).toBe('a red circle');
    }
    expect(res).toMatchObject({ output_format: 'png', size: '64x64' });
    expect(res.usage?.total_tokens).toBe(before - (await balance(userId)));
  });

  it('answers signed URLs in the requested output format', async () => {
    const { key } = await newKey();
    const res = await client(key).images.generate({ prompt: 'a blue square', n: 2, response_format: 'url', output_format: 'webp', ...small } as never);
    expect(res.data).toHaveLength(2);
    for (const image of res.data!) {
      const fetched = await fetch(image.url!);
      expect(fetched.status).toBe(200);
      expect((await sharp(Buffer.from(await fetched.arrayBuffer())).metadata()).format).toBe('webp');
    }
    expect(res.output_format).toBe('webp');
  });

  it('streams partial images from the live previews, then the completed image', async () => {
    const { key } = await newKey();
    const stream = await client(key).images.generate({ prompt: 'a green triangle', stream: true, partial_images: 2, output_format: 'jpeg', ...small, steps: 8 } as never);
    const events: Array<{ type: string; partial_image_index?: number; b64_json: string; size: string }> = [];
    for await (const event of stream as unknown as AsyncIterable<(typeof events)[number]>) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
    expect(events.slice(0, 2).map((e) => e.partial_image_index)).toEqual([0, 1]);
    for (const e of events) expect(await pngSize(e.b64_json)).toEqual({ format: 'jpeg', width: 64, height: 64 });
  });

  it('raises AuthenticationError for a wrong key', async () => {
    await expect(client(generateApiKey().key).images.generate({ prompt: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('raises BadRequestError naming size for 100x100, and charges nothing', async () => {
    const { userId, key } = await newKey();
    const before = await balance(userId);
    const err = await client(key).images.generate({ prompt: 'x', size: '100x100' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('size');
    expect(await balance(userId)).toBe(before);
  });

  it('raises BadRequestError with content_policy_violation for a blocked prompt', async () => {
    const { key } = await newKey();
    const err = await client(key).images.generate({ prompt: 'a nude woman', ...small } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('content_policy_violation');
  });

  it('treats null fields as absent, as the SDK sends them', async () => {
    const { key } = await newKey();
    const res = await client(key).images.generate({ prompt: 'a dot', n: null, quality: null, output_format: null, ...small } as never);
    expect(res.data).toHaveLength(1);
  });

  it('answers insufficient_quota without a retry for a request the balance cannot pay', async () => {
    const { key } = await newKey();
    const err = await client(key, 2).images.generate({ prompt: 'x', size: '1024x1024', steps: 100, n: 4 } as never).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const rate = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rate.code).toBe('insufficient_quota');
    expect(rate.headers.get('x-should-retry')).toBe('false');
  });

  it('raises RateLimitError with retry-after past the plan\'s request limit', async () => {
    const { key } = await newKey();
    const sdk = client(key);
    let refusal: unknown = null;
    for (let i = 0; i < 200 && !refusal; i++) refusal = await sdk.models.list().then(() => null, (e: unknown) => e);
    expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
    const rate = refusal as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rate.code).toBe('rate_limit_exceeded');
    expect(Number(rate.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('retried requests', () => {
  it('attaches a retried request (X-Stainless-Retry-Count) to the generation its first attempt started: one charge', async () => {
    const { userId, key } = await newKey();
    const before = await balance(userId);
    const body = JSON.stringify({ prompt: 'a retried circle', ...small });
    const post = (retry: string) =>
      fetch(`${server.url}/v1/images/generations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-stainless-retry-count': retry },
        body,
      });
    const first = await post('0');
    const retried = await post('1');
    expect(first.status).toBe(200);
    expect(retried.status).toBe(200);
    expect(retried.headers.get('kumori-generation-id')).toBe(first.headers.get('kumori-generation-id'));
    // Only the first attempt queued work: the retry takes a request, not a generation (Free: 10 a minute).
    expect(first.headers.get('ratelimit')).toMatch(/"generations";r=9;/);
    expect(retried.headers.get('ratelimit')).not.toContain('"generations"');
    expect(await h.db.select().from(generations).where(eq(generations.userId, userId))).toHaveLength(1);
    const cost = before - (await balance(userId));
    expect(cost).toBeGreaterThan(0);
    expect(((await retried.json()) as { usage: { total_tokens: number } }).usage.total_tokens).toBe(cost);

    // Without the retry marker the same body is a new request, and is charged again.
    const again = await post('0');
    expect(again.headers.get('kumori-generation-id')).not.toBe(first.headers.get('kumori-generation-id'));
    expect(before - (await balance(userId))).toBe(2 * cost);
  });
});

describe('the rest of /v1', () => {
  it('lists models in OpenAI\'s shape', async () => {
    const { key } = await newKey();
    const ids = [];
    for await (const model of client(key).models.list()) ids.push(model.id);
    expect(ids).toContain('tiny-sd');
  });

  it('answers an OpenAI-shaped 404 for unknown paths', async () => {
    const { key } = await newKey();
    const err = await client(key).chat.completions.create({ model: 'x', messages: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect((err as Error).message).toContain('/v1/chat/completions');
  });
});

describe('POST /v1/images/edits with the official SDK', () => {
  const W = 64;
  // A red square on blue; OpenAI's mask: the image's size, fully transparent where to edit (the square).
  const square = (x: number, y: number) => x >= 16 && x < 48 && y >= 16 && y < 48;
  const imagePng = () => {
    const rgb = Buffer.alloc(W * W * 3);
    for (let p = 0; p < W * W; p++) rgb.set(square(p % W, Math.floor(p / W)) ? [220, 40, 40] : [40, 80, 220], p * 3);
    return sharp(rgb, { raw: { width: W, height: W, channels: 3 } }).png().toBuffer();
  };
  const maskPng = (size = W) => {
    const rgba = Buffer.alloc(size * size * 4, 255);
    for (let p = 0; p < size * size; p++) if (square(p % size, Math.floor(p / size))) rgba[p * 4 + 3] = 0;
    return sharp(rgba, { raw: { width: size, height: size, channels: 4 } }).png().toBuffer();
  };
  const file = async (bytes: Buffer, name: string) => OpenAI.toFile(bytes, name, { type: 'image/png' });

  it('inpaints the transparent area of the mask and keeps the rest, as b64_json', async () => {
    const { userId, key } = await newKey('pro');
    const before = await balance(userId);
    const original = await sharp(await imagePng()).raw().toBuffer();
    const res = await client(key).images.edit({
      image: await file(await imagePng(), 'image.png'),
      mask: await file(await maskPng(), 'mask.png'),
      prompt: 'a green square',
      n: 1,
      response_format: 'b64_json',
      ...small,
    } as never);
    expect(res.data).toHaveLength(1);
    const out = Buffer.from(res.data![0].b64_json!, 'base64');
    expect(await pngSize(res.data![0].b64_json!)).toEqual({ format: 'png', width: W, height: W });
    const rgb = await sharp(out).removeAlpha().raw().toBuffer();
    // Outside the square and its feather the original's pixels, up to the watermark's noise.
    let sum = 0;
    let count = 0;
    for (let p = 0; p < W * W; p++) {
      const x = p % W;
      const y = Math.floor(p / W);
      if (x >= 8 && x < 56 && y >= 8 && y < 56) continue;
      for (let c = 0; c < 3; c++) sum += (rgb[p * 3 + c] - original[p * 3 + c]) ** 2;
      count += 3;
    }
    expect(10 * Math.log10((255 * 255) / Math.max(sum / count, 1e-9))).toBeGreaterThanOrEqual(35);
    const [row] = await h.db.select().from(generations).where(eq(generations.userId, userId));
    expect(row.params).toMatchObject({ mode: 'inpaint', width: W, height: W });
    expect(await balance(userId)).toBe(before - row.cost);
  });

  it('takes image[] and answers a URL; without a mask an opaque image is edited as a whole', async () => {
    const { key } = await newKey('pro');
    const res = await client(key).images.edit({ image: [await file(await imagePng(), 'a.png')], prompt: 'a red square', response_format: 'url', ...small } as never);
    expect(res.data![0].url).toMatch(/^http/);
    const fetched = await fetch(res.data![0].url!);
    expect(fetched.status).toBe(200);
  });

  it('raises BadRequestError naming mask for a mask of another size, and charges nothing', async () => {
    const { userId, key } = await newKey('pro');
    const before = await balance(userId);
    const err = await client(key)
      .images.edit({ image: await file(await imagePng(), 'i.png'), mask: await file(await maskPng(32), 'm.png'), prompt: 'x', ...small } as never)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('mask');
    expect((err as Error).message).toMatch(/same size as the image/);
    expect(await balance(userId)).toBe(before);
  });

  it('raises BadRequestError naming image when there is none', async () => {
    const { key } = await newKey();
    const form = new FormData();
    form.set('prompt', 'x');
    const res = await fetch(`${server.url}/v1/images/edits`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { param: 'image', type: 'invalid_request_error' } });
  });
});
