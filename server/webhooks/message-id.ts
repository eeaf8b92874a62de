import { randomBytes } from 'node:crypto';

/** A delivery's `webhook-id`: `msg_` and 22 base64url characters (128 random bits); BullMQ job ids may not hold `:`. */
export function newMessageId(): string {
  return `msg_${randomBytes(16).toString('base64url')}`;
}
