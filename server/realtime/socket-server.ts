import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { getToken } from 'next-auth/jwt';
import { env } from '../env';
import { createRedis } from '../redis/connection';
import { socketChannel } from './channel';
import { isSessionId, liveSessionOwner } from '../auth/sessions';
import { allowedOrigins, isOriginAllowed } from './origins';
import { type ClientToServerEvents, type ServerToClientEvents, sessionRoom, userRoom } from './events';

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

/**
 * Resolves the next-auth session cookie on the handshake to its user and live session, or null:
 * a signed-out, password-changed or suspended session is refused like a forged cookie.
 */
export async function sessionFromHandshake(
  headers: Record<string, string | string[] | undefined>,
): Promise<{ userId: string; sessionId: string } | null> {
  const cookies = parseCookies(typeof headers.cookie === 'string' ? headers.cookie : undefined);
  const secureCookie = Object.keys(cookies).some((n) => n.startsWith('__Secure-next-auth.session-token'));
  const token = await getToken({
    req: { cookies, headers } as never,
    secret: env().AUTH_SECRET,
    secureCookie,
  });
  const userId = token?.sub;
  const sessionId = token?.sid;
  if (typeof userId !== 'string' || !isSessionId(sessionId)) return null;
  return (await liveSessionOwner(sessionId)) === userId ? { userId, sessionId } : null;
}

/**
 * Socket.IO on the web server's HTTP port. The Redis adapter shares rooms between web nodes and
 * receives what workers publish with the Redis emitter. A socket joins only its own user's room,
 * and its session's room, which is disconnected when the session ends.
 */
export function attachSocketServer(http: HttpServer) {
  const allowed = allowedOrigins();
  const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, {
    path: '/socket.io',
    serveClient: false,
    // Cross-site WebSocket hijacking: the browser sends the session cookie to any page's socket,
    // so the handshake must come from one of our own origins.
    allowRequest: (req, answer) => {
      const isAllowed = isOriginAllowed(req.headers.origin, allowed);
      answer(isAllowed ? null : 'origin not allowed', isAllowed);
    },
  });
  const pub = createRedis('worker');
  const sub = pub.duplicate();
  io.adapter(createAdapter(pub, sub, { key: socketChannel() }));

  io.use(async (socket, nextFn) => {
    try {
      const session = await sessionFromHandshake(socket.handshake.headers);
      if (!session) return nextFn(new Error('unauthorized'));
      socket.data.userId = session.userId;
      socket.data.sessionId = session.sessionId;
      nextFn();
    } catch (err) {
      nextFn(err as Error);
    }
  });

  io.on('connection', async (socket) => {
    const sessionId = socket.data.sessionId as string;
    await socket.join([userRoom(socket.data.userId as string), sessionRoom(sessionId)]);
    // A session ended between the handshake's check and the join sent its disconnect to a room
    // this socket was not in yet; looking again after joining leaves no such gap.
    // (Postgres failing here keeps the socket: the handshake has just checked it.)
    const owner = await liveSessionOwner(sessionId).catch(() => socket.data.userId);
    if (owner !== socket.data.userId) socket.disconnect(true);
  });

  return {
    io,
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
