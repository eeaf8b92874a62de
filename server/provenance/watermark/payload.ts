import { codedLength, convolutionalEncode, viterbiDecode } from './convolutional';

/**
 * The 64-bit id and its CRC-16 make an 80-bit message, convolutionally coded into the codeword.
 * The codeword is XORed with a fixed pseudo-random mask so that no regular reading (a flat image
 * reads the same everywhere) lands on a valid codeword.
 */
export const PAYLOAD_BITS = 64;
export const MESSAGE_BITS = PAYLOAD_BITS + 16;
export const CODEWORD_BITS = codedLength(MESSAGE_BITS);

/** CRC-16/CCITT-FALSE; the non-zero initial value also keeps all-zero input from checking out. */
function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let k = 0; k < 8; k++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

function payloadBytes(payload: bigint | Uint8Array): Uint8Array {
  if (payload instanceof Uint8Array) {
    if (payload.length !== 8) throw new RangeError(`watermark payload must be 8 bytes, got ${payload.length}`);
    return payload;
  }
  if (payload < 0n || payload >= 1n << 64n) throw new RangeError('watermark payload must fit in 64 unsigned bits');
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, payload);
  return bytes;
}

function bytesToBits(bytes: Uint8Array): Uint8Array {
  const bits = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < bits.length; i++) bits[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return bits;
}

function bitsToBytes(bits: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(bits.length >> 3);
  for (let i = 0; i < bits.length; i++) bytes[i >> 3] |= bits[i] << (7 - (i & 7));
  return bytes;
}

const MASK = (() => {
  const mask = new Uint8Array(CODEWORD_BITS);
  let state = 0x9e3779b9;
  for (let i = 0; i < mask.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    mask[i] = (state >>> 31) & 1;
  }
  return mask;
})();

/** The 80 message bits: the payload big-endian, then its CRC-16. */
export function messageBits(payload: bigint | Uint8Array): Uint8Array {
  const bytes = payloadBytes(payload);
  const crc = crc16(bytes);
  return bytesToBits(new Uint8Array([...bytes, crc >> 8, crc & 0xff]));
}

export function encodeCodeword(payload: bigint | Uint8Array): Uint8Array {
  const coded = convolutionalEncode(messageBits(payload));
  for (let i = 0; i < coded.length; i++) coded[i] ^= MASK[i];
  return coded;
}

/**
 * Decodes soft codeword bits (positive favours 0). `payload` is null unless the CRC checks out;
 * `codeword` is the decoded message encoded again, to count the readings that disagreed with it.
 */
export function decodeCodeword(soft: Float32Array): { payload: bigint | null; message: Uint8Array; codeword: Uint8Array } {
  const message = viterbiDecode(soft.map((v, i) => (MASK[i] ? -v : v)), MESSAGE_BITS);
  const codeword = convolutionalEncode(message).map((b, i) => b ^ MASK[i]);
  const bytes = bitsToBytes(message);
  const payload = bytes.subarray(0, 8);
  if (crc16(payload) !== ((bytes[8] << 8) | bytes[9])) return { payload: null, message, codeword };
  return { payload: new DataView(payload.buffer, payload.byteOffset, 8).getBigUint64(0), message, codeword };
}
