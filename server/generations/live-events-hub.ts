import 'server-only';
import type IORedis from 'ioredis';
import { createRedis } from '../redis/connection';
import { processSingleton } from '../process-singleton';
import { redisKeys } from '../redis/keys';
import { parseLiveEvent, type LiveEvent } from './live-events';

type Listener = (event: LiveEvent) => void;

/**
 * One subscriber connection per web process, shared by every open stream: a Redis connection in
 * subscriber mode can do nothing else, and one per SSE client would run Redis out of connections.
 * A channel is subscribed while at least one listener follows it.
 */
class LiveEventsHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribed = new Map<string, Promise<unknown>>();

  constructor(private readonly subscriber: IORedis) {
    subscriber.on('message', (channel: string, message: string) => {
      const event = parseLiveEvent(message);
      if (!event) return;
      for (const listener of this.listeners.get(channel) ?? []) listener(event);
    });
  }

  /** Resolves once Redis confirmed the subscription, so nothing published afterwards is missed. */
  async listen(generationId: string, listener: Listener): Promise<() => void> {
    const channel = redisKeys.liveEvents(generationId);
    let set = this.listeners.get(channel);
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    let confirmed = this.subscribed.get(channel);
    if (!confirmed) this.subscribed.set(channel, (confirmed = this.subscriber.subscribe(channel)));
    const stop = () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      this.subscribed.delete(channel);
      void this.subscriber.unsubscribe(channel).catch(() => {});
    };
    try {
      await confirmed;
    } catch (err) {
      stop();
      throw err;
    }
    return stop;
  }
}

export function liveEventsHub(): LiveEventsHub {
  return processSingleton('live-events-hub', () => new LiveEventsHub(createRedis('web')));
}
