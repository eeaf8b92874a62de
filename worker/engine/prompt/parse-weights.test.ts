import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromptWeights, type PromptFragment } from './parse-weights';

const pairs = (fragments: PromptFragment[]) => fragments.map((f) => (f.isBreak ? ['BREAK', 'break'] : [f.text, f.weight]));

describe('parsePromptWeights: AUTOMATIC1111 docstring examples', () => {
  // modules/prompt_parser.py parse_prompt_attention doctests, floats exactly as Python prints them.
  const table: [string, (string | number)[][]][] = [
    ['normal text', [['normal text', 1.0]]],
    ['an (important) word', [['an ', 1.0], ['important', 1.1], [' word', 1.0]]],
    ['(unbalanced', [['unbalanced', 1.1]]],
    ['\\(literal\\]', [['(literal]', 1.0]]],
    ['(unnecessary)(parens)', [['unnecessaryparens', 1.1]]],
    [
      'a (((house:1.3)) [on] a (hill:0.5), sun, (((sky))).',
      [
        ['a ', 1.0],
        ['house', 1.5730000000000004],
        [' ', 1.1],
        ['on', 1.0],
        [' a ', 1.1],
        ['hill', 0.55],
        [', sun, ', 1.1],
        ['sky', 1.4641000000000006],
        ['.', 1.1],
      ],
    ],
  ];
  it.each(table)('%s', (input, expected) => {
    expect(pairs(parsePromptWeights(input))).toEqual(expected);
  });
});

describe('parsePromptWeights: more cases, checked against A1111 (Python) output', () => {
  const table: [string, (string | number)[][]][] = [
    ['', [['', 1.0]]],
    ['((word))', [['word', 1.2100000000000002]]],
    ['(word:1.5)', [['word', 1.5]]],
    ['(word: 1.5 )', [['word', 1.5]]],
    ['[word]', [['word', 0.9090909090909091]]],
    ['[[word]]', [['word', 0.8264462809917354]]],
    ['([word])', [['word', 1.0]]],
    ['((a:1.5) b)', [['a', 1.6500000000000001], [' b', 1.1]]],
    ['(a:-1)', [['a', -1.0]]],
    ['(a:.5)', [['a', 0.5]]],
    ['(a:1.)', [['a', 1.0]]],
    ['a:1.5)', [['a:1.5)', 1.0]]],
    ['stray) closers] stay', [['stray) closers] stay', 1.0]]],
    ['[unclosed square', [['unclosed square', 0.9090909090909091]]],
    ['( [a ) b', [[' ', 1.1], ['a ', 1.0], [' b', 0.9090909090909091]]],
    ['\\\\ and \\x', [['\\ and x', 1.0]]],
    ['(a)\\', [['a', 1.1], ['', 1.0]]],
    ['time: 12:30', [['time: 12:30', 1.0]]],
  ];
  it.each(table)('%s', (input, expected) => {
    expect(pairs(parsePromptWeights(input))).toEqual(expected);
  });
});

describe('parsePromptWeights: differences from A1111', () => {
  it('reads a malformed weight as text instead of crashing', () => {
    // A1111 raises ValueError from float('1.2.3').
    expect(pairs(parsePromptWeights('(a:1.2.3)'))).toEqual([['a:1.2.3', 1.1]]);
    expect(pairs(parsePromptWeights('(a:.)'))).toEqual([['a:.', 1.1]]);
  });

  it('splits on BREAK as its own fragment, even inside brackets', () => {
    expect(pairs(parsePromptWeights('a cat BREAK (a hat) BREAK'))).toEqual([
      ['a cat', 1.0], ['BREAK', 'break'], ['', 1.0], ['a hat', 1.1], ['', 1.0], ['BREAK', 'break'], ['', 1.0],
    ]);
    expect(pairs(parsePromptWeights('(a BREAK b)'))).toEqual([['a', 1.1], ['BREAK', 'break'], ['b', 1.1]]);
  });

  it('leaves BREAK inside words, and BREAK when breaks are off, as text', () => {
    expect(pairs(parsePromptWeights('BREAKFAST éBREAK'))).toEqual([['BREAKFAST éBREAK', 1.0]]);
    expect(pairs(parsePromptWeights('a BREAK b', { breaks: false }))).toEqual([['a BREAK b', 1.0]]);
  });
});

describe('parsePromptWeights: properties', () => {
  const bracketSoup = fc
    .array(fc.constantFrom('(', ')', '[', ']', ':', '\\', ' ', 'a', 'b', '1', '.', ':1.5)', ':0.5)', 'BREAK', ','), {
      maxLength: 300,
    })
    .map((parts) => parts.join(''));
  const anyText = fc.oneof(fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }), bracketSoup);

  it('never throws, and returns at least one fragment with a weight', () => {
    fc.assert(
      fc.property(anyText, (input) => {
        const fragments = parsePromptWeights(input);
        expect(fragments.length).toBeGreaterThan(0);
        for (const f of fragments) expect(typeof f.weight).toBe('number');
      }),
      { numRuns: 2000 },
    );
  });

  it('loses no text: only brackets, backslashes and weight markers are removed', () => {
    const skeleton = (value: string) => value.replace(/[()[\]\\:.+\-\d\s]/g, '');
    fc.assert(
      fc.property(anyText, (input) => {
        const joined = parsePromptWeights(input, { breaks: false }).map((f) => f.text).join('');
        expect(skeleton(joined)).toBe(skeleton(input));
      }),
      { numRuns: 1000 },
    );
  });

  it('merges neighbours: no two adjacent text fragments share a weight', () => {
    fc.assert(
      fc.property(bracketSoup, (input) => {
        const fragments = parsePromptWeights(input);
        for (let i = 1; i < fragments.length; i++) {
          const [a, b] = [fragments[i - 1], fragments[i]];
          if (!a.isBreak && !b.isBreak) expect(a.weight).not.toBe(b.weight);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('reads text without markup as one fragment at weight 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }).filter((s) => !/[()[\]\\:]|BREAK/.test(s)), (input) => {
        expect(parsePromptWeights(input)).toEqual([{ text: input, weight: 1 }]);
      }),
    );
  });

  it('overflows like A1111 on absurd nesting instead of throwing', () => {
    // 1.1^8000 is beyond float range; the encoder, not the parser, deals with such weights.
    expect(parsePromptWeights('('.repeat(8000) + 'a')).toEqual([{ text: 'a', weight: Infinity }]);
  });

  it('handles very long inputs quickly', () => {
    const long = '(masterpiece:1.2), [[blurry]], a ((red)) cat \\(sitting\\), BREAK '.repeat(2000);
    const soup = '(['.repeat(5000) + 'x'.repeat(1000) + ')]'.repeat(3000);
    const started = performance.now();
    expect(parsePromptWeights(long).length).toBeGreaterThan(2000);
    expect(parsePromptWeights(soup)).toHaveLength(1);
    expect(parsePromptWeights('a'.repeat(1_000_000))).toEqual([{ text: 'a'.repeat(1_000_000), weight: 1 }]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
