import { httpStatusOf, type ErrorCode } from '../../../domain/error-codes';
import { fail } from '../../../domain/result';
import { openAiErrorBody } from '../openai-errors';
import { API_DESCRIPTION, HEADERS, PARAMETERS, SECURITY_SCHEMES, TAGS } from './components';
import { apiErrorSchema, openAiErrorSchema } from './error-schemas';
import { jsonSchemaOf, type JsonSchema } from './json-schema';
import { OPERATIONS, type Operation } from './operations';

export const OPENAPI_VERSION = '3.1.0';

const ref = (kind: 'schemas' | 'headers' | 'parameters', name: string) => ({ $ref: `#/components/${kind}/${name}` });

// The OpenAI-compatible routes keep OpenAI's ways: their SDKs' own retries attach to the first attempt.
const isIdempotent = (op: Operation) => op.method === 'post' && !op.openAiErrors;

/** The refusals any call can meet before its own work: who is calling, what the key may do, how often. */
function commonErrors(op: Operation): ErrorCode[] {
  const codes: ErrorCode[] = [];
  if (op.scope !== null) codes.push('unauthenticated', 'forbidden', 'rate_limited');
  // A JSON body is read within a cap and must parse; any POST's Idempotency-Key may be unusable,
  // used with another body, or still in flight.
  if (op.request?.contentType === 'application/json') codes.push('malformed', 'too_large');
  if (isIdempotent(op)) codes.push('invalid', 'idempotency_mismatch', 'exists');
  return codes;
}

function errorResponses(op: Operation) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...commonErrors(op), ...op.errors])) {
    const status = op.openAiErrors ? openAiErrorBody(fail(code, '')).status : httpStatusOf(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const schema = ref('schemas', op.openAiErrors ? 'OpenAiError' : 'Error');
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, codes]) => [
        String(status),
        {
          description: `Refused: ${codes.map((c) => `\`${c}\``).join(', ')}.`,
          ...(status === 429 ? { headers: { RateLimit: ref('headers', 'RateLimit'), 'RateLimit-Policy': ref('headers', 'RateLimit-Policy'), 'Retry-After': ref('headers', 'Retry-After') } } : {}),
          content: { 'application/json': { schema } },
        },
      ]),
  );
}

function successResponse(op: Operation) {
  const { response } = op;
  const headers: Record<string, unknown> = {};
  if (op.scope !== null) {
    headers.RateLimit = ref('headers', 'RateLimit');
    headers['RateLimit-Policy'] = ref('headers', 'RateLimit-Policy');
    if (!op.openAiErrors) headers['Kumori-Credits-Remaining'] = ref('headers', 'Kumori-Credits-Remaining');
  }
  if (response.location) headers.Location = ref('headers', 'Location');
  if (isIdempotent(op)) headers['Idempotent-Replayed'] = ref('headers', 'Idempotent-Replayed');
  return {
    description: response.description,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    content: { [response.contentType ?? 'application/json']: { schema: ref('schemas', response.name) } },
  };
}

function parametersOf(op: Operation) {
  const path = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  }));
  const query = Object.entries(op.query?.shape ?? {}).map(([name, schema]) => ({
    name,
    in: 'query',
    required: !schema.safeParse(undefined).success,
    schema: jsonSchemaOf(schema, 'input'),
  }));
  const headers = isIdempotent(op) ? [ref('parameters', 'IdempotencyKey')] : [];
  return [...path, ...query, ...headers];
}

function operationObject(op: Operation) {
  const scopeLine = op.scope === null ? 'No authentication.' : `Scope: \`${op.scope}\`.`;
  return {
    operationId: op.operationId,
    summary: op.summary,
    description: [op.description, scopeLine].filter(Boolean).join('\n\n'),
    tags: [op.tag],
    security: op.scope === null ? [] : [{ apiKey: [op.scope] }, { session: [] }],
    parameters: parametersOf(op),
    ...(op.request
      ? { requestBody: { required: true, content: { [op.request.contentType]: { schema: ref('schemas', op.request.name) } } } }
      : {}),
    responses: { [String(op.response.status)]: successResponse(op), ...errorResponses(op) },
  };
}

/** The OpenAPI 3.1 document of the operations listed in operations.ts, every schema generated from zod. */
export function buildOpenApiDocument(operations: Operation[] = OPERATIONS) {
  const schemas: Record<string, JsonSchema> = {};
  const named = new Map<string, unknown>();
  const put = (name: string, schema: Operation['response']['schema'], io: 'input' | 'output') => {
    // One name, one schema: a second schema under a taken name would silently replace the first.
    if (named.has(name) && named.get(name) !== schema) throw new Error(`Two different schemas are named ${name}.`);
    named.set(name, schema);
    schemas[name] = jsonSchemaOf(schema, io);
  };
  put('Error', apiErrorSchema, 'output');
  put('OpenAiError', openAiErrorSchema, 'output');
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    if (op.request) put(op.request.name, op.request.schema, 'input');
    put(op.response.name, op.response.schema, 'output');
    paths[op.path] = { ...paths[op.path], [op.method]: operationObject(op) };
  }
  return {
    openapi: OPENAPI_VERSION,
    info: { title: 'Kumori API', version: '1', description: API_DESCRIPTION },
    tags: TAGS.filter((t) => operations.some((op) => op.tag === t.name)),
    paths,
    components: { schemas, securitySchemes: SECURITY_SCHEMES, headers: HEADERS, parameters: PARAMETERS },
  };
}
