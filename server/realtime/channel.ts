import { redisKeys } from '../redis/keys';

/** The Redis channel prefix that the adapter (web nodes) and the emitter (workers) must share. */
export const socketChannel = redisKeys.socketChannel;
