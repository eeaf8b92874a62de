import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { getToken } from 'next-auth/jwt';
import { env } from '../env';
import { createRedis } from '../redis/connection';
import { socketChannel } from './channel';
import { type ClientToServerEvents, type ServerToClientEvents, userRoom } from './events';

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      out[name] = part.slice(eq + 1).trim();
    }
  }
  return out;
}

/** Resolves the next-auth session cookie on the handshake to a user id, or null. */
export async function userIdFromHandshake(headers: Record<string, string | string[] | undefined>): Promise<string | null> {
  const cookies = parseCookies(typeof headers.cookie === 'string' ? headers.cookie : undefined);
  const secureCookie = Object.keys(cookies).some((n) => n.startsWith('__Secure-next-auth.session-token'));
  const token = await getToken({
    req: { cookies, headers } as never,
    secret: env().AUTH_SECRET,
    secureCookie,
  });
  return typeof token?.sub === 'string' ? token.sub : null;
}

/**
 * Socket.IO on the web server's HTTP port. The Redis adapter shares rooms between web nodes and
 * receives what workers publish with the Redis emitter. A socket joins only its own user's room.
 */
export function attachSocketServer(http: HttpServer) {
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
  });
  const pub = createRedis('worker');
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub, { key: socketChannel() }));

  io.use(async (socket, nextFn) => {
    try {
      const userId = await userIdFromHandshake(socket.handshake.headers);
      if (!userId) return nextFn(new Error('unauthorized'));
      socket.data.userId = userId;
      nextFn();
    } catch (err) {
      nextFn(err as Error);
    }
  });

  io.on('connection', (socket) => {
    void socket.join(userRoom(socket.data.userId as string));
  });

  return {
    io,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
