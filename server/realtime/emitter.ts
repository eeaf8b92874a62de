import { Emitter } from '@socket.io/redis-emitter';
import type IORedis from 'ioredis';
import { createRedis } from '../redis/connection';
import { liveEventOf, publishLiveEvent } from '../generations/live-events';
import { socketChannel } from './channel';
import { type ServerToClientEvents, sessionRoom, userRoom } from './events';
import { processSingleton } from '../process-singleton';

/**
 * Publishes through Redis to whichever web node holds the user's sockets
 * (the same channel the Socket.IO Redis adapter listens on).
 */
export class UserEvents {
  private readonly emitter: Emitter<ServerToClientEvents>;

  constructor(private readonly client: IORedis) {
    // Live events are best effort: a publish that fails while Redis is away must not become an
    // unhandled rejection (which would stop the process); the page recovers from server state.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        client.publish(channel, message).catch((err: Error) => {
          console.error(`[realtime] event not delivered: ${err.message}`);
          return 0;
        }),
    };
    this.emitter = new Emitter<ServerToClientEvents>(publisher as unknown as IORedis, { key: socketChannel() });
  }

  emit<E extends keyof ServerToClientEvents>(userId: string, event: E, ...args: Parameters<ServerToClientEvents[E]>) {
    this.emitter.to(userRoom(userId)).emit(event, ...args);
    // Tee: SSE and /v1 stream followers of one generation get the same events on its own channel.
    const live = liveEventOf(event, args[0]);
    if (live) publishLiveEvent(this.client, live.id, live.live);
  }

  /** Disconnects the sockets of ended sessions on whichever web nodes hold them. */
  disconnectSessions(sessionIds: string[]) {
    this.emitter.in(sessionIds.map(sessionRoom)).disconnectSockets(true);
  }
}

export function userEvents(kind: 'web' | 'worker' = 'web'): UserEvents {
  return processSingleton('user-events', () => new UserEvents(createRedis(kind)));
}
