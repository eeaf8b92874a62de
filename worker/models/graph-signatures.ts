import type { InferenceSession } from 'onnxruntime-node';
import type {
  IntegerType,
  TextEncoderGraph,
  TimestepInput,
  UnetGraph,
  VaeGraph,
} from '../engine/diffusion-model';

type Metadata = InferenceSession.TensorValueMetadata;

/**
 * Reads names and dtypes from each session's metadata, preferring diffusers' names and falling
 * back on position, and refuses graphs the pipeline cannot feed (e.g. float16 exports).
 */
export function describeTextEncoder(session: InferenceSession, file: string): TextEncoderGraph {
  const input = pick(session.inputMetadata, ['input_ids'], 0, file);
  return {
    session,
    inputName: input.name,
    inputType: integerType(input, file),
    outputName: pick(session.outputMetadata, ['last_hidden_state'], 0, file).name,
  };
}

export function describeUnet(session: InferenceSession, file: string): UnetGraph {
  const sample = float32(pick(session.inputMetadata, ['sample'], 0, file), file);
  const timestep = pick(session.inputMetadata, ['timestep', 't'], 1, file);
  const context = float32(pick(session.inputMetadata, ['encoder_hidden_states'], 2, file), file);
  return {
    session,
    sampleName: sample.name,
    timestep: describeTimestep(timestep, file),
    contextName: context.name,
    outputName: float32(pick(session.outputMetadata, ['out_sample'], 0, file), file).name,
  };
}

export function describeVae(session: InferenceSession, file: string, input: string, output: string): VaeGraph {
  return {
    session,
    inputName: float32(pick(session.inputMetadata, [input], 0, file), file).name,
    outputName: float32(pick(session.outputMetadata, [output], 0, file), file).name,
  };
}

function describeTimestep(meta: Metadata, file: string): TimestepInput {
  const type = meta.type === 'float32' ? 'float32' : integerType(meta, file);
  const [first] = meta.shape;
  // [] takes a scalar, [1] a single value the graph broadcasts, anything else one per batch item.
  const layout = meta.shape.length === 0 ? 'scalar' : first === 1 ? 'single' : 'batch';
  return { name: meta.name, type, layout };
}

function pick(list: readonly InferenceSession.ValueMetadata[], names: string[], fallback: number, file: string): Metadata {
  const found = list.find((m) => names.includes(m.name)) ?? list[fallback];
  if (!found) throw new Error(`${file}: no ${names[0]} (and nothing at position ${fallback})`);
  if (!found.isTensor) throw new Error(`${file}: ${found.name} is not a tensor`);
  return found;
}

function integerType(meta: Metadata, file: string): IntegerType {
  if (meta.type === 'int32' || meta.type === 'int64') return meta.type;
  throw new Error(`${file}: ${meta.name} is ${meta.type}; expected int32 or int64`);
}

function float32(meta: Metadata, file: string): Metadata {
  if (meta.type !== 'float32') throw new Error(`${file}: ${meta.name} is ${meta.type}; only float32 models are supported`);
  return meta;
}
