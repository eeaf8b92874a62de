import 'server-only';
import { env } from '../env';

/**
 * The origins (scheme, host and port) whose pages may open a Socket.IO connection: PUBLIC_URL
 * (default http://localhost:$PORT) and each ALLOWED_ORIGINS entry. A malformed entry stops the
 * web process at start rather than being skipped.
 */
export function allowedOrigins(): Set<string> {
  const { PUBLIC_URL, PORT, ALLOWED_ORIGINS } = env();
  const entries = [PUBLIC_URL ?? `http://localhost:${PORT}`, ...ALLOWED_ORIGINS.split(',')].map((e) => e.trim()).filter(Boolean);
  return new Set(
    entries.map((entry) => {
      const origin = originOf(entry);
      if (!origin) throw new Error(`ALLOWED_ORIGINS: "${entry}" is not an http(s) origin such as https://studio.example.com`);
      return origin;
    }),
  );
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Browsers send Origin on every WebSocket handshake and cross-origin request, so a foreign page is
 * always refused. A request without one is a same-origin polling GET or a client that is not a
 * browser (which has to hold the session cookie itself); those are let through.
 */
export function isOriginAllowed(origin: string | undefined, allowed: Set<string>): boolean {
  if (origin === undefined) return true;
  const normalized = originOf(origin);
  return normalized !== null && allowed.has(normalized);
}
