import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONFUSABLES } from './confusables';
import { DEFAULT_POLICY } from './default-policy';
import { matchPolicy } from './match-policy';
import { collapseSpacedLetters, foldText, leetVariants, normalizePrompt } from './normalize';
import { isOrdinaryWord } from './ordinary-words';
import { wildcardForm } from './wildcards';

// What matching sees: the candidate spellings of each slot, without the offsets into the original.
const formsOf = (text: string) => normalizePrompt(text).views.map((view) => view.map((slot) => slot.forms));

const INVISIBLES = ['\u200b', '\u200c', '\u200d', '\u2060', '\u00ad', '\ufeff', '\ufe0f', '\ufe00', '\u0301', '\u0336', '\u034f', '\u180e', '\u{e0041}', '\u202e', '\u0008', '\u007f', '\u2800'];
const promptText = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,.-_!?$@|()'), maxLength: 60 });

// Every way the map (plus fullwidth, math bold/sans/monospace and circled letters) can spell a Latin letter.
const STYLED_ALPHABETS = [[0xff21, 0xff41], [0x1d400, 0x1d41a], [0x1d5a0, 0x1d5ba], [0x1d670, 0x1d68a], [0x24b6, 0x24d0]];
const lookAlikes = new Map<string, string[]>();
for (let i = 0; i < 26; i++) {
  lookAlikes.set(String.fromCharCode(65 + i), STYLED_ALPHABETS.map(([upper]) => String.fromCodePoint(upper + i)));
  lookAlikes.set(String.fromCharCode(97 + i), STYLED_ALPHABETS.map(([, lower]) => String.fromCodePoint(lower + i)));
}
for (const [ch, latin] of CONFUSABLES) lookAlikes.get(latin)?.push(ch);

// Innocent words, none of them a policy term or able to complete a policy phrase or allowlist phrase.
const INNOCENT_WORDS = (
  'a I the of and in on with at by class passage assistant Massachusetts Essex Sussex Middlesex sextant sexton ' +
  'sextet skills therapist therapists grapefruit analysis analyst Scunthorpe cocktail peacock Hancock shooting star ' +
  'denude denuded nudibranch nudge torpedo pedestrian encyclopedia cumulus title titanium arsenal Dickens butterscotch ' +
  'grape drape scrape rapeseed raptor rapture gorge gorilla gorgeous assassin assessment compass bass embassy ' +
  'grasshopper harassment breast breaststroke erect erected shotgun Shotokan lolly lollipop Lolita porch pronoun ' +
  'pronto kit kitten portrait landscape render watercolor oil painting mountain lake dawn golden hour 4k 8k 3d ' +
  'R2D2 1920s 35mm 1girl 2girls 80s 7th 3rd 4x4 cat dog castle forest city night neon pen headed heading ' +
  'descending password documents therapy grapes cocktail woman girl photo hot video'
).split(' ');
const innocentWord = fc.constantFrom(...INNOCENT_WORDS);
const SINGLE_WORD_TERMS = DEFAULT_POLICY.terms.map((t) => t.term).filter((t) => /^[a-z]{3,}$/.test(t));

describe('foldText', () => {
  it('is idempotent on any text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => foldText(foldText(text)) === foldText(text)));
  });

  it('gives the same slots when normalising the normal form again', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (text) => {
      expect(formsOf(foldText(text))).toEqual(formsOf(text));
    }));
  });

  it('ignores zero-width and invisible characters inserted anywhere', () => {
    const insertion = fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES));
    fc.assert(fc.property(promptText, fc.array(insertion, { maxLength: 8 }), (text, inserts) => {
      let noisy = text;
      for (const [at, ch] of inserts) noisy = noisy.slice(0, at % (noisy.length + 1)) + ch + noisy.slice(at % (noisy.length + 1));
      expect(formsOf(noisy)).toEqual(formsOf(text));
    }));
  });

  it('ignores case', () => {
    fc.assert(fc.property(promptText, fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }), (text, flips) => {
      const recased = [...text].map((ch, i) => (flips[i] ? ch.toUpperCase() : ch.toLowerCase())).join('');
      expect(formsOf(recased)).toEqual(formsOf(text));
    }));
  });

  it('reads look-alike letters from other scripts and styled Unicode as the Latin letter', () => {
    const letters = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ '), maxLength: 40 });
    fc.assert(fc.property(letters, fc.array(fc.nat(), { minLength: 40, maxLength: 40 }), (text, picks) => {
      const disguised = [...text].map((ch, i) => {
        const options = lookAlikes.get(ch);
        return !options || picks[i] % 3 === 0 ? ch : options[picks[i] % options.length];
      });
      expect(foldText(disguised.join(''))).toBe(foldText(text));
    }));
  });
});

