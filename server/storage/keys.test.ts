import { describe, expect, it } from 'vitest';
import { generationPrefix, imageKey, isSafeKey, isSafePrefix, thumbnailKey, userPrefix } from './keys';

describe('isSafeKey', () => {
  it.each([
    ['images/u1/g1/0.png'],
    ['images/u1/g1/0.thumb.webp'],
    ['a'],
    ['a-b_c.d/E-F_0'],
    ['images/user_1/2f1c-9a/12.png'],
    ['file..name'], // dots inside a segment are fine; only whole-segment `..` escapes
  ])('accepts %j', (key) => {
    expect(isSafeKey(key)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    ['..', 'parent segment'],
    ['images/../etc/passwd', 'parent segment in the middle'],
    ['images/..', 'trailing parent segment'],
    ['./images/a.png', 'current-dir segment'],
    ['images/./a.png', 'current-dir segment in the middle'],
    ['images/.a.png.1234.tmp', 'hidden segment (temp files)'],
    ['/etc/passwd', 'absolute path'],
    ['images\\u1\\a.png', 'backslashes'],
    ['..\\..\\windows', 'backslash escape'],
    ['C:/windows', 'drive letter'],
    ['images//a.png', 'empty segment'],
    ['images/a.png/', 'trailing slash'],
    ['images/a\u0000.png', 'NUL byte'],
    ['images/a\n.png', 'newline'],
    ['images/a\u007f.png', 'DEL'],
    ['images/a b.png', 'space'],
    ['images/a%2e%2e/b', 'percent escapes'],
    ['images/caf\u00e9.png', 'non-ASCII'],
    ['images/a?.png', 'query character'],
    ['a'.repeat(1025), 'over 1024 characters'],
  ])('rejects %j (%s)', (key) => {
    expect(isSafeKey(key)).toBe(false);
  });

  it('rejects non-strings that slip past the types', () => {
    expect(isSafeKey(undefined as unknown as string)).toBe(false);
    expect(isSafeKey(42 as unknown as string)).toBe(false);
  });
});

describe('isSafePrefix', () => {
  it.each([
    ['images/', true],
    ['images/u1/g1/', true],
    ['images/u1', true],
    ['', false],
    ['/', false],
    ['images//', false],
    ['../', false],
    ['/images/', false],
  ])('%j -> %s', (prefix, expected) => {
    expect(isSafePrefix(prefix)).toBe(expected);
  });
});

describe('key builders', () => {
  it.each([
    [() => imageKey('u1', 'g1', 0), 'images/u1/g1/0.png'],
    [() => imageKey('8c6f-41_a', 'gen-2', 3), 'images/8c6f-41_a/gen-2/3.png'],
    [() => thumbnailKey('u1', 'g1', 0), 'images/u1/g1/0.thumb.webp'],
    [() => generationPrefix('u1', 'g1'), 'images/u1/g1/'],
    [() => userPrefix('u1'), 'images/u1/'],
  ])('builds %s', (build, expected) => {
    expect(build()).toBe(expected);
  });

  it('builds keys that pass isSafeKey', () => {
    expect(isSafeKey(imageKey('u1', 'g1', 7))).toBe(true);
    expect(isSafeKey(thumbnailKey('u1', 'g1', 7))).toBe(true);
    expect(isSafePrefix(generationPrefix('u1', 'g1'))).toBe(true);
  });

  it.each([
    [() => imageKey('..', 'g1', 0)],
    [() => imageKey('u1/x', 'g1', 0)],
    [() => imageKey('', 'g1', 0)],
    [() => imageKey('u1', 'g.1', 0)],
    [() => thumbnailKey('u1', 'g1', -1)],
    [() => imageKey('u1', 'g1', 1.5)],
    [() => imageKey('u1', 'g1', Number.NaN)],
    [() => userPrefix('a b')],
  ])('throws on ids that would break the layout (%s)', (build) => {
    expect(build).toThrow();
  });
});
