import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { io as connect, type Socket } from 'socket.io-client';
import IORedis from 'ioredis';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';

// Real Socket.IO server with the Redis adapter, real Redis, events published by the worker-side
// emitter, sessions in a real Postgres: proves each socket hears its own user's events and nobody
// else's, that only our own origins may connect, and that an ended session's socket is closed.
const PUBLIC_URL = 'https://kumori.example';
const ALLOWED_ORIGINS = 'http://localhost:5173, https://studio.example:8443';
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let http: HttpServer;
let close: () => Promise<void>;
let url: string;
let publisher: IORedis;
let UserEventsClass: typeof import('./emitter').UserEvents;
let sessions: typeof import('../auth/sessions');
let suspendUser: typeof import('../admin/user-changes').suspendUser;
const sockets: Socket[] = [];

beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { PUBLIC_URL, ALLOWED_ORIGINS });
  const { attachSocketServer } = await import('./socket-server');
  ({ UserEvents: UserEventsClass } = await import('./emitter'));
  sessions = await import('../auth/sessions');
  ({ suspendUser } = await import('../admin/user-changes'));
  http = createServer();
  ({ close } = attachSocketServer(http));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  publisher = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  // The adapter subscribes asynchronously; a session ended before it listens would go unheard.
  const { socketChannel } = await import('./channel');
  await until('the adapter to listen for requests', async () => {
    const [, listeners] = (await publisher.pubsub('NUMSUB', `${socketChannel()}-request#/#`)) as [string, number];
    return Number(listeners) > 0;
  });
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await close?.();
  await new Promise((r) => http?.close(r));
  await publisher?.quit();
  await t?.teardown();
});

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 5000) {
  for (const deadline = Date.now() + ms; !(await check()); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function newUser() {
  const [u] = await t.db.insert(users).values({ email: `s-${randomUUID().slice(0, 8)}@example.com`, passwordHash: 'x' }).returning();
  return u;
}

/** A browser session: its server-side row and the cookie next-auth would have set for it. */
async function signIn(userId: string) {
  const sid = await sessions.createSession(userId);
  const token = await encode({ token: { sub: userId, role: 'user' as const, sid }, secret: process.env.AUTH_SECRET! });
  return { sid, cookie: `next-auth.session-token=${token}` };
}

function open(cookie?: string, origin?: string): Promise<Socket> {
  const headers: Record<string, string> = {};
  if (cookie) headers.cookie = cookie;
  if (origin) headers.origin = origin;
  const s = connect(url, { transports: ['websocket'], extraHeaders: headers, reconnection: false });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.on('connect', () => resolve(s));
    s.on('connect_error', reject);
  });
}

/** Records why the server closed the socket, if it did. */
function watch(s: Socket) {
  const seen = { reason: null as string | null };
  s.on('disconnect', (reason) => (seen.reason = reason));
  return seen;
}

