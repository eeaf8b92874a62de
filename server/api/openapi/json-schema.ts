import { z } from 'zod';

export type JsonSchema = { [key: string]: unknown };

/**
 * A zod schema as the JSON Schema 2020-12 that OpenAPI 3.1 takes as is: requests as the route
 * accepts them (`input`: before defaults and coercion), answers as they are sent (`output`).
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // `unrepresentable: 'any'`: a preprocess step (decimal strings for numbers) has no JSON Schema;
  // its target schema, which is what a client should send, is still described.
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
  delete json.$schema;
  return tidy(json, io) as JsonSchema;
}

const SAFE = Number.MAX_SAFE_INTEGER;
const FORMATS_WITH_PATTERN = new Set(['date-time', 'uuid', 'email', 'uri']);

function tidy(node: unknown, io: 'input' | 'output'): unknown {
  if (Array.isArray(node)) return node.map((n) => tidy(n, io));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) out[key] = tidy(value, io);
  // Answers may gain fields in later versions; a client validating with the document should not break then.
  if (io === 'output' && out.additionalProperties === false) delete out.additionalProperties;
  // zod spells out the regex behind a format, and the safe-integer range of every int; the format and
  // `integer` say the same to a reader, in a word.
  if (typeof out.format === 'string' && FORMATS_WITH_PATTERN.has(out.format)) delete out.pattern;
  if (out.minimum === -SAFE) delete out.minimum;
  if (out.maximum === SAFE) delete out.maximum;
  return out;
}
