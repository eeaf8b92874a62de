import type IORedis from 'ioredis';
import { readProgress } from '../server/generations/progress';
import { CheckpointMismatchError, requestFingerprint, type Checkpoint } from './engine/checkpoint';
import type { DiffusionModel } from './engine/diffusion-model';
import { generate, type GenerateOptions, type GenerationRequest, type GenerationResult } from './engine/pipeline';
import { deleteCheckpoint, loadCheckpoint, saveCheckpoint } from './checkpoint-store';

export interface CheckpointPolicy {
  redis: IORedis;
  generationId: string;
  /** Store a checkpoint every N steps; 0 stores one only when the run is suspended. */
  every: number;
}

/**
 * generate() for a job that may have run before: continues from the generation's stored
 * checkpoint when there is one for this request, and stores new ones as it goes (and when it is
 * suspended), so a crash costs at most `every` steps. Deleting the checkpoint when the
 * generation ends is the caller's part.
 */
/** What runs the request: generate() itself, or a wrapper around it (only-masked inpainting). */
export type Runner = (request: GenerationRequest, options: GenerateOptions) => Promise<GenerationResult>;

export async function generateWithCheckpoints(
  model: DiffusionModel,
  request: GenerationRequest,
  options: Omit<GenerateOptions, 'resume' | 'onCheckpoint' | 'checkpointEvery'>,
  { redis, generationId: id, every }: CheckpointPolicy,
  runner: Runner = (r, o) => generate(model, r, o),
): Promise<GenerationResult> {
  // A wrapper that runs a derived request (a crop) checkpoints that one, whose fingerprint differs:
  // its checkpoint then reads as another request's and the retry starts over, which is still exact.
  const resume = await usableCheckpoint(redis, id, requestFingerprint(model, request));
  const run = (from: Checkpoint | undefined) =>
    runner(request, {
      ...options,
      resume: from,
      checkpointEvery: every,
      onCheckpoint: (cp) => saveCheckpoint(redis, id, cp),
    });
  if (!resume) return run(undefined);
  const reached = (await readProgress(redis, id).catch(() => null))?.step;
  // The progress a crashed attempt published is a lower bound of where it got to.
  const redone = reached !== undefined ? Math.max(0, reached - resume.step) : '?';
  console.log(`[worker] resumed ${id} from step ${resume.step} of ${resume.steps} (previous attempt reached step ${reached ?? '?'}; ${redone} redone)`);
  try {
    return await run(resume);
  } catch (err) {
    // A state this build cannot restore (written by another version): starting over still works.
    if (!(err instanceof CheckpointMismatchError)) throw err;
    console.warn(`[worker] cannot resume ${id} (${err.message}); starting over`);
    await deleteCheckpoint(redis, id);
    return run(undefined);
  }
}

async function usableCheckpoint(redis: IORedis, id: string, fingerprint: string): Promise<Checkpoint | undefined> {
  const stored = await loadCheckpoint(redis, id);
  if (!stored) return undefined;
  if (stored.fingerprint === fingerprint) return stored;
  console.warn(`[worker] the checkpoint of ${id} was written for another request or model; starting over`);
  await deleteCheckpoint(redis, id);
  return undefined;
}
