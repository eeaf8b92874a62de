import { NextResponse } from 'next/server';
import { everyMethod } from '@/server/http/unknown-route';

export const dynamic = 'force-dynamic';

/** Any /api path no other route claims (more specific routes always win): API clients get JSON, not the HTML not-found page. */
export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = everyMethod((req) =>
  NextResponse.json({ error: `No API route at ${new URL(req.url).pathname}.` }, { status: 404 }),
);
