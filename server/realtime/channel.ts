import { env } from '../env';

/** The Redis channel prefix that the adapter (web nodes) and the emitter (workers) must share. */
export const socketChannel = () => `${env().REDIS_PREFIX}:socket.io`;
