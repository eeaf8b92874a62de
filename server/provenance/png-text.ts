// PNG tEXt chunks carry the generation parameters inside the file (what AUTOMATIC1111 calls
// "parameters"), so a downloaded image still says how it was made. sharp cannot write them.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function textChunk(keyword: string, text: string): Buffer {
  // tEXt is Latin-1; iTXt would allow UTF-8, but tools read tEXt more widely, so non-Latin-1 is escaped.
  const safe = text.replace(/[^\x20-\xff\n]/g, (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(safe, 'latin1')]);
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typeAndData.copy(out, 4);
  out.writeUInt32BE(crc32(typeAndData), 8 + data.length);
  return out;
}

/** Inserts tEXt chunks right after IHDR (the first chunk, always 25 bytes after the signature). */
export function addPngText(png: Buffer, entries: Record<string, string>): Buffer {
  const IHDR_END = 8 + 25;
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new Error('Not a PNG with a leading IHDR chunk');
  const chunks = Object.entries(entries).map(([k, v]) => textChunk(k, v));
  return Buffer.concat([png.subarray(0, IHDR_END), ...chunks, png.subarray(IHDR_END)]);
}

/** Reads tEXt chunks back (for tests and for the admin's "check an image"). */
export function readPngText(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  let at = 8;
  while (at + 12 <= png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + len);
      const nul = data.indexOf(0);
      out[data.subarray(0, nul).toString('latin1')] = data.subarray(nul + 1).toString('latin1');
    }
    if (type === 'IEND') break;
    at += 12 + len;
  }
  return out;
}
