'use client';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@/server/realtime/events';

let socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;

/** One connection per tab; the session cookie authenticates it on the server. */
export function getSocket() {
  socket ??= io({ path: '/socket.io', withCredentials: true, transports: ['websocket', 'polling'] });
  return socket;
}

/** Closes this tab's connection (signing out); the next getSocket opens a fresh one. */
export function closeSocket() {
  socket?.disconnect();
  socket = null;
}
