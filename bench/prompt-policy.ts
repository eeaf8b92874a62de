import { DEFAULT_POLICY } from '../server/safety/default-policy';
import { compilePolicy } from '../server/safety/match-policy';
import type { Policy } from '../server/safety/policy-types';

// Prompt-policy cost for "Before generation: prompt policy": time to check one 300-character prompt
// against ~500 terms (the default policy padded with made-up words and phrases), budget < 1 ms.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
// Made-up words end in q so none of them is a real word the prompts below contain.
const word = () => Array.from({ length: 3 + Math.floor(random() * 6) }, (_, i) => pick([...(i % 2 ? 'aeiou' : 'bcdfghklmnprstvz')])).join('') + 'q';

const TERMS = 500;
const padding = Array.from({ length: TERMS - DEFAULT_POLICY.terms.length }, (_, i) => ({
  term: i % 4 === 0 ? `${word()} ${word()}` : word(),
  category: pick(DEFAULT_POLICY.categories).id,
}));
const policy: Policy = { ...DEFAULT_POLICY, terms: [...DEFAULT_POLICY.terms, ...padding] };

const INNOCENT = [
  'a portrait of an old fisherman', 'golden hour', 'highly detailed', '8k', '35mm film', 'bokeh', 'masterpiece',
  '(best quality:1.2)', 'cyberpunk city at night', 'neon reflections on wet asphalt', 'oil painting', 'by a river',
  'Massachusetts coastline', 'volumetric fog', 'trending on artstation', '1920s', 'R2D2', 'sharp focus',
  'ｆｕｌｌｗｉｄｔｈ ｔｅｘｔ', 'z\u200be\u200br\u200bo width', 'a b c d e', 'dramatic lighting', 'nude lipstick',
];
const EVASIVE = [...INNOCENT, 'n.u.d.e', 's3x', 'ｎｕｄｅ', 'g o r e', 'h3il h1tler', 'pоrn'];
// Split by a space inside ordinary text, a symbol for a letter, glued to another word.
const SPLIT_GLUED = [...INNOCENT, 'a nu de woman', 'na ked', 'p*rn', 'n_de', 'nudewoman', 'hotsexvideo'];
// Whole fragments up to 300 characters, padded with a neutral word: cutting "nude lipstick" short would be a real hit.
const promptFrom = (fragments: string[]) => {
  let text = pick(fragments);
  for (let next = pick(fragments); text.length + next.length + 2 <= 300; next = pick(fragments)) text += `, ${next}`;
  return text.padEnd(300, ' soft');
};

const t0 = performance.now();
const check = compilePolicy(policy);
const compileMs = performance.now() - t0;
console.log(`policy: ${policy.terms.length} terms, ${policy.allow.length} allowlist phrases, compiled in ${compileMs.toFixed(1)} ms`);

const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const sets = [['innocent', INNOCENT], ['with evasions', EVASIVE], ['with split, wildcard and glued words', SPLIT_GLUED]] as const;
for (const [name, fragments] of sets) {
  const prompts = Array.from({ length: 2_000 }, () => promptFrom(fragments));
  for (const p of prompts) check({ prompt: p });
  const times: number[] = [];
  let caught = 0;
  for (let round = 0; round < 10; round++) {
    for (const p of prompts) {
      const t = performance.now();
      if (check({ prompt: p }).verdict !== 'allow') caught++;
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const at = (q: number) => times[Math.floor(q * (times.length - 1))];
  console.log(
    `300-char prompts, ${name}: ${times.length} checks, ${caught} not allowed; per prompt mean ${us(mean)}, p50 ${us(at(0.5))}, p99 ${us(at(0.99))}, max ${us(times[times.length - 1])}`,
  );
}
