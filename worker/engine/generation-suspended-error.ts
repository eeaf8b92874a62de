/**
 * Thrown by generate() when its `suspend` signal fires: the run stopped at a step boundary after
 * handing its state to onCheckpoint, to be continued elsewhere. Not a failure and not a cancel.
 */
export class GenerationSuspendedError extends Error {
  readonly code = 'GENERATION_SUSPENDED';

  /** @param completedSteps where a resumed run continues from (0: nothing ran, start over). */
  constructor(readonly completedSteps: number) {
    super(`generation suspended after ${completedSteps} step(s)`);
    this.name = 'GenerationSuspendedError';
  }
}

export function isGenerationSuspended(error: unknown): error is GenerationSuspendedError {
  return error instanceof GenerationSuspendedError;
}
