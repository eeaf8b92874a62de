import type IORedis from 'ioredis';
import { redisKeys } from '../redis/keys';

// A running job is stopped by its worker at the next step boundary. The request is published
// (workers listening stop at once) and kept as a key (a worker that starts the job later sees it).
const channel = redisKeys.cancelChannel;
const key = redisKeys.cancel;
const TTL_SECONDS = 24 * 3600;

export async function requestCancel(client: IORedis, id: string): Promise<void> {
  await client.multi().set(key(id), '1', 'EX', TTL_SECONDS).publish(channel(), id).exec();
}

export async function isCancelRequested(client: IORedis, id: string): Promise<boolean> {
  return (await client.exists(key(id))) === 1;
}

/** Calls `onCancel(id)` for every cancel request; `subscriber` must be a dedicated connection. */
export async function listenForCancels(subscriber: IORedis, onCancel: (id: string) => void): Promise<void> {
  subscriber.on('message', (ch: string, id: string) => {
    if (ch === channel()) onCancel(id);
  });
  await subscriber.subscribe(channel());
}
