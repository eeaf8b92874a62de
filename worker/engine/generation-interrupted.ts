/**
 * Why generate() stopped at a step boundary: "cancelled" when its `signal` fired; "suspended"
 * when its `suspend` signal fired, after handing its state to onCheckpoint, so that the run
 * continues elsewhere.
 */
export type InterruptReason = 'cancelled' | 'suspended';

/** Thrown by generate() when a cancel or a suspend stops it: the worker treats it as neither a failure nor a crash. */
export class GenerationInterrupted extends Error {
  /**
   * @param completedSteps steps run before the stop; for a suspend, where a resumed run
   *   continues from (0: nothing ran, start over).
   */
  constructor(
    readonly reason: InterruptReason,
    readonly completedSteps: number,
  ) {
    super(`generation ${reason} after ${completedSteps} step(s)`);
    this.name = 'GenerationInterrupted';
  }
}

/** Whether `error` is a GenerationInterrupted, and for the given reason when one is passed. */
export function isGenerationInterrupted<R extends InterruptReason = InterruptReason>(
  error: unknown,
  reason?: R,
): error is GenerationInterrupted & { readonly reason: R } {
  return error instanceof GenerationInterrupted && (reason === undefined || error.reason === reason);
}
