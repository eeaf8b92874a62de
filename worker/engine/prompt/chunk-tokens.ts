/** Token ids of one prompt fragment and the weight each gets; or a BREAK. */
export type TokenSegment = { ids: readonly number[]; weight: number } | { isBreak: true };

/** One text-encoder row: [BOS] tokens [EOS] [PAD]..., with a weight per position (1 for specials). */
export interface TokenChunk {
  ids: Int32Array;
  weights: Float32Array;
  /** How many prompt tokens the chunk holds, between BOS and EOS. */
  length: number;
}

export interface ChunkLayout {
  bosId: number;
  eosId: number;
  padId: number;
  /** Text-encoder sequence length (77 for CLIP); each chunk holds this minus 2 prompt tokens. */
  sequenceLength: number;
  /** The tokenizer's "," token, for A1111's comma backtracking; undefined turns it off. */
  commaId?: number;
  /** A1111's comma_padding_backtrack (default 20): a full chunk whose last comma is this close to its end moves the words after that comma into the next chunk. 0 turns it off. */
  commaBacktrack?: number;
}

export interface ChunkedTokens {
  chunks: TokenChunk[];
  /** Prompt tokens in the text, before any were dropped. */
  tokenCount: number;
  /** Tokens that did not fit (truncateTokens only). */
  droppedCount: number;
  /** BREAKs that had no effect (truncateTokens only). */
  ignoredBreaks: number;
}

/** Splits weighted tokens into chunks the way AUTOMATIC1111's tokenize_line does. Always at least one chunk. */
export function chunkTokens(segments: readonly TokenSegment[], layout: ChunkLayout): ChunkedTokens {
  const room = layout.sequenceLength - 2;
  const backtrack = layout.commaBacktrack ?? 20;
  const chunks: TokenChunk[] = [];
  let ids: number[] = [];
  let weights: number[] = [];
  let lastComma = -1;
  let tokenCount = 0;
  const nextChunk = () => {
    chunks.push(makeChunk(ids, weights, layout));
    ids = [];
    weights = [];
    lastComma = -1;
  };
  for (const segment of segments) {
    if ('isBreak' in segment) {
      nextChunk();
      continue;
    }
    for (const id of segment.ids) {
      tokenCount++;
      if (id === layout.commaId) {
        lastComma = ids.length;
      } else if (backtrack !== 0 && ids.length === room && lastComma !== -1 && ids.length - lastComma <= backtrack) {
        const cut = lastComma + 1;
        const [movedIds, movedWeights] = [ids.slice(cut), weights.slice(cut)];
        ids = ids.slice(0, cut);
        weights = weights.slice(0, cut);
        nextChunk();
        [ids, weights] = [movedIds, movedWeights];
      }
      if (ids.length === room) nextChunk();
      ids.push(id);
      weights.push(segment.weight);
    }
  }
  if (ids.length > 0 || chunks.length === 0) nextChunk();
  return { chunks, tokenCount, droppedCount: 0, ignoredBreaks: 0 };
}

/** One chunk holding the first tokens that fit, for text encoders or UNets that take a single chunk. */
export function truncateTokens(segments: readonly TokenSegment[], layout: ChunkLayout): ChunkedTokens {
  const room = layout.sequenceLength - 2;
  const ids: number[] = [];
  const weights: number[] = [];
  let tokenCount = 0;
  let ignoredBreaks = 0;
  for (const segment of segments) {
    if ('isBreak' in segment) {
      ignoredBreaks++;
      continue;
    }
    tokenCount += segment.ids.length;
    for (const id of segment.ids.slice(0, room - ids.length)) {
      ids.push(id);
      weights.push(segment.weight);
    }
  }
  return { chunks: [makeChunk(ids, weights, layout)], tokenCount, droppedCount: tokenCount - ids.length, ignoredBreaks };
}

export function makeChunk(tokens: readonly number[], tokenWeights: readonly number[], layout: ChunkLayout): TokenChunk {
  const ids = new Int32Array(layout.sequenceLength).fill(layout.padId);
  const weights = new Float32Array(layout.sequenceLength).fill(1);
  ids[0] = layout.bosId;
  ids.set(tokens, 1);
  weights.set(tokenWeights, 1);
  ids[tokens.length + 1] = layout.eosId;
  return { ids, weights, length: tokens.length };
}
