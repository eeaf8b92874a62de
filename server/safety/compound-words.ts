// Words people glue to a blocked term to slip past whole-word matching: "nudewoman", "hotsexvideo",
// "pornpics". A word is read as a glued compound only when it splits wholly into these and policy
// terms, with at least one term, so "cocktail" (no "tail" here), "Scunthorpe", "sextant", "Essex"
// and "therapist" stay whole. Checked against a 100,000-word English dictionary: with the default
// policy plus "ass", "cock", "dick" and "cunt", no real word splits that way. Do not add a word
// that completes a term into a real one ("seed": "rapeseed"; "tail": "cocktail"; "ton": "sexton";
// "game": "gamecock"; "stream": "bloodstream"). An admin can still allowlist a compound.
const GLUE_WORDS = `
  woman women girl girls boy boys man men lady ladies guy guys wife wives husband mom mommy mother dad daddy
  teen teens kid kids child baby babe babes body bodies photo photos pic pics picture pictures image images
  art artwork video videos vid vids clip clips movie movies film films scene scenes model models selfie selfies
  photoshoot beach pool shower bath bed bedroom hot big sexy cute wet young old real free full hard soft anime
  manga cartoon comic comics cosplay cosplayer star stars queen king party show tape pose poses style drawing
  painting portrait sketch render figure statue doll dolls couple group public outdoor lesbian gay blonde
  brunette redhead asian ebony latina milf amateur celebrity celeb elf fairy goddess nurse maid schoolgirl
  student teacher girlfriend boyfriend cam webcam site gif gifs content hub
`.trim().split(/\s+/);

const MIN_PIECE = 3;
/** The shortest word that can be two pieces. */
export const MIN_COMPOUND = 2 * MIN_PIECE;
const MAX_WORD = 40;

// Children by letter a–z in an array (what folded prompts are made of, and fast to index), any other character in a map.
type Node<T> = { letters: Array<Node<T> | undefined>; others: Map<number, Node<T>> | null; terms: T[]; isGlue: boolean };
/** Terms and glue words by spelling, walked one letter at a time. */
export type CompoundTrie<T> = Node<T>;

const A = 97;
const node = <T>(): Node<T> => ({ letters: new Array(26).fill(undefined), others: null, terms: [], isGlue: false });

function child<T>(at: Node<T>, code: number): Node<T> | undefined {
  return code - A >= 0 && code - A < 26 ? at.letters[code - A] : at.others?.get(code);
}

function insert<T>(root: Node<T>, word: string): Node<T> {
  let at = root;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    let next = child(at, code);
    if (!next) {
      next = node();
      if (code - A >= 0 && code - A < 26) at.letters[code - A] = next;
      else (at.others ??= new Map()).set(code, next);
    }
    at = next;
  }
  return at;
}

/** A trie of one-word terms (spelled out, three letters or more) and the glue words. */
export function buildCompoundTrie<T>(terms: Array<{ word: string; value: T }>): CompoundTrie<T> {
  const root = node<T>();
  for (const word of GLUE_WORDS) insert(root, word).isGlue = true;
  for (const { word, value } of terms) if (word.length >= MIN_PIECE) insert(root, word).terms.push(value);
  return root;
}

/**
 * The terms in `word` when it splits wholly into two or more terms and glue words, at least one a
 * term ("nudewoman" → nude; a plural "s" may end it: "nudegirls"), or an empty list.
 */
export function termsInCompound<T>(trie: CompoundTrie<T>, word: string): T[] {
  const n = word.length;
  if (n < MIN_COMPOUND || n > MAX_WORD || !startsWithPiece(trie, word)) return [];
  // State pos * 2 + hadTerm: the split reached pos, with or without a term so far. `prev` is the
  // state it came from (-1: not reached) and `via` the piece that took it there.
  const prev = new Int16Array(2 * (n + 1)).fill(-1);
  const via: Array<Node<T>> = new Array(2 * (n + 1));
  prev[0] = 0;
  for (let pos = 0; pos < n; pos++) {
    for (let hadTerm = 0; hadTerm < 2; hadTerm++) {
      const state = pos * 2 + hadTerm;
      if (prev[state] < 0) continue;
      let at: Node<T> | undefined = trie;
      for (let end = pos + 1; end <= n && at; end++) {
        at = child(at, word.charCodeAt(end - 1));
        if (!at || end - pos < MIN_PIECE || (pos === 0 && end >= n - 1)) continue;
        const next = end * 2 + (at.terms.length > 0 ? 1 : at.isGlue ? hadTerm : -2);
        if (next >= 0 && prev[next] < 0) {
          prev[next] = state;
          via[next] = at;
        }
      }
    }
  }
  let state = prev[n * 2 + 1] >= 0 ? n * 2 + 1 : prev[n * 2 - 1] >= 0 && /[sz]$/.test(word) ? n * 2 - 1 : -1;
  if (state < 0) return [];
  const found: T[] = [];
  for (; state !== 0; state = prev[state]) found.push(...via[state].terms);
  return found;
}

// Most words start with no term or glue word at all: say so before allocating anything.
function startsWithPiece<T>(trie: CompoundTrie<T>, word: string): boolean {
  let at: Node<T> | undefined = trie;
  for (let end = 1; end < word.length - 1 && at; end++) {
    at = child(at, word.charCodeAt(end - 1));
    if (at && end >= MIN_PIECE && (at.isGlue || at.terms.length > 0)) return true;
  }
  return false;
}
