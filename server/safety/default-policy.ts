import type { Policy, PolicyTerm } from './policy-types';

const inCategory = (category: string, terms: string[]): PolicyTerm[] => terms.map((term) => ({ term, category }));

// What a fresh install seeds its policy with: short, clinical and meant to be edited. Terms match
// whole words and phrases only (so "nude" never hits "denude", "sex" never hits "Essex"), plurals
// included ("nudes"), and evasions (spacing, leet, look-alikes) are undone before matching, so each
// term is listed once in plain spelling. Slurs are left for each install to add in its own languages.
// Left out on purpose: "shota" (a common Japanese given name; "shotacon" stays), "erection" (of a
// building), "1488" (also a year): whole-word matching cannot tell those senses apart.
export const DEFAULT_POLICY: Policy = {
  // People write "nsfw, nude" in the negative prompt to steer away from such images, so sexual
  // terms there are only recorded; the image is still classified after generation.
  categories: [
    { id: 'sexual', label: 'Sexual content', action: 'block', negativeAllowed: true },
    { id: 'minors-sexual', label: 'Sexual content involving minors', action: 'block', negativeAllowed: false },
    { id: 'violence-gore', label: 'Graphic violence and gore', action: 'flag', negativeAllowed: false },
    { id: 'hate', label: 'Hate symbols and slogans', action: 'flag', negativeAllowed: false },
    { id: 'self-harm', label: 'Self-harm and suicide', action: 'flag', negativeAllowed: false },
  ],
  terms: [
    ...inCategory('sexual', [
      'nude', 'naked', 'nudity', 'nood', 'nsfw', 'porn', 'porno', 'pron', 'pornography', 'pornographic',
      'hentai', 'xxx', 'sex', 'sex scene', 'sexual intercourse', 'oral sex', 'anal sex', 'blow job',
      'genitals', 'genitalia', 'penis', 'vagina', 'vulva', 'orgasm', 'masturbation',
      'masturbating', 'ejaculation', 'topless', 'bare breasts', 'exposed breasts', 'erotic', 'bdsm',
      'rape', 'raped',
    ]),
    ...inCategory('minors-sexual', [
      'loli', 'lolicon', 'shotacon', 'jailbait', 'child porn', 'child pornography', 'kiddie porn',
      'csam', 'underage nude', 'underage sex', 'nude child', 'naked child', 'nude children',
      'naked children', 'nude minor', 'naked minor', 'preteen nude', 'pedo', 'pedophile', 'paedophile',
      'pedophilia',
    ]),
    ...inCategory('violence-gore', [
      'gore', 'gory', 'decapitated', 'decapitation', 'beheaded', 'beheading', 'dismembered',
      'dismemberment', 'disemboweled', 'disembowelled', 'mutilated', 'mutilation', 'severed head',
      'severed limbs', 'entrails', 'blood splatter', 'pool of blood', 'bloodbath', 'massacre',
      'mass shooting', 'school shooting', 'torture', 'lynching', 'impaled', 'gunshot wound', 'flayed',
    ]),
    ...inCategory('hate', [
      'swastika', 'nazi propaganda', 'heil hitler', 'sieg heil', 'white power', 'white supremacy',
      'white supremacist', 'kkk', 'ku klux klan', 'burning cross', 'ethnic cleansing', 'master race',
      'blood and soil', 'rahowa', 'hate symbol',
    ]),
    ...inCategory('self-harm', [
      'suicide', 'suicidal', 'self harm', 'self injury', 'self mutilation', 'cutting wrists', 'slit wrists',
      'slashed wrists', 'kill myself', 'hang myself', 'noose', 'overdose', 'suicide note', 'pro ana',
      'thinspo', 'thinspiration',
    ]),
  ],
  // Everyday phrases that contain a term but mean something else; a term is let through only where
  // the whole phrase surrounds it ("nude lipstick, nude woman" is still blocked).
  allow: [
    'nude color', 'nude colour', 'nude colored', 'nude coloured', 'nude lipstick', 'nude makeup',
    'nude tone', 'nude palette', 'nude heels', 'nude shade', 'naked eye', 'naked mole rat', 'naked flame',
    'naked cake', 'food porn', 'same sex', 'opposite sex', 'sex pistols', 'al gore', 'gore tex',
    'suicide squad', 'suicide doors', 'oilseed rape', 'white power cable', 'white power cord',
    'white power outlet', 'white power strip', 'white power supply', 'white power adapter', 'pc master race',
  ],
};
