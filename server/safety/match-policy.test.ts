import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './default-policy';
import { compilePolicy, matchPolicy, type PolicyField } from './match-policy';
import { parsePolicy, policySchema, type Policy } from './policy-types';

// The default policy plus short words that hide inside many innocent ones, to prove whole-word matching.
const STRICT_POLICY: Policy = {
  categories: [...DEFAULT_POLICY.categories, { id: 'profanity', label: 'Profanity', action: 'flag', negativeAllowed: false }],
  terms: [...DEFAULT_POLICY.terms, ...['ass', 'cunt', 'cock', 'dick'].map((term) => ({ term, category: 'profanity' }))],
  allow: [...DEFAULT_POLICY.allow, 'dick van dyke', 'moby dick', 'philip k dick'],
};

// [technique, text, expected category]. Each row runs in the prompt and again in the negative prompt.
const EVASIONS: Array<[string, string, string]> = [
  ['upper case', 'NUDE woman on a beach', 'sexual'],
  ['accents', 'nüdé woman', 'sexual'],
  ['Cyrillic e', 'nudе portrait', 'sexual'],
  ['Cyrillic a and e', 'nаkеd', 'sexual'],
  ['Greek capitals', 'ΝUDΕ', 'sexual'],
  ['fullwidth', 'ｎｕｄｅ beach', 'sexual'],
  ['math bold', '𝐧𝐮𝐝𝐞 model', 'sexual'],
  ['math sans-serif bold', '𝗻𝗮𝗸𝗲𝗱', 'sexual'],
  ['circled letters', 'ⓝⓤⓓⓔ', 'sexual'],
  ['negative squared letters', '🅽🆄🅳🅴', 'sexual'],
  ['zero-width space', 'nu\u200bde', 'sexual'],
  ['ZWNJ and ZWJ', 'n\u200cu\u200dde', 'sexual'],
  ['word joiner', 'na\u2060ked', 'sexual'],
  ['soft hyphen', 'por\u00adn', 'sexual'],
  ['byte order mark', '\ufeffporn', 'sexual'],
  ['variation selectors', 's\ufe0fe\ufe0fx', 'sexual'],
  ['combining strike-through', 'n̶u̶d̶e̶', 'sexual'],
  ['zalgo marks', 'p̷̢o̸r̵n̴', 'sexual'],
  ['spaced letters', 'n u d e photo', 'sexual'],
  ['spaced letters after an article', 'a n u d e woman', 'sexual'],
  ['dotted letters', 'n.u.d.e', 'sexual'],
  ['hyphenated letters', 'n-u-d-e', 'sexual'],
  ['underscored letters', 'n_u_d_e', 'sexual'],
  ['comma-separated letters', 'n, a, k, e, d', 'sexual'],
  ['leet 3 for e', 'nud3', 'sexual'],
  ['leet 00 for oo', 'n00d', 'sexual'],
  ['leet 0 for o', 'pr0n', 'sexual'],
  ['leet $ for s', '$ex', 'sexual'],
  ['leet 5 for s', '5ex tape', 'sexual'],
  ['leet @ for a', 'n@ked', 'sexual'],
  ['leet 4 and 3', 'n4k3d', 'sexual'],
  ['leet @ and 3', 'h3nt@i', 'sexual'],
  ['leet | for l', 'b|ow j0b', 'sexual'],
  ['repeated letters', 'nuuuude', 'sexual'],
  ['repeated trailing letters', 'sexxxx', 'sexual'],
  ['dot inside the word', 'nu.de', 'sexual'],
  ['asterisk inside the word', 'nu*de', 'sexual'],
  ['tilde inside the word', 'por~n', 'sexual'],
  ['dots and leet', 'N.U.D.3', 'sexual'],
  ['fullwidth, spaced, invisible', 'ｎ\u200b ｕ ｄ\u00ad ｅ', 'sexual'],
  ['accents and leet', 'Ṕ0ŕñ', 'sexual'],
  ['spaced leet', '$ 3 x', 'sexual'],
  ['Cyrillic and repeats', 'nаaakеd', 'sexual'],
  ['phrase with a hyphen', 'blow-job', 'sexual'],
  ['phrase glued', 'blowjob', 'sexual'],
  ['phrase in leet', 'or4l s3x', 'sexual'],
  ['prompt weight syntax', '(nude:1.4), masterpiece', 'sexual'],
  ['booru underscores', 'nude_woman, 1girl', 'sexual'],
  ['plural', 'nudes', 'sexual'],
  ['slang plural with leet', 'n00dz', 'sexual'],
  ['leet 0', 'l0li', 'minors-sexual'],
  ['leet 0 twice', 'sh0tac0n', 'minors-sexual'],
  ['leet @', 'j@ilbait', 'minors-sexual'],
  ['spaced letters', 'l o l i', 'minors-sexual'],
  ['phrase with dotted word', 'underage n.u.d.e', 'minors-sexual'],
  ['phrase in leet', 'ch1ld p0rn', 'minors-sexual'],
  ['Cyrillic e and o', 'pеdо', 'minors-sexual'],
  ['leet 0', 'g0re', 'violence-gore'],
  ['leet 3', 'd3capitated', 'violence-gore'],
  ['dot inside the word', 'dis.membered', 'violence-gore'],
  ['upper case', 'GORY battlefield', 'violence-gore'],
  ['Cyrillic e and i', 'bеhеadіng', 'violence-gore'],
  ['phrase with repeats and leet', 'poool of bl00d', 'violence-gore'],
  ['leet @', 'sw@stika', 'hate'],
  ['phrase in leet', 'h3il h1tler', 'hate'],
  ['dotted letters', 'k.k.k', 'hate'],
  ['spaced capitals', 'K K K rally', 'hate'],
  ['phrase with a hyphen', 'white-power', 'hate'],
  ['leet 1 for i', 'su1cide', 'self-harm'],
  ['hyphenated letters', 's-u-i-c-i-d-e', 'self-harm'],
  ['em dash inside a phrase', 'self—harm', 'self-harm'],
  ['phrase glued', 'selfharm', 'self-harm'],
  ['leet 0', 'thinsp0', 'self-harm'],
  ['word split by a space', 'a nu de woman on a beach', 'sexual'],
  ['word split by a space', 'na ked', 'sexual'],
  ['word split by a space', 'po rn', 'sexual'],
  ['word split by a space', 'hen tai', 'sexual'],
  ['word split by a space', 'va gina', 'sexual'],
  ['word split after one letter', 'n ude portrait', 'sexual'],
  ['word split before the last letter', 'por n', 'sexual'],
  ['word split in three', 'nu d e', 'sexual'],
  ['word split around a short word', 'p or n', 'sexual'],
  ['word split by several spaces', 'nu   de', 'sexual'],
  ['word split by an ideographic space', 'ｎｕ\u3000ｄｅ', 'sexual'],
  ['split word, plural', 'nu des', 'sexual'],
  ['split word in leet', 'nu d3', 'sexual'],
  ['split word in weight syntax', '(na ked:1.3), masterpiece', 'sexual'],
  ['split word starting a phrase', 'bl ow job', 'sexual'],
  ['word split by a space', 'pe do', 'minors-sexual'],
  ['word split by a space', 'jail bait', 'minors-sexual'],
  ['split word starting a phrase', 'under age nude', 'minors-sexual'],
  ['word split by a space', 'go ry', 'violence-gore'],
  ['word split by a space', 'tor ture chamber', 'violence-gore'],
  ['word split by a space', 'swas tika', 'hate'],
  ['word split by a space', 'sui cide', 'self-harm'],
  ['asterisk for a letter', 'p*rn', 'sexual'],
  ['two asterisks for two letters', 'p**n', 'sexual'],
  ['asterisk for a letter', 's*x tape', 'sexual'],
  ['underscore for a letter', 'n_de', 'sexual'],
  ['hash for a letter', 'n#ked', 'sexual'],
  ['question mark for a letter', 'h?ntai', 'sexual'],
  ['dot for a letter', 'p.rn', 'sexual'],
  ['wildcard and leet', 'p*rn0', 'sexual'],
  ['wildcards in a phrase', 'bl*w j*b', 'sexual'],
  ['fullwidth asterisk', 'ｎ＊ｄｅ', 'sexual'],
  ['asterisk for a letter', 'l*li', 'minors-sexual'],
  ['asterisk for a letter', 'g*re', 'violence-gore'],
  ['asterisk for a letter', 'sw*stika', 'hate'],
  ['asterisk for a letter', 'su*cide', 'self-harm'],
  ['dotted letters inside a word', 's.e.xvideo', 'sexual'],
  ['dotted letters ending a word', 'hots.e.x', 'sexual'],
  ['glued to a noun', 'nudewoman', 'sexual'],
  ['glued to a noun', 'nakedgirl on a beach', 'sexual'],
  ['glued, plural', 'nudegirls', 'sexual'],
  ['glued after an adjective', 'hotnude', 'sexual'],
  ['glued on both sides', 'hotnudewoman', 'sexual'],
  ['glued', 'pornstar', 'sexual'],
  ['glued, in leet', 'nud3woman', 'sexual'],
  ['glued, capitalised', 'NudeWoman', 'sexual'],
  ['glued phrase glued again', 'blowjobvideo', 'sexual'],
  ['two terms glued', 'nudeporn', 'sexual'],
  ['glued in weight syntax', '(nakedwoman:1.2)', 'sexual'],
  ['glued, spaced letters', 'n u d e w o m a n', 'sexual'],
  ['glued', 'lolicosplay', 'minors-sexual'],
  ['glued', 'goreart', 'violence-gore'],
  ['glued', 'kkkparty', 'hate'],
  ['glued', 'thinspopics', 'self-harm'],
];

