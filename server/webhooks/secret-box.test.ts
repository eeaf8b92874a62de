import { describe, expect, it } from 'vitest';
import { openSecret, sealSecret } from './secret-box';

describe('sealSecret', () => {
  it('opens with the same AUTH_SECRET and differs on every seal', () => {
    const a = sealSecret('whsec_abc', 'auth-secret-one-0123456789');
    expect(a).not.toContain('whsec_abc');
    expect(sealSecret('whsec_abc', 'auth-secret-one-0123456789')).not.toBe(a);
    expect(openSecret(a, 'auth-secret-one-0123456789')).toBe('whsec_abc');
  });

  it('refuses another key or an altered value', () => {
    const a = sealSecret('whsec_abc', 'auth-secret-one-0123456789');
    expect(() => openSecret(a, 'auth-secret-two-0123456789')).toThrow();
    const parts = a.split('.');
    parts[3] = Buffer.from('whsec_xyz').toString('base64url');
    expect(() => openSecret(parts.join('.'), 'auth-secret-one-0123456789')).toThrow();
  });
});
