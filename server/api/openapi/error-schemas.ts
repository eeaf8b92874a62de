import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../domain/error-codes';
import type { ApiErrorBody } from '../errors';
import type { OpenAiErrorBody } from '../openai-errors';

const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** Every /api/v1 failure (server/api/errors.ts); the status always follows from the code. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string().meta({ description: 'A sentence a person can read.' }),
    param: z.string().optional().meta({ description: 'The field or header to fix first, when one is the cause.' }),
  }),
});

/** Failures of the OpenAI-compatible /v1 routes, in the shape OpenAI's SDKs read (server/api/openai-errors.ts). */
export const openAiErrorSchema = z.object({
  error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string().nullable() }),
});

// The bodies are typed where they are built; these make tsc fail when a schema and its type part ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameApiError: Same<z.infer<typeof apiErrorSchema>, ApiErrorBody> = true;
const sameOpenAiError: Same<z.infer<typeof openAiErrorSchema>, OpenAiErrorBody> = true;
void sameApiError;
void sameOpenAiError;
