import { Tokenizer } from '@huggingface/tokenizers';
import { buildClipTokenizerJson, parseMergesTxt } from './prompt/clip-tokenizer-json';

/** Which files the tokenizer was built from: tokenizer.json, or CLIP's vocab.json + merges.txt. */
export type TokenizerSource = 'tokenizer.json' | 'vocab.json+merges.txt';

/** A text tokenizer plus the special tokens a CLIP-style text encoder expects around the words. */
export interface PromptTokenizer {
  readonly tokenizer: Tokenizer;
  readonly bosId: number;
  readonly eosId: number;
  readonly padId: number;
  /** Stands in for words outside the vocabulary. */
  readonly unkId: number | undefined;
  /** Sequence length the text encoder was exported with (77 for CLIP). */
  readonly maxLength: number;
  readonly source: TokenizerSource;
}

export interface TokenizedPrompt {
  ids: Int32Array;
  /** Words beyond maxLength - 2 tokens were dropped, as CLIP itself does. */
  truncated: boolean;
}

type SpecialToken = string | { content: string } | null | undefined;
const SPECIAL_KEYS = ['bos_token', 'eos_token', 'pad_token', 'unk_token'] as const;

/** Config values as written by transformers: plain strings, or AddedToken objects in older files. */
export interface TokenizerConfigFile {
  bos_token?: SpecialToken;
  eos_token?: SpecialToken;
  pad_token?: SpecialToken;
  unk_token?: SpecialToken;
  model_max_length?: number;
  [key: string]: unknown;
}

/** A model's tokenizer/ folder, parsed. tokenizer.json wins when present; else vocab.json + merges.txt. */
export interface TokenizerFiles {
  tokenizerJson?: object;
  vocab?: Record<string, number>;
  merges?: string;
  config: TokenizerConfigFile;
  /** special_tokens_map.json: fills special tokens that tokenizer_config.json leaves out. */
  specialTokensMap?: TokenizerConfigFile;
}

export function createPromptTokenizerFromFiles(files: TokenizerFiles): PromptTokenizer {
  const config: TokenizerConfigFile = { ...files.config };
  for (const key of SPECIAL_KEYS) config[key] ??= files.specialTokensMap?.[key];
  if (files.tokenizerJson) return createPromptTokenizer(files.tokenizerJson, config);
  if (files.vocab && files.merges !== undefined) return createClipPromptTokenizer(files.vocab, files.merges, config);
  throw new Error('the tokenizer folder needs tokenizer.json, or vocab.json and merges.txt');
}

/** CLIP's tokenizer from vocab.json + merges.txt, as SD exports without a tokenizer.json ship it. */
export function createClipPromptTokenizer(
  vocab: Record<string, number>,
  mergesTxt: string,
  config: TokenizerConfigFile,
): PromptTokenizer {
  const bos = tokenName(config.bos_token) ?? '<|startoftext|>';
  const eos = tokenName(config.eos_token) ?? '<|endoftext|>';
  const json = buildClipTokenizerJson(vocab, parseMergesTxt(mergesTxt), { bos, eos, unk: tokenName(config.unk_token) });
  return createPromptTokenizer(json, { ...config, bos_token: bos, eos_token: eos }, 'vocab.json+merges.txt');
}

export function createPromptTokenizer(
  tokenizerJson: object,
  config: TokenizerConfigFile,
  source: TokenizerSource = 'tokenizer.json',
): PromptTokenizer {
  // tokenizers.js takes special token names from the config as plain strings.
  const flatConfig: Record<string, unknown> = { ...config };
  for (const key of SPECIAL_KEYS) {
    const name = tokenName(config[key]);
    if (name !== undefined) flatConfig[key] = name;
  }
  const tokenizer = new Tokenizer(tokenizerJson, flatConfig);
  const idOf = (key: 'bos_token' | 'eos_token' | 'pad_token') => {
    const name = tokenName(config[key]);
    return name === undefined ? undefined : tokenizer.token_to_id(name);
  };
  const bosId = idOf('bos_token');
  const eosId = idOf('eos_token');
  if (bosId === undefined || eosId === undefined) {
    throw new Error('tokenizer_config.json must name bos_token and eos_token tokens that are in the vocabulary');
  }
  // CLIP pads with its end token (SD 1.x) or "!" (SD 2.x): whatever the config says.
  const padId = idOf('pad_token') ?? eosId;
  const unkName = tokenName(config.unk_token) ?? modelUnkToken(tokenizerJson);
  const unkId = unkName === undefined ? undefined : tokenizer.token_to_id(unkName);
  const configured = config.model_max_length;
  // Some configs say "unlimited" with a huge sentinel; text encoders are exported for 77.
  const maxLength = configured !== undefined && configured >= 3 && configured <= 4096 ? configured : 77;
  return { tokenizer, bosId, eosId, padId, unkId, maxLength, source };
}

/** The text's token ids without start, end or padding, and without truncation. */
export function tokenizeWords(prompt: PromptTokenizer, text: string): number[] {
  const ids = prompt.tokenizer.encode(text, { add_special_tokens: false }).ids;
  return ids.map((id) => {
    const known = id ?? prompt.unkId;
    if (known === undefined) throw new Error(`cannot tokenize "${text}": a word is not in the vocabulary and there is no unk token`);
    return known;
  });
}

/** Text to fixed-length ids: [BOS] words... [EOS] [PAD]..., like CLIPTokenizer(padding="max_length", truncation=True). */
export function tokenize(prompt: PromptTokenizer, text: string): TokenizedPrompt {
  const words = tokenizeWords(prompt, text);
  const room = prompt.maxLength - 2;
  const kept = Math.min(words.length, room);
  const ids = new Int32Array(prompt.maxLength).fill(prompt.padId);
  ids[0] = prompt.bosId;
  ids.set(words.slice(0, kept), 1);
  ids[kept + 1] = prompt.eosId;
  return { ids, truncated: words.length > room };
}

function tokenName(token: SpecialToken): string | undefined {
  if (token === null || token === undefined) return undefined;
  return typeof token === 'string' ? token : token.content;
}

function modelUnkToken(tokenizerJson: object): string | undefined {
  const model = (tokenizerJson as { model?: { unk_token?: unknown } }).model;
  return typeof model?.unk_token === 'string' ? model.unk_token : undefined;
}
