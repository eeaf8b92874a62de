import type { z } from 'zod';
import type { ErrorCode } from '../../../domain/error-codes';
import type { ApiScope } from '../authenticate';

/** A schema with the name it has under components.schemas. */
export type Named = { name: string; schema: z.ZodType };

export type Operation = {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** An OpenAPI path template, `{id}` for a path parameter. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The API key scope it needs; null: anyone may call it. */
  scope: ApiScope | null;
  /** The schema the route itself validates the body with. */
  request?: Named & { contentType: 'application/json' | 'multipart/form-data' };
  query?: z.ZodObject;
  response: Named & { status: number; description: string; contentType?: string; location?: boolean };
  /** Refusals particular to this operation; build-document adds those every call can meet. */
  errors: ErrorCode[];
  /** Failures in OpenAI's shape (the OpenAI-compatible routes) instead of Kumori's. */
  openAiErrors?: boolean;
};

export const named = <S extends z.ZodType>(name: string, schema: S) => ({ name, schema });

