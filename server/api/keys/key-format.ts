import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys look like GitHub's tokens: a fixed prefix, a random body and a CRC32 checksum of the
 * body, so a secret scanner can recognise a leaked Kumori key offline, and a typo'd or truncated
 * key is refused before any database lookup. Only the SHA-256 hash is ever stored.
 */
export const API_KEY_PREFIX = 'kmr_';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const SECRET_BYTES = 32;
// 62^43 > 2^256 and 62^6 > 2^32: the shortest fixed widths that hold every value.
const BODY_LENGTH = 43;
const CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + BODY_LENGTH + CHECKSUM_LENGTH;

const WELL_FORMED = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH + CHECKSUM_LENGTH}}$`);

export type GeneratedApiKey = {
  /** Shown to the user once, never stored. */
  key: string;
  /** What the key list shows, e.g. `kmr_AbC1…`. */
  prefix: string;
  /** SHA-256 hex of the key: the only form kept in the database. */
  hash: string;
};

export function generateApiKey(random: (size: number) => Uint8Array = randomBytes): GeneratedApiKey {
  const body = toBase62(bytesToBigInt(random(SECRET_BYTES)), BODY_LENGTH);
  const key = `${API_KEY_PREFIX}${body}${checksumOf(body)}`;
  return { key, prefix: displayPrefix(key), hash: hashApiKey(key) };
}

export function isWellFormedApiKey(s: string): boolean {
  if (!WELL_FORMED.test(s)) return false;
  const body = s.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + BODY_LENGTH);
  return s.slice(API_KEY_PREFIX.length + BODY_LENGTH) === checksumOf(body);
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function displayPrefix(key: string): string {
  return `${API_KEY_PREFIX}${key.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 4)}…`;
}

function checksumOf(body: string): string {
  return toBase62(BigInt(crc32(Buffer.from(body, 'ascii'))), CHECKSUM_LENGTH);
}

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

// Left-padded with '0' so every key has the same length whatever its leading bytes are.
function toBase62(n: bigint, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, i) => {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

// zlib.crc32 only exists from Node 22.2; this is the same IEEE polynomial.
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
