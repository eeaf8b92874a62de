/** Thrown by generate() when its AbortSignal fires; the worker treats it as a cancel, not a failure. */
export class GenerationCancelledError extends Error {
  readonly code = 'GENERATION_CANCELLED';

  constructor(readonly completedSteps: number) {
    super(`generation cancelled after ${completedSteps} step(s)`);
    this.name = 'GenerationCancelledError';
  }
}

export function isGenerationCancelled(error: unknown): error is GenerationCancelledError {
  return error instanceof GenerationCancelledError;
}