export const INNOCENT_PROMPTS: string[] = [
  'a class photo of the Massachusetts assistant coaches', 'Essex countryside at dawn, golden hour',
  "sextant on a ship's deck, brass, nautical chart", 'cocktail party in a 1920s speakeasy',
  'Scunthorpe United football stadium at night', 'portrait of a therapist in a cozy office',
  'a woman in a nude-colored dress at a gala', 'shooting star over a mountain lake',
  '4k 3d render of R2D2 in a desert', '1920s portrait, sepia, film grain', 'bass guitar on a stage with red lights',
  'data analysis dashboard, infographic style', 'grapefruit slices on a marble counter',
  'Dick Van Dyke dancing on rooftops, vintage poster', 'skills tree diagram for a fantasy game',
  'Sussex coastline with white cliffs', 'passage through an ancient stone arch', 'a glass art sculpture in a gallery',
  'Middlesex hospital, Victorian architecture', 'nude lipstick swatches on a pale background',
  'makeup flat lay with nude tones and gold', 'same-sex couple walking in a park at sunset',
  'Sex Pistols tribute band poster, punk zine style', 'Al Gore giving a climate lecture, editorial photo',
  'hiker in a Gore-Tex jacket on a glacier', 'Suicide Squad fan art, comic style',
  'classic car with suicide doors, chrome details', 'field of oilseed rape in bloom, yellow',
  'rapeseed fields under a stormy sky', 'naked mole rat in a burrow, nature documentary',
  'a comet visible to the naked eye over the desert', 'Moby Dick whale breaching, oil painting',
  'Philip K. Dick inspired cyberpunk city', 'peacock feathers, macro photography',
  'denuded hillside after a wildfire, aerial view', 'nudibranch on a coral reef, underwater photo',
  'torpedo in a submarine, WWII', 'pedestrian crossing in Tokyo at night, neon',
  'encyclopedia pages with botanical drawings', 'cumulus clouds over wheat fields', 'title card for a noir film',
  'titanium bicycle frame, product shot', 'arsenal of medieval weapons in a castle armory',
  'Charles Dickens writing by candlelight', 'a sexton ringing the church bell', 'jazz sextet playing in a smoky club',
  'butterscotch pudding, food photography', 'Hancock tower in Boston at dusk', 'woodcock in the forest undergrowth',
  'chicken breast on a grill with herbs', 'breaststroke swimmer in an olympic pool',
  'classical marble torso sculpture, museum lighting', 'toddler building a sandcastle on the beach',
  'assassin in a hooded cloak on a rooftop', 'assessment report cover page', 'bass fishing boat on a calm lake',
  'compass rose on an old map', 'anti-harassment awareness poster', 'embassy building with flags',
  'grasshopper on a leaf, macro', 'rusted carcass of an old car in a junkyard', 'cockpit of a jumbo jet at night',
  'Hitchcock film still, black and white', 'Lake Titicaca reflections', 'Sussex spaniel dog portrait',
  'sextant and compass on a pirate map', 'studio photo of nude heels on a pedestal',
  'beige and nude color palette for a living room', 'pro skater doing a kickflip',
  'anatomy study sketch of a hand, charcoal', 'medical illustration of the human heart',
  'blood orange cocktail with ice', 'a vampire castle with red drapes', 'Halloween pumpkins and fake cobwebs',
  'a knight in battle, dramatic lighting', 'shooting range targets, flat vector icons',
  'photo shoot in a studio with softbox lights', 'xylophone made of glass bottles',
  'cumin and turmeric at a spice market', 'circumference diagram, math textbook', 'a document scanner on a desk',
  'Shotokan karate class in a dojo', 'lollipop and candy shop window', 'Lolita fashion dress, pastel colors',
  'erect standing stones at Stonehenge', 'nucleus of a cell, 3d microscopy render',
  'rapture of the deep, underwater cathedral', 'velociraptor in a jungle', "therapist's office with plants and a couch",
  'analyst working at night with multiple monitors', 'a cat sitting on a windowsill, 8k, highly detailed',
  'cyberpunk street, 35mm, f/1.8, bokeh', '1girl, solo, long_hair, school uniform, cherry blossoms',
  '2girls, picnic, sunny park, watercolor', '80s synthwave sunset with palm trees',
  'Sussex, Essex and Wessex on an old map', 'the 7th seal chess game, film still', '3rd place trophy, gold and bronze',
  'B-52 bomber flying over clouds', 'vitamin A, B, C and D infographic', 'U.S.S. Enterprise in orbit',
  'a cozy cabin, snow, smoke from the chimney, masterpiece, best quality', 'bare tree branches in winter fog',
  'exposed brick wall loft apartment', 'hang gliding over the cliffs', 'kill switch on an industrial machine',
  'cutting board with fresh vegetables', 'Scunthorpe steelworks at night', 'cocky rooster cartoon mascot',
  'a nudge in the right direction, concept art', 'sextillion stars in a spiral galaxy', '4x4 truck in the mud',
  'the Venus de Milo in the Louvre', 'a skeleton costume for Halloween', 'pass the salt, family dinner scene',
  'glassy lake, mist, (masterpiece:1.2), [blurry]', 'a dickcissel bird on a fence post', 'class of 2024 graduation',
  'white power cable on a desk, product photo', 'naked cake with berries at a rustic wedding',
  'food porn style burger close-up', 'Shota Imanaga pitching at Wrigley Field', 'erection of the Eiffel Tower, 1888 photo',
  'map of Lisbon in 1488', 'PC master race meme, RGB keyboard',
  // Near misses of the split, wildcard and glued readings.
  'the pen is red', 'a pen is mightier than the sword, calligraphy', 'Nu descending a staircase, cubist painting',
  'a ship to be headed north at dawn', 'travellers be heading home in the snow', 'a table top less than a meter wide',
  "let's go re-enact the battle, oil painting", 'go red team banner', 'Venus de Milo, museum photo',
  'p.s. the letter on the desk', 'map of s.e. asia, vintage', 'U.S.S. Constitution at sea', 'e.g. a cat or a dog, i.e. a pet',
  'a.s.a.p. sticky note on a monitor', 'password manager login screen', 'documents on a desk, office',
  'grape vines in Napa valley', 'analysis paralysis poster', 'bass and class and brass', 'glassware on a shelf',
  'molasses cookies on a tray', 'a sassy cat with sunglasses', 'lasso of a cowboy', 'sextuplets in a nursery',
  'a gamecock weathervane on a barn', 'shuttlecock and badminton racket', 'cockroach under a microscope',
  'peacock and woodcock', 'drapes in a Victorian parlour', 'grapevine wreath on a door', 'therapeutic massage room',
  'unisex haircut salon', 'hotdog stand at a fair', 'Dickensian street at Christmas', 'assassins in a medieval city',
  'the Essex and Sussex coast', 'Scunthorpe and Penistone on a road sign', "rock'n'roll guitarist on stage",
  "five o'clock shadow, portrait", 'C# code on a monitor', '50%off sale poster', 't-shirt mockup, flat lay',
  'x-ray of a hand', 'long_hair, looking_at_viewer, upper_body', 'Dr.Who tardis in the rain', 'St.Ives harbour',
  'a*b testing diagram', '1+1=2 on a chalkboard', 'C++ book on a desk', 'no.5 perfume bottle', 'h2o molecule model',
  'bloodstream illustration, red cells', 'sexagenarian jogger in a park', 'exit sign, fire escape',
  'nuance and nudge', 'the therapist and the rapport', 'arsenal, sextant and compass', 'assess the damage after the storm',
];

