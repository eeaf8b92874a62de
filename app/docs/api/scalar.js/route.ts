import { scalarBundleResponse } from '@/server/api/openapi/scalar-bundle';

export const dynamic = 'force-dynamic';

/** The reference UI's script, from the installed package (see scalar-bundle.ts). */
export function GET(req: Request) {
  return scalarBundleResponse(new URL(req.url).searchParams.get('v'));
}
