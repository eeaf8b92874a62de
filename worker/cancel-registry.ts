/** The running jobs of this worker process, each with an AbortController that a cancel request trips. */
export class CancelRegistry {
  private readonly running = new Map<string, AbortController>();

  register(id: string): AbortSignal {
    const controller = new AbortController();
    this.running.set(id, controller);
    return controller.signal;
  }

  unregister(id: string): void {
    this.running.delete(id);
  }

  /** Returns whether this process was running the job. */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }
}