describe('evasion by separators', () => {
  it('still finds a blocked word spelled out with separators between its letters', () => {
    const spaced = fc.record({ glue: fc.constantFrom(' ', ' . ', ', ', ' - ', '  '), mixed: fc.constant(false) });
    const glued = fc.record({ glue: fc.constant(''), mixed: fc.constant(true) });
    const context = fc.array(innocentWord.filter((w) => w.length > 1), { maxLength: 3 });
    fc.assert(fc.property(fc.constantFrom(...SINGLE_WORD_TERMS), fc.oneof(spaced, glued), fc.array(fc.constantFrom('.', '-', '_', '*', '·', '', "'", '~', '\u200b')), context, context, (term, style, gaps, before, after) => {
      const letters = [...term];
      const spelled = letters.map((ch, i) => (i === 0 ? ch : (style.mixed ? (gaps[i] ?? '.') : style.glue) + ch)).join('');
      const prompt = [...before, spelled, ...after].join(' ');
      const { hits } = matchPolicy(DEFAULT_POLICY, { prompt });
      expect(hits.map((h) => h.term)).toContain(term);
    }));
  });

  it('finds a term split in two by spaces, unless both halves are everyday words ("pen is")', () => {
    const context = fc.array(innocentWord.filter((w) => w.length > 1), { maxLength: 3 });
    fc.assert(fc.property(fc.constantFrom(...SINGLE_WORD_TERMS), fc.nat(), fc.constantFrom(' ', '  ', '\u3000'), context, context, (term, at, gap, before, after) => {
      const cut = 1 + (at % (term.length - 1));
      const [head, tail] = [term.slice(0, cut), term.slice(cut)];
      fc.pre(!(isOrdinaryWord(head) && isOrdinaryWord(tail)));
      const prompt = [...before, `${head}${gap}${tail}`, ...after].join(' ');
      expect(matchPolicy(DEFAULT_POLICY, { prompt }).hits.map((h) => h.term)).toContain(term);
    }));
  });

  it('finds a term with a symbol in place of one of its inner letters', () => {
    fc.assert(fc.property(fc.constantFrom(...SINGLE_WORD_TERMS), fc.nat(), fc.constantFrom('*', '_', '#', '?', '%'), (term, at, symbol) => {
      const i = 1 + (at % (term.length - 2));
      const prompt = `a portrait, ${term.slice(0, i)}${symbol}${term.slice(i + 1)}, soft light`;
      expect(matchPolicy(DEFAULT_POLICY, { prompt }).hits.map((h) => h.term)).toContain(term);
    }));
  });

  it('finds a term glued to an everyday word before or after it', () => {
    const glue = fc.constantFrom('woman', 'girls', 'photo', 'hot', 'video', 'art', 'selfie');
    fc.assert(fc.property(fc.constantFrom(...SINGLE_WORD_TERMS), glue, fc.boolean(), (term, word, isBefore) => {
      const prompt = `a portrait, ${isBefore ? word + term : term + word}, soft light`;
      expect(matchPolicy(DEFAULT_POLICY, { prompt }).hits.map((h) => h.term)).toContain(term);
    }));
  });

  it('never matches text made only of innocent words, whatever separates them', () => {
    const separator = fc.constantFrom(' ', ', ', '-', '_', ' | ', '. ', '/');
    fc.assert(fc.property(fc.array(fc.tuple(innocentWord, separator), { minLength: 1, maxLength: 12 }), (parts) => {
      const prompt = parts.map(([word, sep]) => word + sep).join('');
      expect(matchPolicy(DEFAULT_POLICY, { prompt }).hits).toEqual([]);
    }));
  });
});

describe('collapseSpacedLetters', () => {
  const pieces = (...raws: string[]) => raws.map((raw, i) => ({ raw, start: i, end: i + 1 }));
  const raws = (...input: string[]) => collapseSpacedLetters(pieces(...input)).map((p) => p.raw);

  it('glues runs of three or more single letters and leaves real words alone', () => {
    expect(raws('n', 'u', 'd', 'e', 'photo')).toEqual(['nude', 'photo']);
    expect(raws('glass', 'art')).toEqual(['glass', 'art']);
    expect(raws('plan', 'a', 'or', 'b')).toEqual(['plan', 'a', 'or', 'b']);
    expect(raws('n.', '-', 'u.', '-', 'd.')).toEqual(['nud']);
  });
});

describe('leetVariants', () => {
  it('decodes words that mix letters with leet digits and symbols', () => {
    expect(leetVariants('s3x')).toEqual(['sex']);
    expect(leetVariants('$ex')).toEqual(['sex']);
    expect(leetVariants('k!ll')).toEqual(['kill', 'klll']);
  });

  it('leaves numbers, resolutions and model names alone', () => {
    for (const word of ['1920', '1920s', 'r2d2', 'h264', '1080']) expect(leetVariants(word)).toEqual([]);
  });
});

describe('wildcardForm', () => {
  it('reads each symbol inside a word as one unknown letter', () => {
    expect(wildcardForm('p*rn')).toBe('p?rn');
    expect(wildcardForm('p**n')).toBe('p??n');
    expect(wildcardForm('n_de')).toBe('n?de');
    expect(wildcardForm('s#x!')).toBe('s?x');
    expect(wildcardForm('p.rn')).toBe('p?rn');
  });

  it('leaves acronyms, missing spaces after a full stop, edges and words with too few letters alone', () => {
    for (const word of ['u.s.s.', 'p.s.', 's.e', 'p.on', 'end.the', '*nude*', 'a**', 'a***b', '***', 'nude', 'long-hair']) {
      expect(wildcardForm(word), word).toBeNull();
    }
  });
});

describe('normalizePrompt', () => {
  it('marks the slots that only spaces part, in the view cut at whitespace', () => {
    const [chunks, words] = normalizePrompt('nu de, a b-c  x').views;
    expect(chunks.map((s) => [s.forms[0], Boolean(s.joinsNext)])).toEqual([['nu', true], ['de', false], ['a', true], ['bc', true], ['x', false]]);
    expect(words.some((s) => s.joinsNext)).toBe(false);
  });
});