const NEGATIVE = 'lowres, bad anatomy, extra fingers, blurry, watermark, text, jpeg artifacts';

const NEGATIVE_ALLOWED = new Set(DEFAULT_POLICY.categories.filter((c) => c.negativeAllowed).map((c) => c.id));

describe('matchPolicy: evasions', () => {
  const rows = EVASIONS.flatMap(([technique, text, category]) => (['prompt', 'negativePrompt'] as PolicyField[]).map((field) => ({ technique, text, category, field })));
  const caught = rows.filter(({ text, category, field }) => {
    const { hits, recorded } = matchPolicy(DEFAULT_POLICY, field === 'prompt' ? { prompt: text } : { prompt: '', negativePrompt: text });
    return [...hits, ...recorded].some((h) => h.field === field && h.category === category);
  });
  afterAll(() => console.log(`evasions: ${caught.length} caught of ${rows.length}`));

  // In the negative prompt a category allowed there is found and recorded, not acted on.
  it.each(rows)('$technique: "$text" in $field is $category', ({ text, category, field }) => {
    const input = field === 'prompt' ? { prompt: text, negativePrompt: NEGATIVE } : { prompt: 'a quiet harbour at dusk', negativePrompt: text };
    const result = matchPolicy(DEFAULT_POLICY, input);
    const isRecordedOnly = field === 'negativePrompt' && NEGATIVE_ALLOWED.has(category);
    expect(isRecordedOnly ? result.recorded : result.hits).toContainEqual(expect.objectContaining({ field, category }));
    if (!isRecordedOnly) expect(result.verdict).not.toBe('allow');
  });
});

