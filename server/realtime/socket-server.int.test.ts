import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from 'next-auth/jwt';
import { io as connect, type Socket } from 'socket.io-client';
import IORedis from 'ioredis';

// Real Socket.IO server with the Redis adapter, real Redis, events published by the worker-side
// emitter: proves each socket hears its own user's events and nobody else's.
const SECRET = `socket-test-secret-${randomUUID()}`;
let http: HttpServer;
let close: () => Promise<void>;
let url: string;
let publisher: IORedis;
let UserEventsClass: typeof import('./emitter').UserEvents;
const sockets: Socket[] = [];

beforeAll(async () => {
  Object.assign(process.env, { AUTH_SECRET: SECRET, REDIS_PREFIX: `kumori-sock-${randomUUID().slice(0, 8)}` });
  const { attachSocketServer } = await import('./socket-server');
  ({ UserEvents: UserEventsClass } = await import('./emitter'));
  http = createServer();
  ({ close } = attachSocketServer(http));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  publisher = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await close?.();
  await new Promise((r) => http?.close(r));
  await publisher?.quit();
});

async function sessionCookie(userId: string) {
  const token = await encode({ token: { sub: userId, role: 'user' }, secret: SECRET });
  return `next-auth.session-token=${token}`;
}

function open(cookie?: string): Promise<Socket> {
  const s = connect(url, { transports: ['websocket'], extraHeaders: cookie ? { cookie } : {}, reconnection: false });
  sockets.push(s);
  return new Promise((resolve, reject) => {
    s.on('connect', () => resolve(s));
    s.on('connect_error', reject);
  });
}

describe('Socket.IO rooms', () => {
  it('delivers a user\'s events to that user only', async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const [a, b] = await Promise.all([open(await sessionCookie(alice)), open(await sessionCookie(bob))]);
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
});
