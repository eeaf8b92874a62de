/** What every reader should know before the operations; Scalar shows it as the introduction. */
export const API_DESCRIPTION = `Kumori's REST API. Create a key under Settings → API keys and send it as \`Authorization: Bearer kmr_…\`; a key acts as you, limited to its scopes (\`generate\`, \`read\`, \`webhooks\`). The browser's session cookie works too, with every scope.

**Errors** are always \`{"error": {"code", "message", "param"?}}\`; the status follows from the code, and \`param\` names the field or header to fix. The OpenAI-compatible \`/v1\` routes answer in OpenAI's error shape instead.

**Idempotency.** Every POST takes an \`Idempotency-Key\`: for 24 hours the same key with the same body (for an upload, the same file) answers what the first request answered, with \`Idempotent-Replayed: true\`, and does the work once; the same key with another body is refused with 409 \`idempotency_mismatch\`.

**Rate limits** are per minute, by plan, per user and per key; every answer says where you stand in \`RateLimit\` and \`RateLimit-Policy\`, and a 429 says when to retry in \`Retry-After\`.

**Paging.** Lists are newest first; pass \`nextCursor\` back as \`cursor\` until it is null.`;

export const TAGS = [
  { name: 'Generations', description: 'Queue text-to-image and image-to-image work, follow it, cancel it.' },
  { name: 'Images', description: 'Your finished images; URLs are signed and expire.' },
  { name: 'Uploads', description: 'Init images for image-to-image.' },
  { name: 'Account', description: 'Balance, plan, limits and the installed models.' },
  { name: 'Webhooks', description: 'Signed notifications when a generation ends.' },
  { name: 'OpenAI compatible', description: 'The OpenAI Images API, for its SDKs.' },
  { name: 'Meta', description: 'This document.' },
];

export const SECURITY_SCHEMES = {
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'kmr_…',
    description: 'An API key: `kmr_` followed by 49 characters. Each operation names the scope it needs.',
  },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'next-auth.session-token',
    description: 'The signed-in browser session (`__Secure-next-auth.session-token` over HTTPS); it has every scope.',
  },
};

const integer = { type: 'integer', minimum: 0 };
const text = { type: 'string' };

export const HEADERS = {
  RateLimit: {
    description: 'What is left of each policy: `"requests";r=57;t=42` (remaining, seconds to reset).',
    schema: text,
  },
  'RateLimit-Policy': {
    description: 'The policies that apply: `"requests";q=60;w=60` (quota per window of seconds), per user and per key.',
    schema: text,
  },
  'Retry-After': { description: 'Seconds to wait before retrying.', schema: integer },
  'Kumori-Credits-Remaining': { description: 'Your balance in credits, after this request.', schema: integer },
  Location: { description: 'Where to follow what was created.', schema: text },
  'Idempotent-Replayed': {
    description: '`true` when this is the stored answer to an earlier request with the same Idempotency-Key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

export const PARAMETERS = {
  IdempotencyKey: {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description: 'Any unique string (a UUID will do); a retry with the same key and body is answered once, without doing the work twice.',
    // As idempotencyKeyOf (server/api/idempotency.ts) accepts it: 1 to 255 printable ASCII characters.
    schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
  },
};
