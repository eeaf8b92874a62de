import { expect, test } from '@playwright/test';
import OpenAI from 'openai';
import sharp from 'sharp';
import { signUp } from './helpers';

// The official openai package, unchanged, pointed at the running app's /v1 with a key made on
// the API keys page: what a developer following the README does.
test('the openai SDK generates, streams and gets OpenAI\'s errors from Kumori\'s /v1', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const E2E_BASE_URL = baseURL!;
  await signUp(page);
  await page.goto('/settings/api-keys');
  const create = page.getByRole('region', { name: 'Create a key' });
  await create.getByLabel('Name (optional)').fill('openai sdk');
  await create.getByRole('checkbox', { name: 'generate' }).check();
  await create.getByRole('checkbox', { name: 'read' }).check();
  await create.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  expect(key).toMatch(/^kmr_/);

  const client = new OpenAI({ apiKey: key, baseURL: `${E2E_BASE_URL}/v1`, maxRetries: 0 });
  // OpenAI's model names mean Kumori's default model; Kumori's own fields ride beside OpenAI's.
  const small = { model: 'dall-e-3', size: '64x64', steps: 4 } as Record<string, unknown>;
  const decode = async (b64: string) => sharp(Buffer.from(b64, 'base64')).metadata();

  const { data: b64, response } = await client.images.generate({ prompt: 'a red circle', n: 2, response_format: 'b64_json', ...small } as never).withResponse();
  expect(b64.data).toHaveLength(2);
  for (const image of b64.data!) expect(await decode(image.b64_json!)).toMatchObject({ format: 'png', width: 64, height: 64 });
  expect(b64.usage?.total_tokens).toBeGreaterThan(0);

  // The same generation as Server-Sent Events: finished, so `done` comes at once and the stream closes.
  const events = await fetch(`${E2E_BASE_URL}/api/v1/generations/${response.headers.get('kumori-generation-id')}/events`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  expect(await events.text()).toMatch(/event: done\ndata: \{.*"status":"succeeded"/);

  const urls = await client.images.generate({ prompt: 'a blue square', n: 2, response_format: 'url', ...small } as never);
  expect(urls.data).toHaveLength(2);
  for (const image of urls.data!) {
    const fetched = await fetch(image.url!);
    expect(fetched.status).toBe(200);
    expect(await decode(Buffer.from(await fetched.arrayBuffer()).toString('base64'))).toMatchObject({ format: 'png', width: 64, height: 64 });
  }

  const stream = await client.images.generate({ prompt: 'a green triangle', stream: true, partial_images: 2, ...small, steps: 12 } as never);
  const types: string[] = [];
  for await (const event of stream as unknown as AsyncIterable<{ type: string; b64_json: string }>) {
    types.push(event.type);
    expect((await decode(event.b64_json)).format).toBe('png');
  }
  expect(types.at(-1)).toBe('image_generation.completed');
  expect(types.filter((t) => t === 'image_generation.partial_image').length).toBeGreaterThan(0);

  const wrongKey = new OpenAI({ apiKey: `${key.slice(0, -1)}x`, baseURL: `${E2E_BASE_URL}/v1`, maxRetries: 0 });
  await expect(wrongKey.images.generate({ prompt: 'x' })).rejects.toBeInstanceOf(OpenAI.AuthenticationError);

  const badSize = await client.images.generate({ prompt: 'x', size: '100x100' }).catch((e: unknown) => e);
  expect(badSize).toBeInstanceOf(OpenAI.BadRequestError);
  expect((badSize as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('size');

  let refusal: unknown = null;
  for (let i = 0; i < 200 && !refusal; i++) refusal = await client.models.list().then(() => null, (e: unknown) => e);
  expect(refusal).toBeInstanceOf(OpenAI.RateLimitError);
  expect(Number((refusal as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after'))).toBeGreaterThan(0);
});
