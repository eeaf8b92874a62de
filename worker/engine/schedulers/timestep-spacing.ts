/** The numpy building blocks diffusers' set_timesteps are written in, with numpy's rounding. */

/** numpy.round: halves go to the even neighbour, which decides some "linspace" timesteps. */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff !== 0.5) return Math.round(x);
  return floor % 2 === 0 ? floor : floor + 1;
}

/** np.linspace(start, stop, num) in float64: start + i * step, with the last value exactly `stop`. */
export function linspace(start: number, stop: number, num: number): number[] {
  const step = num > 1 ? (stop - start) / (num - 1) : 0;
  return Array.from({ length: num }, (_, i) => (num > 1 && i === num - 1 ? stop : i * step + start));
}

/**
 * np.arange(start, 0, -step) for a float step: numpy fills start + i * delta, where delta is
 * recomputed as (start - step) - start, and the length is ceil(start / step).
 */
export function arangeDown(start: number, step: number): number[] {
  const length = Math.max(0, Math.ceil((0 - start) / -step));
  const delta = start - step - start;
  return Array.from({ length }, (_, i) => (i === 0 ? start : i === 1 ? start - step : start + i * delta));
}

/** np.arange(0, count) * ratio, reversed, plus offset: "leading" spacing. */
export function leading(count: number, ratio: number, offset: number): number[] {
  return Array.from({ length: count }, (_, i) => roundHalfEven((count - 1 - i) * ratio) + offset);
}

export function assertStepCount(numInferenceSteps: number, trainSteps: number): void {
  if (!Number.isInteger(numInferenceSteps) || numInferenceSteps < 1 || numInferenceSteps > trainSteps) {
    throw new RangeError(`numInferenceSteps must be an integer in 1..${trainSteps}, got ${numInferenceSteps}`);
  }
}

/**
 * diffusers' StableDiffusionImg2ImgPipeline.get_timesteps: with `strength` s of `steps`, the
 * last floor(steps * s) timesteps run. Returns the index of the first one.
 */
export function strengthStartIndex(steps: number, strength: number): number {
  if (!(strength >= 0 && strength <= 1)) throw new RangeError(`strength must be in [0, 1], got ${strength}`);
  const initTimestep = Math.min(Math.trunc(steps * strength), steps);
  const start = Math.max(steps - initTimestep, 0);
  if (start >= steps) {
    throw new RangeError(`strength ${strength} of ${steps} steps leaves no step to run; raise either`);
  }
  return start;
}
