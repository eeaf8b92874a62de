import type { UnetGraph } from './diffusion-model';

/** One UNet call: batch rows start..start+count-1, padded to `batch` items when the graph wants more. */
export interface UnetCall {
  start: number;
  count: number;
  batch: number;
}

/**
 * The batch size the UNet graph was exported with, or null when its batch axis is dynamic (a
 * name or -1 in the metadata). Graphs that say nothing are taken as dynamic, as before.
 */
export function fixedUnetBatch(unet: UnetGraph): number | null {
  const meta = unet.session.inputMetadata?.find((m) => m.name === unet.sampleName);
  const first = meta?.isTensor ? meta.shape[0] : undefined;
  return typeof first === 'number' && first > 0 ? first : null;
}

/**
 * Splits `rows` UNet batch items into calls: one call when nothing limits it; calls of at most
 * `max` rows when the model sets a limit (memory); exactly `fixed` rows per call for a graph
 * exported with a fixed batch, the last one padded, so such a graph runs any n instead of failing.
 */
export function planUnetCalls(rows: number, limits: { fixed: number | null; max?: number | null }): UnetCall[] {
  if (!Number.isInteger(rows) || rows < 1) throw new RangeError(`a UNet batch needs at least one row, got ${rows}`);
  const { fixed } = limits;
  const max = limits.max && limits.max > 0 ? Math.floor(limits.max) : Infinity;
  const per = fixed ?? Math.min(rows, max);
  const calls: UnetCall[] = [];
  for (let start = 0; start < rows; start += per) {
    const count = Math.min(per, rows - start);
    calls.push({ start, count, batch: fixed ?? count });
  }
  return calls;
}
