import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

// The reference UI is the installed @scalar/api-reference's browser bundle, served by the app itself:
// no CDN, so the page works offline and behind a strict Content-Security-Policy. Its package
// exports do not include the file, so it is read by path; `npm start` runs from the repo root.
const PACKAGE_DIR = path.join(process.cwd(), 'node_modules', '@scalar', 'api-reference');
const BUNDLE = path.join(PACKAGE_DIR, 'dist', 'browser', 'standalone.js');

export const SCALAR_SCRIPT_PATH = '/docs/api/scalar.js';

let version: string | undefined;

/** The installed version, which the page puts in the script's URL so a cached copy never outlives an upgrade. */
export function scalarVersion(): string {
  version ??= (JSON.parse(fs.readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}

/** The bundle as a response: cached for good under its versioned URL, revalidated under any other. */
export function scalarBundleResponse(requestedVersion: string | null): Response {
  const stream = Readable.toWeb(fs.createReadStream(BUNDLE)) as ReadableStream<Uint8Array>;
  const cache = requestedVersion === scalarVersion() ? 'public, max-age=31536000, immutable' : 'no-cache';
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': String(fs.statSync(BUNDLE).size),
      'Cache-Control': cache,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
