/** CLIP's special tokens, by name; ids come from vocab.json. */
export interface ClipSpecialTokens {
  bos: string;
  eos: string;
  /** CLIP's model maps unknown words to <|endoftext|>. */
  unk?: string;
}

// CLIPTokenizer reads at most 49152 - 256 - 2 merges (its vocabulary size minus bytes and specials).
const MAX_CLIP_MERGES = 49152 - 256 - 2;

/** merges.txt lines ("a b", optionally after a "#version" header) as [left, right] pairs, by rank. */
export function parseMergesTxt(text: string): [string, string][] {
  const lines = text.split(/\r?\n/);
  const merges: [string, string][] = [];
  lines.forEach((line, index) => {
    if (line.length === 0 || (index === 0 && line.startsWith('#version'))) return;
    const parts = line.split(' ');
    if (parts.length !== 2 || !parts[0] || !parts[1]) {
      throw new Error(`merges.txt line ${index + 1} is not two tokens separated by one space: ${JSON.stringify(line)}`);
    }
    merges.push([parts[0], parts[1]]);
  });
  return merges.slice(0, MAX_CLIP_MERGES);
}

/**
 * The tokenizer.json that transformers' CLIPConverter writes for a vocab.json + merges.txt pair,
 * for exports that ship only those: NFC, whitespace runs to one space, lowercase; CLIP's split
 * regex, then byte-level mapping; BPE whose word-final pieces carry "</w>". tokenizers.js runs it.
 */
export function buildClipTokenizerJson(
  vocab: Record<string, number>,
  merges: [string, string][],
  special: ClipSpecialTokens,
): object {
  const unk = special.unk ?? special.eos;
  const names = [...new Set([special.bos, special.eos, unk])];
  const addedTokens = names.map((content) => {
    const id = vocab[content];
    if (id === undefined) throw new Error(`vocab.json has no ${content} token`);
    return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: true, special: true };
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'NFC' }, { type: 'Replace', pattern: { Regex: '\\s+' }, content: ' ' }, { type: 'Lowercase' }],
    },
    pre_tokenizer: {
      type: 'Sequence',
      pretokenizers: [
        {
          type: 'Split',
          pattern: { Regex: "'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^\\s\\p{L}\\p{N}]+" },
          behavior: 'Removed',
          invert: true,
        },
        { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: false },
      ],
    },
    post_processor: {
      type: 'RobertaProcessing',
      sep: [special.eos, vocab[special.eos]],
      cls: [special.bos, vocab[special.bos]],
      trim_offsets: false,
      add_prefix_space: false,
    },
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: unk,
      continuing_subword_prefix: '',
      end_of_word_suffix: '</w>',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges,
    },
  };
}
