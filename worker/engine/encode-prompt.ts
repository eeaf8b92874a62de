import type { Tensor } from 'onnxruntime-node';
import type { DiffusionModel } from './diffusion-model';
import { tokenIdsTensor } from './graph-inputs';
import { tokenize } from './tokenize';

export interface EncodedPrompts {
  /** last_hidden_state [texts.length, 77, D], in the order given: the UNet's encoder_hidden_states. */
  hiddenStates: Tensor;
  /** Whether any of the texts lost words to the 77-token limit. */
  truncated: boolean;
}

/** Tokenizes and encodes several texts in one text-encoder call. */
export async function encodePrompts(model: DiffusionModel, texts: readonly string[]): Promise<EncodedPrompts> {
  const { maxLength } = model.tokenizer;
  const ids = new Int32Array(texts.length * maxLength);
  let truncated = false;
  texts.forEach((text, i) => {
    const tokens = tokenize(model.tokenizer, text);
    ids.set(tokens.ids, i * maxLength);
    truncated ||= tokens.truncated;
  });
  const encoder = model.textEncoder;
  const outputs = await encoder.session.run({
    [encoder.inputName]: tokenIdsTensor(encoder.inputType, ids, texts.length),
  });
  return { hiddenStates: outputs[encoder.outputName] as Tensor, truncated };
}
