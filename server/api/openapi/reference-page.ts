import { randomBytes } from 'node:crypto';
import { SCALAR_SCRIPT_PATH, scalarVersion } from './scalar-bundle';

export const OPENAPI_DOCUMENT_PATH = '/api/v1/openapi.json';

// Everything from this origin, nothing from anywhere else: Scalar's fonts, its request proxy and its
// telemetry are turned off below, and a request to another host would be refused. Its styles are
// injected as <style> elements at run time, hence 'unsafe-inline' for styles (never for scripts).
const policy = (nonce: string) =>
  [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');

const configuration = {
  url: OPENAPI_DOCUMENT_PATH,
  withDefaultFonts: false,
  telemetry: false,
  // Same-origin requests from "Test request" need no proxy; the default one is a third party.
  proxyUrl: '',
  agent: { disabled: true },
  mcp: { disabled: true },
  hideClientButton: true,
  // Scalar shows its own toolbar (share, deploy, SDKs on scalar.com) when served from localhost.
  showDeveloperTools: 'never',
  persistAuth: false,
};

/** /docs/api: the reference page, with its own Content-Security-Policy (a fresh nonce per answer). */
export function referencePageResponse(): Response {
  const nonce = randomBytes(16).toString('base64');
  // JSON inside a <script>: escape `<` so no value can close the element.
  const config = JSON.stringify(configuration).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference · Kumori</title>
<link rel="icon" href="/icon.svg" type="image/svg+xml">
</head>
<body>
<noscript>The API reference needs JavaScript. The document itself is at <a href="${OPENAPI_DOCUMENT_PATH}">${OPENAPI_DOCUMENT_PATH}</a>.</noscript>
<div id="app"></div>
<script nonce="${nonce}" src="${SCALAR_SCRIPT_PATH}?v=${encodeURIComponent(scalarVersion())}"></script>
<script nonce="${nonce}">Scalar.createApiReference('#app', ${config});</script>
</body>
</html>`;
  return new Response(html, {
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': policy(nonce),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'same-origin',
    },
  });
}
