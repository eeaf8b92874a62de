import { Tensor } from 'onnxruntime-node';
import type { DiffusionModel, UnetGraph } from './diffusion-model';
import { tokenIdsTensor } from './graph-inputs';
import { applyTokenWeights } from './prompt/apply-weights';
import { chunkTokens, makeChunk, truncateTokens, type ChunkLayout, type ChunkedTokens, type TokenSegment } from './prompt/chunk-tokens';
import { parsePromptWeights } from './prompt/parse-weights';
import { tokenizeWords, type PromptTokenizer } from './tokenize';

export interface EncodedPrompts {
  /**
   * last_hidden_state, weighted, [texts.length, chunkCount * 77, D] in the order given: the UNet's
   * encoder_hidden_states. Texts with fewer chunks are padded with encodings of the empty prompt.
   */
  hiddenStates: Tensor;
  /** Whether any of the texts lost tokens (only when the model takes a single 77-token chunk). */
  truncated: boolean;
  /** Sentences for the user about what happened to long prompts, weights and BREAKs. */
  warnings: string[];
  /** 77-token chunks per text: 1 unless a text was longer than 75 tokens or used BREAK. */
  chunkCount: number;
  /** Prompt tokens per text (without start/end), before any truncation. */
  tokenCounts: number[];
}

export interface EncodePromptsOptions {
  /** How warnings name each text, e.g. ['Negative prompt', 'Prompt']. Default "Prompt" / "Prompt 2". */
  labels?: readonly string[];
  /** A1111's comma_padding_backtrack; default 20, 0 turns it off. */
  commaBacktrack?: number;
}

/** Weights beyond this make float32 hidden states overflow; A1111 users stay well below 10. */
const MAX_WEIGHT = 1e4;

/**
 * Parses A1111 emphasis, tokenizes, splits into 75-token chunks (or truncates to one when the UNet
 * takes a fixed 77-token context), encodes every chunk of every text in one text-encoder call, and
 * applies the weights.
 */
export async function encodePrompts(
  model: DiffusionModel,
  texts: readonly string[],
  options: EncodePromptsOptions = {},
): Promise<EncodedPrompts> {
  if (texts.length === 0) throw new RangeError('encodePrompts needs at least one text');
  const { tokenizer } = model;
  const layout = chunkLayout(tokenizer, options.commaBacktrack);
  const canChunk = takesLongContext(model.unet);
  const warnings: string[] = [];
  const prepared = texts.map((text, i) => {
    const label = options.labels?.[i] ?? (texts.length === 1 ? 'Prompt' : `Prompt ${i + 1}`);
    let clamped = false;
    const segments: TokenSegment[] = parsePromptWeights(text).map((fragment) => {
      if (fragment.isBreak) return { isBreak: true };
      const weight = Number.isNaN(fragment.weight) ? 1 : Math.max(-MAX_WEIGHT, Math.min(MAX_WEIGHT, fragment.weight));
      clamped ||= weight !== fragment.weight;
      return { ids: tokenizeWords(tokenizer, fragment.text), weight };
    });
    const built = canChunk ? chunkTokens(segments, layout) : truncateTokens(segments, layout);
    if (clamped) warnings.push(`${label} has weights beyond ±${MAX_WEIGHT}; they were limited to that.`);
    warnings.push(...describeLength(label, built, layout.sequenceLength - 2, tokenizer));
    return built;
  });

  const chunkCount = Math.max(...prepared.map((p) => p.chunks.length));
  const empty = makeChunk([], [], layout);
  const rows = prepared.flatMap((p) => [...p.chunks, ...Array<typeof empty>(chunkCount - p.chunks.length).fill(empty)]);
  const length = layout.sequenceLength;
  const ids = new Int32Array(rows.length * length);
  rows.forEach((row, r) => ids.set(row.ids, r * length));

  const encoder = model.textEncoder;
  const outputs = await encoder.session.run({ [encoder.inputName]: tokenIdsTensor(encoder.inputType, ids, rows.length) });
  const output = outputs[encoder.outputName] as Tensor;
  const dim = output.dims[2];
  const data = output.data as Float32Array;
  rows.forEach((row, r) => applyTokenWeights(data.subarray(r * length * dim, (r + 1) * length * dim), row.weights, dim));
  return {
    // Rows are text-major, so [texts * chunks, 77, D] is already [texts, chunks * 77, D] in memory.
    hiddenStates: new Tensor('float32', data, [texts.length, chunkCount * length, dim]),
    truncated: prepared.some((p) => p.droppedCount > 0),
    warnings,
    chunkCount,
    tokenCounts: prepared.map((p) => p.tokenCount),
  };
}

/**
 * Whether the UNet's encoder_hidden_states has a dynamic sequence axis, so chunks can be joined
 * along it. Exports that pin it (often at 77) take one chunk; so do graphs that say nothing.
 */
export function takesLongContext(unet: UnetGraph): boolean {
  const meta = unet.session.inputMetadata?.find((m) => m.name === unet.contextName);
  if (!meta?.isTensor || meta.shape.length !== 3) return false;
  const sequence = meta.shape[1];
  return typeof sequence !== 'number' || sequence < 0;
}

function chunkLayout(tokenizer: PromptTokenizer, commaBacktrack: number | undefined): ChunkLayout {
  const comma = tokenizeWords(tokenizer, ',');
  return {
    bosId: tokenizer.bosId,
    eosId: tokenizer.eosId,
    padId: tokenizer.padId,
    sequenceLength: tokenizer.maxLength,
    commaId: comma.length === 1 && comma[0] !== tokenizer.unkId ? comma[0] : undefined,
    commaBacktrack,
  };
}

function describeLength(label: string, built: ChunkedTokens, room: number, tokenizer: PromptTokenizer): string[] {
  const { tokenCount, droppedCount, ignoredBreaks, chunks } = built;
  const messages: string[] = [];
  if (droppedCount > 0) {
    const kept = chunks[0].ids.subarray(1, chunks[0].length + 1);
    const tail = tokenizer.tokenizer.decode(Array.from(kept.subarray(Math.max(0, kept.length - 4)))).trim();
    messages.push(
      `${label} is ${tokenCount} tokens; this model reads at most ${room}, so it was truncated after "${tail}" ` +
        `(${droppedCount} tokens dropped).`,
    );
  } else if (tokenCount > room) {
    messages.push(`${label} is ${tokenCount} tokens; the model reads ${room} per chunk, so it was split into ${chunks.length} chunks.`);
  }
  if (ignoredBreaks > 0) messages.push(`${label} uses BREAK, which has no effect with this model: it reads a single ${room}-token chunk.`);
  return messages;
}
