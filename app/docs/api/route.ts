import { referencePageResponse } from '@/server/api/openapi/reference-page';

export const dynamic = 'force-dynamic';

/** The API reference, rendered in the browser from /api/v1/openapi.json. */
export function GET() {
  return referencePageResponse();
}
