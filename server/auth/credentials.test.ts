import { describe, expect, it } from 'vitest';
import { credentialsSchema, parseForm } from './credentials';

describe('parseForm', () => {
  it('names every wrong field at once, with the first problem of each', () => {
    const result = parseForm(credentialsSchema, { email: 'not-an-email', password: 'short' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.fields).toEqual({
      email: 'Enter a valid email address.',
      password: 'Password must be at least 8 characters.',
    });
  });

  it('names only the field that is wrong', () => {
    const result = parseForm(credentialsSchema, { email: 'a@example.com', password: 'short' });
    expect(result.ok ? null : result.error.fields).toEqual({ password: 'Password must be at least 8 characters.' });
  });

  it('returns the parsed, normalised data when the form is right', () => {
    const result = parseForm(credentialsSchema, { email: ' A@Example.com ', password: 'long enough' });
    expect(result.ok && result.data).toEqual({ email: 'a@example.com', password: 'long enough' });
  });
});
