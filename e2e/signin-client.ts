import fs from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';

/**
 * A client of the real e2e app from a chosen loopback address (127.0.0.2, 127.0.0.3, …: the
 * socket's local address is bound, so the server sees that address), speaking next-auth's
 * credentials sign-in as the browser's `signIn('credentials')` does, and calling the sign-up
 * server action as React's client does. Headers a client could forge are passed as given.
 */
export const E2E_ORIGIN = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
const ROOT = path.resolve(__dirname, '..');

type Reply = { status: number; headers: IncomingHttpHeaders; body: string };

export function send(from: string, method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(url, E2E_ORIGIN);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname + target.search,
        method,
        localAddress: from,
        agent: false, // a fresh connection per request, from `from`
        headers: { ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const cookiesOf = (reply: Reply) => (reply.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);

/** What a client claims about itself: X-Forwarded-For, and the app's own client-address header. */
export type Forged = { forwardedFor?: string; clientAddressHeader?: string };

function forgedHeaders(forged: Forged = {}): Record<string, string> {
  return {
    ...(forged.forwardedFor ? { 'x-forwarded-for': forged.forwardedFor, 'x-real-ip': forged.forwardedFor } : {}),
    ...(forged.clientAddressHeader ? { 'x-kumori-client-address': forged.clientAddressHeader } : {}),
  };
}

/** 'in' when next-auth set a session cookie, else the message it passed to the form as `error`. */
export type SignInOutcome = 'in' | string;

/**
 * Fetches the CSRF token (GET /api/auth/csrf) and returns the sign-in POST ready to fire, so a
 * burst of them can go out together.
 */
export async function prepareSignIn(from: string, email: string, password: string, forged?: Forged): Promise<() => Promise<SignInOutcome>> {
  const csrf = await send(from, 'GET', '/api/auth/csrf', forgedHeaders(forged));
  if (csrf.status !== 200) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: `${E2E_ORIGIN}/generate` }).toString();
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    cookie: cookiesOf(csrf).join('; '),
    ...forgedHeaders(forged),
  };
  return async () => {
    const reply = await send(from, 'POST', '/api/auth/callback/credentials', headers, form);
    const { url } = JSON.parse(reply.body) as { url: string };
    const error = new URL(url, E2E_ORIGIN).searchParams.get('error');
    if (error) return error;
    const session = cookiesOf(reply).some((c) => /^(__Secure-)?next-auth\.session-token=./.test(c));
    if (reply.status === 200 && session) return 'in';
    throw new Error(`unexpected sign-in reply ${reply.status}: ${reply.body}`);
  };
}

export async function signIn(from: string, email: string, password: string, forged?: Forged): Promise<SignInOutcome> {
  return (await prepareSignIn(from, email, password, forged))();
}

/** Creates an account through the real sign-up server action (app/signup/actions.ts), sent from `from`. */
export async function createAccount(from: string, email: string, password: string): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, '.next/server/server-reference-manifest.json'), 'utf8'));
  const entry = Object.entries(manifest.node as Record<string, { filename: string; exportedName: string }>).find(
    ([, a]) => a.filename === 'app/signup/actions.ts' && a.exportedName === 'signUpAction',
  );
  if (!entry) throw new Error('signUpAction is not in the build’s server action manifest');
  const { encodeReply } = (await import('next/dist/compiled/react-server-dom-webpack/client.node.js' as string)) as {
    encodeReply: (args: unknown[]) => Promise<FormData | string>;
  };
  const body = await encodeReply([{ email, password }]);
  if (typeof body !== 'string') throw new Error('expected a plain-text action body');
  const reply = await send(
    from,
    'POST',
    '/signup',
    { 'next-action': entry[0], accept: 'text/x-component', 'content-type': 'text/plain;charset=UTF-8', origin: E2E_ORIGIN },
    body,
  );
  if (reply.status !== 200 || !/"ok":true/.test(reply.body)) throw new Error(`sign-up of ${email} from ${from} failed (${reply.status}): ${reply.body.slice(0, 400)}`);
}
