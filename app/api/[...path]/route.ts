import { NextResponse } from 'next/server';

export const dynamic = 'force-dynamic';

/**
 * Any /api path no other route claims (more specific routes always win): API clients get JSON,
 * not the HTML not-found page. Every method is exported, or Next would answer 405 (or, for
 * OPTIONS, 204) to a path that does not exist.
 */
function unknownPath(req: Request): Response {
  return NextResponse.json({ error: `No API route at ${new URL(req.url).pathname}.` }, { status: 404 });
}

export const GET = unknownPath;
export const HEAD = unknownPath;
export const POST = unknownPath;
export const PUT = unknownPath;
export const PATCH = unknownPath;
export const DELETE = unknownPath;
export const OPTIONS = unknownPath;
