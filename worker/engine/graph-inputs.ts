import { Tensor } from 'onnxruntime-node';
import type { IntegerType, TimestepInput } from './diffusion-model';

/** The timestep feed in the dtype and layout the UNet declared. */
export function timestepTensor(input: TimestepInput, timestep: number, batch: number): Tensor {
  const count = input.layout === 'batch' ? batch : 1;
  const dims = input.layout === 'scalar' ? [] : [count];
  if (input.type === 'float32') return new Tensor('float32', new Float32Array(count).fill(timestep), dims);
  // Fractional timesteps (some Euler variants) truncate, as numpy's astype does in diffusers.
  const whole = Math.trunc(timestep);
  if (input.type === 'int32') return new Tensor('int32', new Int32Array(count).fill(whole), dims);
  return new Tensor('int64', new BigInt64Array(count).fill(BigInt(whole)), dims);
}

/** Token ids [batch, length] in the integer type the text encoder declared. */
export function tokenIdsTensor(type: IntegerType, ids: Int32Array, batch: number): Tensor {
  const dims = [batch, ids.length / batch];
  if (type === 'int32') return new Tensor('int32', ids, dims);
  return new Tensor('int64', BigInt64Array.from(ids, (v) => BigInt(v)), dims);
}
