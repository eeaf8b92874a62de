import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';

// Real Postgres (own database) and real Redis (own key prefix).
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let authorize: (creds: Record<string, string>, req: unknown) => Promise<unknown>;
let signUp: typeof import('./users').signUp;

beforeAll(async () => {
  t = await setupTestEnv();
  Object.assign(process.env, { SIGNIN_MAX_ATTEMPTS: '3', ADMIN_EMAILS: 'boss@example.com, chief@example.com' });
  ({ signUp } = await import('./users'));
  const { authOptions } = await import('./options');
  const provider = authOptions().providers[0] as unknown as { options: { authorize: typeof authorize } };
  authorize = provider.options.authorize;
});
afterAll(async () => t?.teardown());

// The address server/main.ts stamps on every request (never what the client claims in X-Forwarded-For).
const req = (ip: string) => ({ headers: { 'x-kumori-client-address': ip, 'x-forwarded-for': '203.0.113.1' } });

describe('sign-up and sign-in', () => {
  it('creates an account with a starting grant and refuses a duplicate email', async () => {
    const { balanceOf } = await import('../billing/ledger');
    const first = await signUp({ email: 'Ada@Example.com', password: 'password123' });
    expect(first.ok).toBe(true);
    if (first.ok) expect(await balanceOf(t.db, first.value.id)).toBe(500);
    expect(await signUp({ email: 'ada@example.com', password: 'password456' })).toMatchObject({
      ok: false,
      error: { fields: { email: 'An account with this email already exists.' }, message: 'An account with this email already exists.' },
    });
    expect(await signUp({ email: 'not-an-email', password: 'password123' })).toMatchObject({ ok: false, error: { fields: { email: expect.any(String) } } });
    expect(await signUp({ email: 'b@example.com', password: 'short' })).toMatchObject({
      ok: false,
      error: { fields: { password: 'Password must be at least 8 characters.' }, message: 'Password must be at least 8 characters.' },
    });
  });

  it('signs in with the right password only', async () => {
    await signUp({ email: 'grace@example.com', password: 'password123' });
    expect(await authorize({ email: 'grace@example.com', password: 'password123' }, req('10.0.0.1'))).toMatchObject({
      email: 'grace@example.com',
      role: 'user',
    });
    await expect(authorize({ email: 'grace@example.com', password: 'wrong-password' }, req('10.0.0.1'))).rejects.toThrow(
      'Wrong email or password.',
    );
  });

  it('refuses an address after repeated failures for an email, even with the right password, and only that address', async () => {
    await signUp({ email: 'linus@example.com', password: 'password123' });
    for (let i = 0; i < 3; i++) {
      await expect(authorize({ email: 'linus@example.com', password: 'nope-nope' }, req('10.0.1.1'))).rejects.toThrow('Wrong email or password.');
    }
    await expect(authorize({ email: 'linus@example.com', password: 'password123' }, req('10.0.1.1'))).rejects.toThrow(
      'Too many sign-in attempts',
    );
    // The owner elsewhere is slowed at most, never refused (server/auth/sign-in-limits.int.test.ts has the details).
    expect(await authorize({ email: 'linus@example.com', password: 'password123' }, req('10.0.2.1'))).toBeTruthy();
    // Another account from the refused address is unaffected.
    await signUp({ email: 'other@example.com', password: 'password123' });
    expect(await authorize({ email: 'other@example.com', password: 'password123' }, req('10.0.1.1'))).toBeTruthy();
  });

  it('makes ADMIN_EMAILS admins', async () => {
    expect(await signUp({ email: 'Boss@example.com', password: 'password123' })).toMatchObject({ ok: true, value: { role: 'admin' } });
    expect(await signUp({ email: 'staff@example.com', password: 'password123' })).toMatchObject({ ok: true, value: { role: 'user' } });
  });
});
