import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { encode } from 'next-auth/jwt';
import NextAuth from 'next-auth';
import { eq } from 'drizzle-orm';
import { setupTestEnv } from '../testing/test-env';
import { userSessions } from '../db/account-schema';
import { users } from '../db/schema';
import { CLIENT_ADDRESS_HEADER } from '../http/client-address';
import { isFailure } from '../../domain/result';

// next-auth's own request handler (sign-in, session, sign-out) over real Postgres; the app's
// session checks (pages, userRoute, userAction) read the same cookie jar a browser would send.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let options: typeof import('./options').authOptions;
let session: typeof import('./session');
let sessions: typeof import('./sessions');
let signUp: typeof import('./users').signUp;
let suspendUser: typeof import('../admin/user-changes').suspendUser;
let userAction: typeof import('./action').userAction;

/** The cookies of the request being handled, as next/headers hands them to the app. */
let requestCookies: Record<string, string> = {};
vi.mock('next/headers', () => ({
  cookies: async () => ({ getAll: () => Object.entries(requestCookies).map(([name, value]) => ({ name, value })) }),
}));

const BASE = 'http://localhost:3000';
const COOKIE = 'next-auth.session-token';

beforeAll(async () => {
  t = await setupTestEnv();
  process.env.NEXTAUTH_URL = BASE;
  ({ authOptions: options } = await import('./options'));
  session = await import('./session');
  sessions = await import('./sessions');
  ({ signUp } = await import('./users'));
  ({ suspendUser } = await import('../admin/user-changes'));
  ({ GET: me } = await import('../../app/api/me/route'));
  ({ userAction } = await import('./action'));
  rename = userAction(z.object({ name: z.string() }), async ({ name }) => ({ ok: true as const, message: `Renamed to ${name}` }));
});
afterAll(async () => t?.teardown());

/** A browser: its cookie jar, and next-auth's endpoints called the way next-auth/react calls them. */
class Browser {
  jar: Record<string, string> = {};
  constructor(private readonly userAgent = 'Vitest Browser') {}

  /** next-auth's handler as the Pages router calls it (the App Router's wrapper adds only next/headers). */
  async auth(path: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const [action, providerId] = path.split('/');
    const headers = { cookie: Object.entries(this.jar).map(([k, v]) => `${k}=${v}`).join('; '), host: 'localhost:3000', 'user-agent': this.userAgent, [CLIENT_ADDRESS_HEADER]: '203.0.113.7' };
    const out: { status: number; body?: unknown; headers: Record<string, string | string[]> } = { status: 200, headers: {} };
    const res = {
      status: (code: number) => ((out.status = code), res),
      getHeader: (k: string) => out.headers[k],
      setHeader: (k: string, v: string | string[]) => ((out.headers[k] = v), res),
      json: (body: unknown) => void (out.body = body),
      send: (body: unknown) => void (out.body = body),
      end: () => {},
    };
    const req = { method: init.method ?? 'GET', headers, cookies: { ...this.jar }, body: init.form ?? {}, query: { nextauth: providerId ? [action, providerId] : [action] } };
    await NextAuth(req as never, res as never, options());
    for (const line of [out.headers['Set-Cookie'] ?? []].flat()) {
      const [pair, ...attributes] = line.split('; ');
      const name = pair.slice(0, pair.indexOf('='));
      const value = decodeURIComponent(pair.slice(pair.indexOf('=') + 1));
      if (!value || attributes.some((a) => /^max-age=0$/i.test(a))) delete this.jar[name];
      else this.jar[name] = value;
    }
    return out;
  }

  async csrf(): Promise<string> {
    return ((await this.auth('csrf')).body as { csrfToken: string }).csrfToken;
  }

  async signIn(email: string, password = 'password123') {
    const res = await this.auth('callback/credentials', { method: 'POST', form: { email, password, csrfToken: await this.csrf(), json: 'true' } });
    expect(this.jar[COOKIE], `signed in as ${email}: ${JSON.stringify(res.body)}`).toBeTruthy();
    return this;
  }

  async signOut() {
    await this.auth('signout', { method: 'POST', form: { csrfToken: await this.csrf(), json: 'true' } });
  }

  /** Runs `fn` as a request from this browser (the app reads cookies through next/headers). */
  async as<T>(fn: () => Promise<T>, cookies = this.jar): Promise<T> {
    requestCookies = { ...cookies };
    try {
      return await fn();
    } finally {
      requestCookies = {};
    }
  }
}

let me: (req: Request, ctx: unknown) => Promise<Response>;
let rename: ReturnType<typeof userAction<z.ZodObject<{ name: z.ZodString }>, object>>;

