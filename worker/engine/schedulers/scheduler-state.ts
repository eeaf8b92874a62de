/**
 * Everything a scheduler changes while it runs, as plain data: what a checkpoint needs so that
 * a run continued in another process takes exactly the same steps. Built by Scheduler.snapshot
 * (arrays are copies) and applied by restore on a scheduler of the same class and config.
 */
export interface SchedulerState {
  /** The diffusers class that wrote it; restore refuses another class's state. */
  readonly kind: string;
  /** Positions and counters (null where diffusers' value is still None). */
  readonly counters: Readonly<Record<string, number | null>>;
  /** The schedule (float64, bit for bit) and remembered model outputs (float32). */
  readonly arrays: Readonly<Record<string, Float64Array | Float32Array>>;
}

export class SchedulerStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SchedulerStateError';
  }
}

/** Reads a state written by `kind`, checking that the fields `restore` relies on are there. */
export function readState(state: SchedulerState, kind: string) {
  if (state.kind !== kind) throw new SchedulerStateError(`${kind} cannot restore the state of ${state.kind}`);
  return {
    counter(name: string): number | null {
      const value = state.counters[name];
      if (value === null) return null;
      if (!Number.isInteger(value)) throw new SchedulerStateError(`${kind} state: counter "${name}" is missing`);
      return value;
    },
    schedule(name: string): number[] {
      const values = state.arrays[name];
      if (!(values instanceof Float64Array)) throw new SchedulerStateError(`${kind} state: float64 "${name}" is missing`);
      return Array.from(values);
    },
    /** A float32 tensor, or null when the state has none under that name. */
    tensor(name: string): Float32Array | null {
      const values = state.arrays[name];
      if (values === undefined) return null;
      if (!(values instanceof Float32Array)) throw new SchedulerStateError(`${kind} state: "${name}" is not float32`);
      return values.slice();
    },
  };
}
