import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_KEY_LENGTH, displayPrefix, generateApiKey, hashApiKey, isWellFormedApiKey } from './key-format';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const fixedBytes = (fill: number) => (size: number) => new Uint8Array(size).fill(fill);

describe('API key format', () => {
  it('generates keys that pass the offline check, with their display prefix and hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(key).toMatch(/^kmr_[0-9A-Za-z]+$/);
    expect(isWellFormedApiKey(key)).toBe(true);
    expect(prefix).toBe(`kmr_${key.slice(4, 8)}…`);
    expect(prefix).toBe(displayPrefix(key));
    expect(hash).toBe(hashApiKey(key));
  });

  it('gives every key the same length, even when the random bytes are all zero or all 0xff', () => {
    const keys = [generateApiKey(fixedBytes(0)).key, generateApiKey(fixedBytes(0xff)).key, generateApiKey().key];
    for (const key of keys) {
      expect(key).toHaveLength(API_KEY_LENGTH);
      expect(isWellFormedApiKey(key)).toBe(true);
    }
    expect(API_KEY_LENGTH).toBe(4 + 43 + 6);
  });

  it('generates distinct keys', () => {
    const keys = new Set(Array.from({ length: 200 }, () => generateApiKey().key));
    expect(keys.size).toBe(200);
  });

  it('stores a SHA-256 hex hash that is not the key and does not contain it', () => {
    const { key, hash } = generateApiKey();
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(key.slice(4));
    expect(hashApiKey(key)).toBe(hash);
    expect(hashApiKey(`${key.slice(0, -1)}x`)).not.toBe(hash);
  });

  it('refuses a key with any single character changed', () => {
    const secret = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(secret, fc.nat({ max: API_KEY_LENGTH - 1 }), fc.constantFrom(...BASE62, '_', '-'), (bytes, i, c) => {
        const { key } = generateApiKey(() => bytes);
        fc.pre(key[i] !== c);
        expect(isWellFormedApiKey(key.slice(0, i) + c + key.slice(i + 1))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses truncated, extended, mis-prefixed and non-base62 keys', () => {
    const { key } = generateApiKey();
    expect(isWellFormedApiKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedApiKey(`${key}0`)).toBe(false);
    expect(isWellFormedApiKey(`sk_${key.slice(4)}`)).toBe(false);
    expect(isWellFormedApiKey(`KMR_${key.slice(4)}`)).toBe(false);
    expect(isWellFormedApiKey(` ${key}`)).toBe(false);
    expect(isWellFormedApiKey('')).toBe(false);
    expect(isWellFormedApiKey(`kmr_${'-'.repeat(49)}`)).toBe(false);
  });
});