describe('matchPolicy: innocent prompts', () => {
  const falsePositives = INNOCENT_PROMPTS.filter((prompt) => matchPolicy(STRICT_POLICY, { prompt, negativePrompt: NEGATIVE }).hits.length > 0);
  afterAll(() => console.log(`innocent prompts: ${falsePositives.length} false positives of ${INNOCENT_PROMPTS.length}`));

  it('lets every innocent prompt through, even with short words like "ass" and "dick" in the policy', () => {
    expect(INNOCENT_PROMPTS.length).toBeGreaterThanOrEqual(100);
    expect(falsePositives).toEqual([]);
  });
});

describe('matchPolicy: verdict and hits', () => {
  it('blocks when a block category and a flag category both match, naming both', () => {
    const result = matchPolicy(DEFAULT_POLICY, { prompt: 'gory battle', negativePrompt: 'loli' });
    expect(result.verdict).toBe('block');
    expect(result.hits).toEqual([
      { field: 'prompt', category: 'violence-gore', label: 'Graphic violence and gore', action: 'flag', term: 'gory', excerpt: 'gory battle' },
      { field: 'negativePrompt', category: 'minors-sexual', label: 'Sexual content involving minors', action: 'block', term: 'loli', excerpt: 'loli' },
    ]);
  });

  it('flags when only flag categories match', () => {
    expect(matchPolicy(DEFAULT_POLICY, { prompt: 'a noose hanging from a tree' }).verdict).toBe('flag');
  });

  it('quotes the original text around the match', () => {
    const [hit] = matchPolicy(DEFAULT_POLICY, { prompt: 'an oil painting of a woman, ｎ.ｕ.ｄ.ｅ, renaissance style, soft light' }).hits;
    expect(hit.excerpt).toBe('…of a woman, ｎ.ｕ.ｄ.ｅ, renaissance…');
  });

  it('lets a term through only inside an allowlisted phrase', () => {
    expect(matchPolicy(DEFAULT_POLICY, { prompt: 'nude lipstick' }).verdict).toBe('allow');
    expect(matchPolicy(DEFAULT_POLICY, { prompt: 'nude lipstick, nude woman' }).verdict).toBe('block');
  });

  it('uses the allowlist of whatever policy it is given', () => {
    const policy: Policy = { categories: [{ id: 'v', label: 'Violence', action: 'flag', negativeAllowed: false }], terms: [{ term: 'kill', category: 'v' }], allow: ['kill switch'] };
    const check = compilePolicy(policy);
    expect(check({ prompt: 'press the kill switch' }).verdict).toBe('allow');
    expect(check({ prompt: 'k1ll the king' }).hits).toMatchObject([{ term: 'kill', category: 'v', field: 'prompt' }]);
  });
});

