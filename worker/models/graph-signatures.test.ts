import type { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { describeTextEncoder, describeUnet } from './graph-signatures';

type Meta = InferenceSession.ValueMetadata;
const tensor = (name: string, type: string, shape: (number | string)[]): Meta =>
  ({ name, isTensor: true, type, shape }) as Meta;

/** Only metadata is read when describing a graph, so a plain object stands in for a session. */
const fakeSession = (inputs: Meta[], outputs: Meta[]) =>
  ({ inputMetadata: inputs, outputMetadata: outputs }) as unknown as InferenceSession;

const unetInputs = (timestep: Meta) => [
  tensor('sample', 'float32', ['batch', 4, 'h', 'w']),
  timestep,
  tensor('encoder_hidden_states', 'float32', ['batch', 77, 768]),
];
const unetOutputs = [tensor('out_sample', 'float32', ['batch', 4, 'h', 'w'])];

describe('describeUnet', () => {
  it('reads a float32 timestep declared per batch item', () => {
    const unet = describeUnet(fakeSession(unetInputs(tensor('timestep', 'float32', ['batch'])), unetOutputs), 'unet');
    expect(unet.timestep).toEqual({ name: 'timestep', type: 'float32', layout: 'batch' });
    expect([unet.sampleName, unet.contextName, unet.outputName]).toEqual(['sample', 'encoder_hidden_states', 'out_sample']);
  });

  it('reads int64 timesteps declared as [1] or as a scalar', () => {
    const single = describeUnet(fakeSession(unetInputs(tensor('timestep', 'int64', [1])), unetOutputs), 'unet');
    expect(single.timestep).toEqual({ name: 'timestep', type: 'int64', layout: 'single' });
    const scalar = describeUnet(fakeSession(unetInputs(tensor('timestep', 'int64', [])), unetOutputs), 'unet');
    expect(scalar.timestep.layout).toBe('scalar');
  });

  it('refuses float16 exports with a clear message', () => {
    const inputs = unetInputs(tensor('timestep', 'int64', ['batch']));
    inputs[0] = tensor('sample', 'float16', ['batch', 4, 'h', 'w']);
    expect(() => describeUnet(fakeSession(inputs, unetOutputs), 'unet/model.onnx')).toThrow(/float16.*only float32/);
  });
});

describe('describeTextEncoder', () => {
  it('takes last_hidden_state even when it is not the first output', () => {
    const encoder = describeTextEncoder(
      fakeSession(
        [tensor('input_ids', 'int64', ['batch', 77])],
        [tensor('pooler_output', 'float32', ['batch', 768]), tensor('last_hidden_state', 'float32', ['batch', 77, 768])],
      ),
      'text_encoder',
    );
    expect(encoder).toMatchObject({ inputName: 'input_ids', inputType: 'int64', outputName: 'last_hidden_state' });
  });
});
