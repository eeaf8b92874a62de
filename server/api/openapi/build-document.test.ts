import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { LIMITS } from '../../../domain/generation-params';
import { buildOpenApiDocument } from './build-document';
import { OPERATIONS, type Operation } from './operations';

type Doc = ReturnType<typeof buildOpenApiDocument>;
type AnyRecord = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function validate(doc: unknown) {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(doc) as Record<string, unknown>);
  return { ...result, validator };
}

const operation = (doc: Doc, method: string, path: string) => (doc.paths[path] as AnyRecord)[method] as AnyRecord;

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument();

  it('is valid OpenAPI 3.1 and every $ref resolves', async () => {
    const { valid, errors, validator } = await validate(doc);
    expect(errors).toBeUndefined();
    expect(valid).toBe(true);
    expect(validator.version).toBe('3.1');
    expect(() => validator.resolveRefs()).not.toThrow();
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const r of refs) {
      const [, kind, name] = /#\/components\/(\w+)\/(.+)"$/.exec(r) ?? [];
      expect((doc.components as AnyRecord)[kind]?.[name], r).toBeDefined();
    }
  });

  it('is refused by the validator when broken, so the check above can fail', async () => {
    const broken = structuredClone(doc) as AnyRecord;
    delete broken.paths['/api/v1/me'].get.responses['200'].description;
    expect((await validate(broken)).valid).toBe(false);
  });

  it('describes the generation request with the very schema the route validates', () => {
    const body = (doc.components.schemas.GenerationInput as AnyRecord);
    expect(body.required).toEqual(['prompt']);
    expect(body.properties.steps).toMatchObject({ type: 'integer', minimum: LIMITS.stepsMin, maximum: LIMITS.stepsMax });
    expect(body.properties.sampler.enum).toContain('ddim');
    const op = operation(doc, 'post', '/api/v1/generations');
    expect(op.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/GenerationInput' });
    expect(op.security).toEqual([{ apiKey: ['generate'] }, { session: [] }]);
  });

  it('maps each refusal to the status the API answers it with, with the rate-limit headers on 429', () => {
    const op = operation(doc, 'post', '/api/v1/generations');
    expect(op.responses['202'].headers.Location).toEqual({ $ref: '#/components/headers/Location' });
    expect(op.responses['402'].description).toContain('`insufficient_credits`');
    expect(op.responses['409'].description).toContain('`idempotency_mismatch`');
    expect(op.responses['422'].description).toContain('`prompt_blocked`');
    expect(Object.keys(op.responses['429'].headers)).toEqual(['RateLimit', 'RateLimit-Policy', 'Retry-After']);
    expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });

    const upload = operation(doc, 'post', '/api/v1/uploads');
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
    expect(upload.responses['415'].description).toContain('`not_an_image`');
    expect(upload.responses['413'].description).toContain('`too_large`');

    const openAi = operation(doc, 'post', '/v1/images/generations');
    // OpenAI's SDKs pick the exception by status: a blocked prompt is their 400, not Kumori's 422.
    expect(openAi.responses['400'].description).toContain('`prompt_blocked`');
    expect(openAi.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/OpenAiError' });
  });

  it('documents paging as query parameters and ids as path parameters', () => {
    const list = operation(doc, 'get', '/api/v1/images');
    expect(list.parameters.slice(0, 2)).toEqual([
      { name: 'cursor', in: 'query', required: false, schema: { type: 'string', maxLength: 200 } },
      { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
    ]);
    // The gallery's search and filters follow the paging parameters.
    expect(list.parameters.map((p: { name: string }) => p.name).slice(2)).toEqual(['q', 'favourite', 'model', 'sampler', 'style', 'size', 'from', 'to', 'order']);
    expect(Object.keys(operation(doc, 'patch', '/api/v1/images/{id}').requestBody.content)).toEqual(['application/json']);
    expect(operation(doc, 'delete', '/api/v1/images/{id}').parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ]);
    expect(operation(doc, 'get', '/api/v1/openapi.json').security).toEqual([]);
  });

  it('refuses two different schemas under one name', () => {
    const [first] = OPERATIONS;
    const clash: Operation = { ...first, path: '/api/v1/clash', response: { ...first.response, schema: z.object({ other: z.string() }) } };
    expect(() => buildOpenApiDocument([first, clash])).toThrow(/GenerationCreated/);
  });
});
