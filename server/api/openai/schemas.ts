import { z } from 'zod';

/** OpenAI's `quality` values; Kumori reads them as a steps preset (quality.ts). */
export const OPENAI_QUALITIES = ['auto', 'low', 'medium', 'high', 'standard', 'hd'] as const;
export const OPENAI_OUTPUT_FORMATS = ['png', 'jpeg', 'webp'] as const;

// The SDKs send `null` for a field a caller set to null; it means "the default", as an omitted one
// (parseImagesRequest drops nulls). No transforms here, so the schema converts to JSON Schema.
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

/**
 * `POST /v1/images/generations` as OpenAI's Images API takes it, plus Kumori's own fields beside
 * them. Fields OpenAI has and Kumori cannot honour (`background`, `moderation`) are accepted and
 * ignored so that unchanged clients keep working; other unknown fields are dropped. `style` is a
 * Kumori style's slug (the generator's Style list); DALL·E 3's two values keep working: `vivid` is
 * Kumori's Vivid style and `natural` means no style.
 * Numbers stay loose here (Kumori's generation schema checks the ranges and names the field).
 */
export const imagesGenerationRequestSchema = z.object({
  prompt: z.string({ message: 'prompt is required and must be a string.' }),
  /** A Kumori model name; OpenAI's own names (dall-e-3, gpt-image-1, …) mean the default model. */
  model: optional(z.string().max(100)),
  n: optional(z.number({ message: 'n must be a number.' }).int('n must be a whole number.').min(1, 'n must be at least 1.').max(4, 'n must be at most 4.')),
  /** `WIDTHxHEIGHT` within Kumori's limits, or `auto` for the model's native size. */
  size: optional(z.string().regex(/^(auto|\d{1,5}x\d{1,5})$/, "size must be 'auto' or WIDTHxHEIGHT, e.g. '512x512'.")),
  response_format: optional(z.enum(['b64_json', 'url'], { message: "response_format must be 'b64_json' or 'url'." })),
  output_format: optional(z.enum(OPENAI_OUTPUT_FORMATS, { message: "output_format must be 'png', 'jpeg' or 'webp'." })),
  /** jpeg and webp quality, 0–100 (100 by default, as OpenAI's). */
  output_compression: optional(z.number().int().min(0).max(100)),
  quality: optional(z.enum(OPENAI_QUALITIES, { message: `quality must be one of: ${OPENAI_QUALITIES.join(', ')}.` })),
  user: optional(z.string().max(256)),
  stream: optional(z.boolean()),
  partial_images: optional(z.number().int('partial_images must be a whole number.').min(0, 'partial_images must be 0 to 3.').max(3, 'partial_images must be 0 to 3.')),
  background: optional(z.string()),
  moderation: optional(z.string()),
  style: optional(z.string({ message: 'style must be a string: a style slug such as "neon".' }).max(100)),
  negative_prompt: optional(z.string()),
  steps: optional(z.number({ message: 'steps must be a number.' })),
  guidance_scale: optional(z.number({ message: 'guidance_scale must be a number.' })),
  seed: optional(z.number({ message: 'seed must be a number.' })),
  sampler: optional(z.string()),
});

/** A parsed request with its nulls dropped: every optional field is a value or absent. */
export type ImagesGenerationRequest = { [K in keyof z.infer<typeof imagesGenerationRequestSchema>]: Exclude<z.infer<typeof imagesGenerationRequestSchema>[K], null> };

/** OpenAI's usage block; Kumori counts a credit as a token (images-answer.ts usageOf). */
const usageSchema = z.object({
  input_tokens: z.number().int(),
  input_tokens_details: z.object({ image_tokens: z.number().int(), text_tokens: z.number().int() }),
  output_tokens: z.number().int(),
  output_tokens_details: z.object({ image_tokens: z.number().int(), text_tokens: z.number().int() }),
  total_tokens: z.number().int(),
});

/** The answer of `POST /v1/images/generations`, as OpenAI's ImagesResponse; the OpenAPI document shows it. */
export const imagesResponseSchema = z.object({
  created: z.number().int().meta({ description: 'When the generation was created, in Unix seconds.' }),
  data: z.array(
    z.object({
      b64_json: z.string().optional().meta({ description: 'With response_format b64_json: the image in output_format.' }),
      url: z.string().optional().meta({ description: 'With response_format url: a signed link, valid 60 minutes.' }),
      revised_prompt: z.string(),
    }),
  ),
  output_format: z.enum(OPENAI_OUTPUT_FORMATS),
  size: z.string().meta({ description: 'WIDTHxHEIGHT.' }),
  usage: usageSchema,
});

/** The answer of `GET /v1/models`, in OpenAI's list shape. */
export const modelListSchema = z.object({
  object: z.literal('list'),
  data: z.array(z.object({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })),
});
