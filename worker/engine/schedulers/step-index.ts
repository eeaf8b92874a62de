/**
 * diffusers' _step_index / _begin_index bookkeeping for schedulers that walk their tables by
 * position rather than by timestep value (so repeated timesteps are fine). The first
 * scaleModelInput or step of a run fixes the position; every step then advances it, whatever
 * timestep the caller passes, exactly as diffusers does.
 */
export class StepIndex {
  private index: number | null = null;
  private begin: number | null = null;

  /**
   * @param missingIsLast DPM-Solver treats a timestep not in the schedule as the last step;
   *   the other schedulers fail.
   */
  constructor(private readonly missingIsLast = false) {}

  reset(): void {
    this.index = null;
    this.begin = null;
  }

  snapshot(): { stepIndex: number | null; beginIndex: number | null } {
    return { stepIndex: this.index, beginIndex: this.begin };
  }

  restore(state: { stepIndex: number | null; beginIndex: number | null }): void {
    this.index = state.stepIndex;
    this.begin = state.beginIndex;
  }

  /** set_begin_index: img2img starts part-way through the schedule. */
  setBegin(begin: number): void {
    this.begin = begin;
  }

  current(timestep: number, timesteps: readonly number[]): number {
    this.index ??= this.begin ?? this.lookup(timestep, timesteps);
    return this.index;
  }

  advance(): void {
    if (this.index === null) throw new Error('advance before the step index was set');
    this.index += 1;
  }

  /** The sigma index add_noise uses: the begin index (img2img), else the current step, else a lookup. */
  forAddNoise(timestep: number, timesteps: readonly number[]): number {
    if (this.begin === null) return this.lookup(timestep, timesteps);
    return this.index ?? this.begin;
  }

  /**
   * index_for_timestep: the position of `timestep`, or its SECOND occurrence when it repeats,
   * so that a run started mid-schedule (img2img) never skips a sigma.
   */
  private lookup(timestep: number, timesteps: readonly number[]): number {
    const matches: number[] = [];
    timesteps.forEach((t, i) => t === timestep && matches.push(i));
    if (matches.length === 0) {
      if (this.missingIsLast) return timesteps.length - 1;
      throw new RangeError(`timestep ${timestep} is not in this schedule`);
    }
    return matches.length > 1 ? matches[1] : matches[0];
  }
}
