import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkTokens, truncateTokens, type ChunkLayout, type TokenChunk, type TokenSegment } from './chunk-tokens';

const BOS = 1000;
const EOS = 1001;
const PAD = 1002;
const COMMA = 7;
const layout: ChunkLayout = { bosId: BOS, eosId: EOS, padId: PAD, sequenceLength: 77, commaId: COMMA };
const words = (count: number, id = 5) => Array<number>(count).fill(id);
const contents = (chunk: TokenChunk) => Array.from(chunk.ids.subarray(1, chunk.length + 1));

describe('chunkTokens', () => {
  it('wraps a short prompt in start and end tokens, pads, and weights only the prompt tokens', () => {
    const { chunks, tokenCount } = chunkTokens([{ ids: [3, 4], weight: 1 }, { ids: [5], weight: 1.5 }], layout);
    expect(chunks).toHaveLength(1);
    const [chunk] = chunks;
    expect(Array.from(chunk.ids.subarray(0, 6))).toEqual([BOS, 3, 4, 5, EOS, PAD]);
    expect(chunk.ids).toHaveLength(77);
    expect(Array.from(chunk.weights.subarray(0, 6))).toEqual([1, 1, 1, 1.5, 1, 1]);
    expect(tokenCount).toBe(3);
  });

  it('gives an empty prompt one chunk with just start and end', () => {
    const { chunks } = chunkTokens([{ ids: [], weight: 1 }], layout);
    expect(chunks).toHaveLength(1);
    expect(Array.from(chunks[0].ids.subarray(0, 3))).toEqual([BOS, EOS, PAD]);
  });

  it('fits exactly 75 tokens in one chunk and starts a second at 76', () => {
    expect(chunkTokens([{ ids: words(75), weight: 1 }], layout).chunks).toHaveLength(1);
    const { chunks } = chunkTokens([{ ids: words(76), weight: 1 }], layout);
    expect(chunks.map((c) => c.length)).toEqual([75, 1]);
    expect(chunks[0].ids[76]).toBe(EOS);
    expect(Array.from(chunks[1].ids.subarray(0, 4))).toEqual([BOS, 5, EOS, PAD]);
  });

  it('starts a new chunk at BREAK, even an empty one at the very start, as A1111 does', () => {
    const segments: TokenSegment[] = [{ isBreak: true }, { ids: [3], weight: 1 }, { isBreak: true }, { ids: [4], weight: 2 }];
    const { chunks } = chunkTokens(segments, layout);
    expect(chunks.map(contents)).toEqual([[], [3], [4]]);
    expect(chunks[2].weights[1]).toBe(2);
  });

  it('moves the words after a late comma into the next chunk (comma padding backtrack)', () => {
    // 70 words, a comma at index 70, then 10 more: the chunk fills at 75 with the comma 5 from its end.
    const { chunks } = chunkTokens([{ ids: [...words(70), COMMA, ...words(10, 6)], weight: 1 }], layout);
    expect(chunks.map((c) => c.length)).toEqual([71, 10]);
    expect(chunks[0].ids[71]).toBe(COMMA);
    expect(contents(chunks[1])).toEqual(words(10, 6));
  });

  it('splits at exactly 75 when backtracking is off or the comma is too far back', () => {
    const ids = [...words(70), COMMA, ...words(10, 6)];
    expect(chunkTokens([{ ids, weight: 1 }], { ...layout, commaBacktrack: 0 }).chunks.map((c) => c.length)).toEqual([75, 6]);
    const early = [...words(40), COMMA, ...words(40, 6)];
    expect(chunkTokens([{ ids: early, weight: 1 }], layout).chunks.map((c) => c.length)).toEqual([75, 6]);
  });

  it('keeps every token, in order, with its weight, in chunks of at most 75', () => {
    const segment = fc.oneof(
      fc.record({ ids: fc.array(fc.constantFrom(5, 6, COMMA), { maxLength: 120 }), weight: fc.double({ min: 0.1, max: 3, noNaN: true }) }),
      fc.constant<TokenSegment>({ isBreak: true }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), fc.constantFrom(0, 20), (segments, commaBacktrack) => {
        const { chunks, tokenCount } = chunkTokens(segments, { ...layout, commaBacktrack });
        const expected = segments.flatMap((s) => ('isBreak' in s ? [] : s.ids.map((id) => [id, Math.fround(s.weight)])));
        const actual = chunks.flatMap((c) => contents(c).map((id, i) => [id, c.weights[i + 1]]));
        expect(actual).toEqual(expected);
        expect(tokenCount).toBe(expected.length);
        for (const c of chunks) {
          expect(c.length).toBeLessThanOrEqual(75);
          expect([c.ids[0], c.ids[c.length + 1]]).toEqual([BOS, EOS]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('truncateTokens', () => {
  it('keeps the first 75 tokens in one chunk and counts what it dropped and the BREAKs it ignored', () => {
    const segments: TokenSegment[] = [{ ids: words(50), weight: 1 }, { isBreak: true }, { ids: words(40, 6), weight: 1.2 }];
    const { chunks, tokenCount, droppedCount, ignoredBreaks } = truncateTokens(segments, layout);
    expect(chunks).toHaveLength(1);
    expect(contents(chunks[0])).toEqual([...words(50), ...words(25, 6)]);
    expect(chunks[0].weights[75]).toBeCloseTo(1.2);
    expect(chunks[0].ids[76]).toBe(EOS);
    expect([tokenCount, droppedCount, ignoredBreaks]).toEqual([90, 15, 1]);
  });
});
