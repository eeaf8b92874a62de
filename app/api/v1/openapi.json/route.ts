import { buildOpenApiDocument } from '@/server/api/openapi/build-document';

// Built from the zod schemas when the process starts; the document changes only with the code.
const document = buildOpenApiDocument();

/** The API's OpenAPI 3.1 document, public like any API reference; /docs/api renders it. */
export function GET() {
  return Response.json(document, { headers: { 'Cache-Control': 'public, max-age=300' } });
}
