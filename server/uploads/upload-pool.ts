import 'server-only';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Piscina from 'piscina';
import type { Result } from '../../domain/result';
import { processSingleton, replaceProcessSingleton } from '../process-singleton';
import type { ProcessedUpload } from './process-upload';

/**
 * The thread entry sits beside this module. In Next's server bundle `import.meta.url` still names
 * this source file (Turbopack resolves it against the project root at run time), so the path holds
 * under tsx, vitest and `next build` alike.
 */
const threadFile = () => path.join(path.dirname(fileURLToPath(import.meta.url)), 'upload-thread.mjs');

// One or two threads: uploads are rare next to page views, and each thread holds its own copy of the NSFW model.
const pool = () =>
  processSingleton(
    'upload-pool',
    () =>
      new Piscina({
        filename: threadFile(),
        minThreads: 0,
        maxThreads: Math.min(2, Math.max(1, os.availableParallelism() - 1)),
        // sharp's decode and encode run on libuv's threads, so a thread overlaps several uploads;
        // only the model's inference takes turns.
        concurrentTasksPerWorker: 4,
        // A thread keeps its loaded model this long after its last upload.
        idleTimeout: 10 * 60_000,
      }),
  );

/** Decodes, validates, re-encodes and classifies an upload on a worker thread. */
export async function processUploadOffThread(bytes: Buffer): Promise<Result<ProcessedUpload>> {
  const result = (await pool().run(bytes)) as Result<ProcessedUpload>;
  if (!result.ok) return result;
  // Buffers come back from the thread as plain Uint8Arrays.
  const { image } = result;
  return { ...result, image: { ...image, bytes: Buffer.from(image.bytes.buffer, image.bytes.byteOffset, image.bytes.byteLength) } };
}

/** Stops the threads (tests, shutdown); the next upload starts a fresh pool. */
export async function closeUploadPool(): Promise<void> {
  const current = processSingleton<Piscina | null>('upload-pool', () => null);
  replaceProcessSingleton('upload-pool', undefined);
  await current?.close();
}