describe('matchPolicy: the negative prompt', () => {
  it('records hits of a category allowed in the negative prompt, and neither blocks nor flags for them', () => {
    const result = matchPolicy(DEFAULT_POLICY, { prompt: 'a quiet harbour at dusk', negativePrompt: 'nsfw, nude, lowres' });
    expect(result).toEqual({
      verdict: 'allow',
      hits: [],
      recorded: [
        { field: 'negativePrompt', category: 'sexual', label: 'Sexual content', action: 'block', term: 'nsfw', excerpt: 'nsfw, nude, lowres' },
        { field: 'negativePrompt', category: 'sexual', label: 'Sexual content', action: 'block', term: 'nude', excerpt: 'nsfw, nude, lowres' },
      ],
    });
  });

  it('still blocks that category in the prompt', () => {
    const result = matchPolicy(DEFAULT_POLICY, { prompt: 'nude woman', negativePrompt: 'nsfw' });
    expect(result.verdict).toBe('block');
    expect(result.hits).toMatchObject([{ field: 'prompt', category: 'sexual', term: 'nude' }]);
    expect(result.recorded).toMatchObject([{ field: 'negativePrompt', category: 'sexual', term: 'nsfw' }]);
  });

  it('acts on categories not allowed there, in the negative prompt as in the prompt', () => {
    expect(matchPolicy(DEFAULT_POLICY, { prompt: 'a park', negativePrompt: 'nsfw, loli' })).toMatchObject({
      verdict: 'block',
      hits: [{ field: 'negativePrompt', category: 'minors-sexual' }],
      recorded: [{ category: 'sexual', term: 'nsfw' }],
    });
    expect(matchPolicy(DEFAULT_POLICY, { prompt: 'a park', negativePrompt: 'gore, blood splatter' })).toMatchObject({
      verdict: 'flag',
      hits: [{ field: 'negativePrompt', category: 'violence-gore', term: 'gore' }, { category: 'violence-gore', term: 'blood splatter' }],
      recorded: [],
    });
  });

  it('records a flag category allowed there the same way', () => {
    const policy: Policy = {
      ...DEFAULT_POLICY,
      categories: DEFAULT_POLICY.categories.map((c) => (c.id === 'violence-gore' ? { ...c, negativeAllowed: true } : c)),
    };
    const result = matchPolicy(policy, { prompt: 'a park', negativePrompt: 'g0re' });
    expect(result).toMatchObject({ verdict: 'allow', hits: [], recorded: [{ category: 'violence-gore', term: 'gore' }] });
    expect(matchPolicy(policy, { prompt: 'gore' }).verdict).toBe('flag');
  });
});

describe('policy schema', () => {
  it('accepts the default policy, where only sexual content is allowed in the negative prompt', () => {
    expect(policySchema.safeParse(DEFAULT_POLICY).success).toBe(true);
    expect(DEFAULT_POLICY.categories.filter((c) => c.negativeAllowed).map((c) => c.id)).toEqual(['sexual']);
  });

  it('reads a category without the negative-prompt setting as not allowed there', () => {
    const parsed = parsePolicy({ categories: [{ id: 'x', label: 'X', action: 'flag' }], terms: [], allow: [] });
    expect(parsed).toMatchObject({ ok: true, policy: { categories: [{ id: 'x', negativeAllowed: false }] } });
  });

  it('refuses terms in unknown categories and terms with no letters', () => {
    const base = { categories: [{ id: 'x', label: 'X', action: 'block' }], allow: [] };
    expect(parsePolicy({ ...base, terms: [{ term: 'nude', category: 'y' }] })).toEqual({
      ok: false,
      error: { code: 'invalid_policy', message: 'terms.0.category: Unknown category "y".' },
    });
    expect(parsePolicy({ ...base, terms: [{ term: '\u200b...', category: 'x' }] })).toMatchObject({ ok: false });
  });
});