describe('Socket.IO rooms', () => {
  it('delivers a user\'s events to that user only', async () => {
    const alice = (await newUser()).id;
    const bob = (await newUser()).id;
    const [a, b] = await Promise.all([open((await signIn(alice)).cookie), open((await signIn(bob)).cookie)]);
    const events = new UserEventsClass(publisher);
    // The adapter subscribes to Redis asynchronously; publish until both sockets hear a warm-up.
    const warm = new Set<string>();
    a.on('generation:started', () => warm.add('a'));
    b.on('generation:started', () => warm.add('b'));
    for (const until = Date.now() + 10_000; warm.size < 2 && Date.now() < until; ) {
      events.emit(alice, 'generation:started', { id: 'warm-up', attempt: 0 });
      events.emit(bob, 'generation:started', { id: 'warm-up', attempt: 0 });
      await new Promise((r) => setTimeout(r, 50));
    }
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    a.on('generation:queued', (e) => heardByA.push(e.id));
    b.on('generation:queued', (e) => heardByB.push(e.id));
    events.emit(alice, 'generation:queued', { id: 'for-alice', position: 0 });
    events.emit(bob, 'generation:queued', { id: 'for-bob', position: 0 });
    // Redis delivers in order: once Alice hears this, a leaked 'for-bob' would already be here.
    events.emit(alice, 'generation:queued', { id: 'sentinel', position: 0 });
    const deadline = Date.now() + 5000;
    while ((!heardByA.includes('sentinel') || heardByB.length < 1) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(heardByA).toEqual(['for-alice', 'sentinel']);
    expect(heardByB).toEqual(['for-bob']);
  });

  it('refuses a socket without a valid session', async () => {
    await expect(open()).rejects.toThrow('unauthorized');
    await expect(open('next-auth.session-token=forged')).rejects.toThrow('unauthorized');
    const otherSecret = await encode({ token: { sub: randomUUID() }, secret: 'some-other-secret-entirely' });
    await expect(open(`next-auth.session-token=${otherSecret}`)).rejects.toThrow('unauthorized');
  });

  it('refuses a token without a live session: no session id, an unknown one, or another user\'s', async () => {
    const user = (await newUser()).id;
    const other = await signIn((await newUser()).id);
    const secret = process.env.AUTH_SECRET!;
    for (const token of [{ sub: user }, { sub: user, sid: randomUUID() }, { sub: user, sid: other.sid }]) {
      await expect(open(`next-auth.session-token=${await encode({ token, secret })}`)).rejects.toThrow('unauthorized');
    }
  });
});

describe('ending a session', () => {
  it('disconnects that session\'s socket at once, and the cookie cannot reconnect; the user\'s other sessions stay', async () => {
    const user = (await newUser()).id;
    const [laptop, phone] = [await signIn(user), await signIn(user)];
    const [onLaptop, onPhone] = await Promise.all([open(laptop.cookie), open(phone.cookie)]);
    const [laptopClosed, phoneClosed] = [watch(onLaptop), watch(onPhone)];

    await sessions.revokeSession(laptop.sid);
    await until('the signed-out socket to be closed', () => laptopClosed.reason !== null);
    expect(laptopClosed.reason).toBe('io server disconnect');
    await expect(open(laptop.cookie)).rejects.toThrow('unauthorized');

    // The phone still hears the user's events.
    const heard: string[] = [];
    onPhone.on('generation:queued', (e) => heard.push(e.id));
    new UserEventsClass(publisher).emit(user, 'generation:queued', { id: 'still-here', position: 0 });
    await until('the other session to hear its event', () => heard.length > 0);
    expect(phoneClosed.reason).toBeNull();
    expect(onPhone.connected).toBe(true);
  });

  it('ending the other sessions (a password change) closes their sockets and keeps the one that asked', async () => {
    const user = (await newUser()).id;
    const [here, laptop, phone] = [await signIn(user), await signIn(user), await signIn(user)];
    const [sHere, sLaptop, sPhone] = await Promise.all([open(here.cookie), open(laptop.cookie), open(phone.cookie)]);
    const [hereClosed, laptopClosed, phoneClosed] = [watch(sHere), watch(sLaptop), watch(sPhone)];

    expect(await sessions.revokeUserSessions(user, { except: here.sid })).toBe(2);
    await until('the other sessions\' sockets to be closed', () => laptopClosed.reason !== null && phoneClosed.reason !== null);
    await expect(open(laptop.cookie)).rejects.toThrow('unauthorized');
    await expect(open(phone.cookie)).rejects.toThrow('unauthorized');
    expect(hereClosed.reason).toBeNull();
    expect((await open(here.cookie)).connected).toBe(true);
  });

  it('a suspension closes the account\'s sockets', async () => {
    const [admin] = await t.db.insert(users).values({ email: `a-${randomUUID().slice(0, 8)}@example.com`, passwordHash: 'x', role: 'admin' }).returning();
    const user = await newUser();
    const session = await signIn(user.id);
    const closed = watch(await open(session.cookie));
    expect(await suspendUser({ id: admin.id, email: admin.email }, { userId: user.id, reason: 'spam bursts' })).toMatchObject({ ok: true });
    await until('the suspended account\'s socket to be closed', () => closed.reason !== null);
    await expect(open(session.cookie)).rejects.toThrow('unauthorized');
  });
});

describe('origin check', () => {
  it('refuses a handshake from a foreign origin, even with a valid session', async () => {
    const { cookie } = await signIn((await newUser()).id);
    for (const origin of ['https://evil.example', 'http://kumori.example', 'https://kumori.example:444', 'https://studio.example', 'null']) {
      await expect(open(cookie, origin), origin).rejects.toThrow();
    }
    // The long-polling handshake too, which answers with a plain 403.
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: 'https://evil.example', cookie } });
    expect(res.status).toBe(403);
  });

  it('accepts PUBLIC_URL and each ALLOWED_ORIGINS entry', async () => {
    const { cookie } = await signIn((await newUser()).id);
    for (const origin of [PUBLIC_URL, 'https://kumori.example:443', 'http://localhost:5173', 'https://studio.example:8443']) {
      expect((await open(cookie, origin)).connected, origin).toBe(true);
    }
    const res = await fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: PUBLIC_URL, cookie } });
    expect(res.status).toBe(200);
  });
});
