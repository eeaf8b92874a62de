import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { imagesGenerationRequestSchema } from './schemas';

describe('imagesGenerationRequestSchema', () => {
  it('takes what the openai SDK sends, nulls included, and Kumori fields beside', () => {
    const parsed = imagesGenerationRequestSchema.safeParse({ prompt: 'x', n: null, size: 'auto', quality: 'hd', steps: 12, background: 'auto' });
    expect(parsed.success).toBe(true);
  });

  it('names the field OpenAI calls it by', () => {
    for (const [body, param] of [
      [{ prompt: 'x', size: 'large' }, 'size'],
      [{ prompt: 'x', n: 9 }, 'n'],
      [{ prompt: 'x', partial_images: 4 }, 'partial_images'],
      [{ prompt: 'x', response_format: 'bmp' }, 'response_format'],
      [{}, 'prompt'],
    ] as const) {
      const parsed = imagesGenerationRequestSchema.safeParse(body);
      expect(parsed.success ? null : parsed.error.issues[0].path[0]).toBe(param);
    }
  });

  it('converts to JSON Schema for the OpenAPI document', () => {
    const json = z.toJSONSchema(imagesGenerationRequestSchema, { io: 'input' }) as { required?: string[] };
    expect(json.required).toEqual(['prompt']);
  });
});