/** What each entry point makes of the request: the page's user, the API route's status, the action's outcome. */
async function seenBy(cookies: Record<string, string>, browser: Browser) {
  return browser.as(async () => {
    const user = await session.currentUser();
    const route = (await me(new Request(`${BASE}/api/me`), {})).status;
    const action = await rename({ name: 'x' });
    return { user: user?.email ?? null, route, action: !action || isFailure(action) ? action?.error.code : 'ok' };
  }, cookies);
}

async function newAccount(email = `u-${randomUUID().slice(0, 8)}@example.com`) {
  const made = await signUp({ email, password: 'password123' });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

describe('server-side sessions', () => {
  it('a sign-in starts a session row that records where it came from', async () => {
    const user = await newAccount();
    const b = await new Browser('Firefox 140').signIn(user.email);
    const sid = await b.as(() => session.currentSessionId());
    const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, sid!));
    expect(row).toMatchObject({ userId: user.id, userAgent: 'Firefox 140', clientAddress: '203.0.113.7', revokedAt: null });
  });

  it('signing out ends the session: the old cookie is refused by pages, routes, actions and /api/auth/session', async () => {
    const user = await newAccount();
    const b = await new Browser().signIn(user.email);
    const oldCookies = { ...b.jar };
    expect(await seenBy(oldCookies, b)).toEqual({ user: user.email, route: 200, action: 'ok' });
    expect((await b.auth('session')).body).toMatchObject({ user: { email: user.email, id: user.id } });

    await b.signOut();
    expect(b.jar[COOKIE]).toBeUndefined();

    // Someone who copied the cookie before sign-out (or the browser that kept it) gets nowhere.
    expect(await seenBy(oldCookies, b)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
    const replay = new Browser();
    replay.jar = { ...oldCookies };
    expect((await replay.auth('session')).body).toEqual({});
    expect(await seenBy(replay.jar, replay)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
  });

  it('refuses a token with no live session: minted before sessions existed, unknown, or another user\'s', async () => {
    const user = await newAccount();
    const other = await newAccount();
    const b = new Browser();
    const otherSid = await sessions.createSession(other.id);
    const secret = process.env.AUTH_SECRET!;
    for (const token of [{ sub: user.id }, { sub: user.id, sid: randomUUID() }, { sub: user.id, sid: otherSid }]) {
      expect(await seenBy({ [COOKIE]: await encode({ token, secret }) }, b)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
    }
    // The same minting with a live session of the user's own is accepted (the test is not refusing everything).
    const sid = await sessions.createSession(user.id);
    expect(await seenBy({ [COOKIE]: await encode({ token: { sub: user.id, role: 'user' as const, sid }, secret }) }, b)).toEqual({ user: user.email, route: 200, action: 'ok' });
  });

  it('ending the other sessions (a password change) keeps the session that asked', async () => {
    const user = await newAccount();
    const [here, laptop, phone] = await Promise.all([new Browser().signIn(user.email), new Browser().signIn(user.email), new Browser().signIn(user.email)]);
    const ended = await here.as(async () => sessions.revokeUserSessions(user.id, { except: await session.currentSessionId() }));
    expect(ended).toBe(2);
    expect(await seenBy(here.jar, here)).toEqual({ user: user.email, route: 200, action: 'ok' });
    expect(await seenBy(laptop.jar, laptop)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
    expect(await seenBy(phone.jar, phone)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
    // A visitor has no session to keep: everything ends.
    expect(await new Browser().as(async () => sessions.revokeUserSessions(user.id, { except: await session.currentSessionId() }))).toBe(1);
    expect(await seenBy(here.jar, here)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
  });

  it('a suspension ends the account\'s sessions; the user may sign in again, to read', async () => {
    const admin = await newAccount();
    await t.db.update(users).set({ role: 'admin' }).where(eq(users.id, admin.id));
    const user = await newAccount();
    const bystander = await newAccount();
    const b = await new Browser().signIn(user.email);
    const other = await new Browser().signIn(bystander.email);

    expect(await suspendUser({ id: admin.id, email: admin.email }, { userId: user.id, reason: 'spam bursts' })).toMatchObject({ ok: true });
    expect(await seenBy(b.jar, b)).toEqual({ user: null, route: 401, action: 'unauthenticated' });
    expect(await seenBy(other.jar, other)).toEqual({ user: bystander.email, route: 200, action: 'ok' });

    const again = await new Browser().signIn(user.email);
    expect(await seenBy(again.jar, again)).toEqual({ user: user.email, route: 200, action: 'ok' });
    // Suspending an already suspended account changes nothing, so it leaves the new session alone.
    expect(await suspendUser({ id: admin.id, email: admin.email }, { userId: user.id, reason: 'spam again' })).toMatchObject({ ok: false, error: { code: 'unchanged' } });
    expect(await seenBy(again.jar, again)).toEqual({ user: user.email, route: 200, action: 'ok' });
  });
});
