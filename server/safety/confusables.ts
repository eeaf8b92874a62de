// Letters from other scripts that render like Latin ones but that NFKC/NFKD leave alone, because
// they are real letters of their own alphabets. A common subset of Unicode's confusables.txt.
// Keys are case-sensitive and applied before lowercasing: capital Greek Eta (Η) reads as H, small
// eta (η) reads as n, and lowercasing first would lose that difference.
const LOOK_ALIKES: Record<string, string> = {
  A: 'АΑ', B: 'ВΒ', C: 'СϹ', E: 'ЕΕ', H: 'НΗ', I: 'ІΙӀ', J: 'Ј', K: 'КΚ', M: 'МΜ', N: 'Ν',
  O: 'ОΟ', P: 'РΡ', Q: 'Ԛ', S: 'Ѕ', T: 'ТΤ', V: 'Ѵ', W: 'Ԝ', X: 'ХΧ', Y: 'УΥҮ', Z: 'Ζ',
  a: 'аαɑᴀ', b: 'ьвʙ', c: 'сϲᴄ', d: 'ԁᴅ', e: 'еεҽᴇ', g: 'ɡցɢ', h: 'һհнʜ', i: 'іιıɪ',
  j: 'јϳᴊ', k: 'κкᴋ', l: 'ӏʟǀ', m: 'мᴍ', n: 'ηпոɴ', o: 'оοօᴏ', p: 'рρᴘ', q: 'ԛ', r: 'гʀ',
  s: 'ѕꜱ', t: 'тτᴛ', u: 'υսμᴜ', v: 'νѵᴠ', w: 'ԝωѡᴡ', x: 'хχ', y: 'уүγʏ', z: 'ᴢ',
};

// Emoji-block letters with no compatibility decomposition: regional indicators (🇦), negative
// circled (🅐) and negative squared (🅰) capitals, each a run of 26 starting at A.
const LETTER_BLOCKS = [0x1f1e6, 0x1f150, 0x1f170];

function buildConfusables(): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const [latin, lookAlikes] of Object.entries(LOOK_ALIKES)) {
    for (const ch of lookAlikes) map.set(ch, latin);
  }
  for (const first of LETTER_BLOCKS) {
    for (let i = 0; i < 26; i++) map.set(String.fromCodePoint(first + i), String.fromCharCode(65 + i));
  }
  return map;
}

/** Look-alike character → the Latin letter it imitates (same case). */
export const CONFUSABLES = buildConfusables();
