import os from 'node:os';
import type IORedis from 'ioredis';
import { z } from 'zod';
import { deleteCheckpoint, readCheckpointBytes, writeCheckpointBytes } from '../server/generations/checkpoints';
import type { Checkpoint } from './engine/checkpoint';

/*
 * Layout: "KCP1", u32le header length, the header (JSON: step, steps, fingerprint, rng, scheduler
 * kind and counters, and the name, type and length of each array), then the latents and the
 * scheduler's arrays as raw little-endian float32/float64 in header order. Raw bytes keep every
 * value bit for bit (JSON would not: -0, NaN), at 4 bytes a latent.
 */
const MAGIC = 'KCP1';

const arrayEntry = z.object({ name: z.string(), type: z.enum(['f32', 'f64']), length: z.number().int().nonnegative() });
const headerSchema = z.object({
  step: z.number().int(),
  steps: z.number().int(),
  fingerprint: z.string(),
  rng: z.array(z.number().int()),
  latents: z.number().int().nonnegative(),
  scheduler: z.object({
    kind: z.string(),
    counters: z.record(z.string(), z.number().int().nullable()),
    arrays: z.array(arrayEntry),
  }),
});

type Typed = Float32Array | Float64Array;

function littleEndianBytes(values: Typed): Buffer {
  const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  if (os.endianness() === 'LE') return bytes;
  const copy = Buffer.from(bytes);
  return values instanceof Float32Array ? copy.swap32() : copy.swap64();
}

function fromLittleEndian(bytes: Buffer, type: 'f32' | 'f64'): Typed {
  // A fresh ArrayBuffer: aligned for the typed array, and not a view into the Redis reply.
  const copy = Buffer.from(bytes);
  if (os.endianness() !== 'LE') {
    if (type === 'f32') copy.swap32();
    else copy.swap64();
  }
  const buffer = copy.buffer.slice(copy.byteOffset, copy.byteOffset + copy.byteLength);
  return type === 'f32' ? new Float32Array(buffer) : new Float64Array(buffer);
}

export function encodeCheckpoint(cp: Checkpoint): Buffer {
  const arrays = Object.entries(cp.scheduler.arrays);
  const header = {
    step: cp.step,
    steps: cp.steps,
    fingerprint: cp.fingerprint,
    rng: cp.rng,
    latents: cp.latents.length,
    scheduler: {
      kind: cp.scheduler.kind,
      counters: cp.scheduler.counters,
      arrays: arrays.map(([name, values]) => ({ name, type: values instanceof Float32Array ? 'f32' : 'f64', length: values.length })),
    },
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([Buffer.from(MAGIC), length, json, littleEndianBytes(cp.latents), ...arrays.map(([, v]) => littleEndianBytes(v))]);
}

export class CheckpointFormatError extends Error {
  constructor(message: string) {
    super(`unreadable checkpoint: ${message}`);
    this.name = 'CheckpointFormatError';
  }
}

export function decodeCheckpoint(bytes: Buffer): Checkpoint {
  if (bytes.length < 8 || bytes.subarray(0, 4).toString('latin1') !== MAGIC) throw new CheckpointFormatError('not a Kumori checkpoint');
  const headerEnd = 8 + bytes.readUInt32LE(4);
  if (headerEnd > bytes.length) throw new CheckpointFormatError('truncated header');
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.subarray(8, headerEnd).toString('utf8'));
  } catch {
    throw new CheckpointFormatError('header is not JSON');
  }
  const parsed = headerSchema.safeParse(raw);
  if (!parsed.success) throw new CheckpointFormatError(parsed.error.message);
  const header = parsed.data;
  let offset = headerEnd;
  const take = (type: 'f32' | 'f64', length: number) => {
    const end = offset + length * (type === 'f32' ? 4 : 8);
    if (end > bytes.length) throw new CheckpointFormatError('truncated data');
    const values = fromLittleEndian(bytes.subarray(offset, end), type);
    offset = end;
    return values;
  };
  const latents = take('f32', header.latents) as Float32Array;
  const arrays = Object.fromEntries(header.scheduler.arrays.map((a) => [a.name, take(a.type, a.length)]));
  if (offset !== bytes.length) throw new CheckpointFormatError('trailing bytes');
  const { kind, counters } = header.scheduler;
  return { step: header.step, steps: header.steps, fingerprint: header.fingerprint, rng: header.rng, latents, scheduler: { kind, counters, arrays } };
}

/** Replaces the generation's checkpoint; the last one written is the one a retry resumes from. */
export async function saveCheckpoint(client: IORedis, generationId: string, cp: Checkpoint): Promise<void> {
  await writeCheckpointBytes(client, generationId, encodeCheckpoint(cp));
}

/** The generation's checkpoint, or null when there is none or it cannot be read (then it is dropped). */
export async function loadCheckpoint(client: IORedis, generationId: string): Promise<Checkpoint | null> {
  const bytes = await readCheckpointBytes(client, generationId);
  if (!bytes) return null;
  try {
    return decodeCheckpoint(bytes);
  } catch (err) {
    console.warn(`[worker] dropping the checkpoint of ${generationId}: ${(err as Error).message}`);
    await deleteCheckpoint(client, generationId);
    return null;
  }
}

export { deleteCheckpoint };
