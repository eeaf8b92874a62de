import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';
import { pollUntil } from '../../tests/support/poll';

// Mail off (no SMTP_URL), the single-machine default.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let signUpVisitor: typeof import('./sign-up').signUpVisitor;
let changePassword: typeof import('./change-password').changePassword;
let changeEmail: typeof import('./change-email').changeEmail;
let reset: typeof import('./password-reset');
let authenticate: typeof import('../auth/users').authenticate;
let sessions: typeof import('../auth/sessions');
let balanceOf: typeof import('../billing/ledger').balanceOf;

beforeAll(async () => {
  t = await setupTestEnv();
  delete process.env.SMTP_URL;
  Object.assign(process.env, { SIGNUP_MAX_PER_HOUR: '10', STARTING_CREDITS: '500', PORT: '3456' });
  delete process.env.PUBLIC_URL;
  ({ signUpVisitor } = await import('./sign-up'));
  ({ changePassword } = await import('./change-password'));
  ({ changeEmail } = await import('./change-email'));
  reset = await import('./password-reset');
  ({ authenticate } = await import('../auth/users'));
  sessions = await import('../auth/sessions');
  ({ balanceOf } = await import('../billing/ledger'));
});
afterAll(async () => t?.teardown());

let n = 0;
async function newUser(password = 'password123') {
  const email = `settings${n++}@example.com`;
  const r = await signUpVisitor({ email, password }, `10.9.0.${n}`);
  if (!r.ok) throw new Error(r.error.message);
  return (await t.db.select().from(users).where(eq(users.email, email)))[0];
}

describe('sign-up limits', () => {
  it('accepts exactly SIGNUP_MAX_PER_HOUR of 30 parallel sign-ups from one address', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => signUpVisitor({ email: `flood${i}@example.com`, password: 'password123' }, '203.0.113.7')),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(20);
    expect(refused[0]).toMatchObject({ error: { code: 'rate_limited', message: expect.stringContaining('Too many accounts') } });
    const [{ count }] = await t.db.execute<{ count: string }>(`select count(*) from users where email like 'flood%'`);
    expect(Number(count)).toBe(10);
    // Another address is not affected, and a typo does not use up the allowance.
    expect(await signUpVisitor({ email: 'elsewhere@example.com', password: 'password123' }, '203.0.113.8')).toMatchObject({ ok: true });
    expect(await signUpVisitor({ email: 'typo', password: 'password123' }, '203.0.113.8')).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('with mail off, activates at once and says when an email is taken, as before', async () => {
    const user = await newUser();
    expect(user.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await balanceOf(t.db, user.id)).toBe(500);
    expect(await signUpVisitor({ email: user.email, password: 'password456' }, '10.8.0.1')).toMatchObject({
      ok: false,
      error: { code: 'exists', message: 'An account with this email already exists.' },
    });
  });
});

describe('changing the password', () => {
  it('needs the current password and ends every other session', async () => {
    const user = await newUser();
    const [here, phone, laptop] = [await sessions.createSession(user.id), await sessions.createSession(user.id), await sessions.createSession(user.id)];

    expect(await changePassword(user.id, { currentPassword: 'not it at all', newPassword: 'brand new password' }, here)).toMatchObject({
      ok: false,
      error: { fields: { currentPassword: 'That is not your current password.' } },
    });
    expect(await sessions.liveSessionOwner(phone)).toBe(user.id);

    expect(await changePassword(user.id, { currentPassword: 'password123', newPassword: 'short' }, here)).toMatchObject({
      ok: false,
      error: { fields: { newPassword: 'Password must be at least 8 characters.' } },
    });
    const changed = await changePassword(user.id, { currentPassword: 'password123', newPassword: 'brand new password' }, here);
    expect(changed).toMatchObject({ ok: true, signedOut: 2, message: 'Your password is changed. 2 other sessions were signed out.' });
    expect(await sessions.liveSessionOwner(here)).toBe(user.id);
    expect(await sessions.liveSessionOwner(phone)).toBeNull();
    expect(await sessions.liveSessionOwner(laptop)).toBeNull();
    expect(await authenticate(user.email, 'brand new password')).toMatchObject({ id: user.id });
    expect(await authenticate(user.email, 'password123')).toBeNull();
  });
});

describe('with mail off', () => {
  it('says mail is not configured and prints the reset link in the server log for the operator', async () => {
    const user = await newUser();
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    try {
      const unknown = await reset.requestPasswordReset({ email: 'ghost@example.com' }, '10.7.0.1');
      const answered = await reset.requestPasswordReset({ email: user.email }, '10.7.0.1');
      expect(answered).toMatchObject({ ok: true, mailConfigured: false, message: expect.stringContaining('Mail is not configured') });
      expect(unknown).toEqual(answered);
      const logged = await pollUntil(
        'the logged link',
        async () => info.mock.calls.map((c) => String(c[0])).find((line) => line.includes(`not sent to ${user.email}`)),
        5000,
      );
      expect(info.mock.calls.some((c) => String(c[0]).includes('ghost@example.com'))).toBe(false);
      const link = /http:\/\/localhost:3456\/reset-password\?token=(\S+)/.exec(logged);
      expect(link).not.toBeNull();
      expect(await reset.resetPassword({ token: link![1], password: 'operator gave me this' })).toMatchObject({ ok: true });
      expect(await authenticate(user.email, 'operator gave me this')).toMatchObject({ id: user.id });
    } finally {
      info.mockRestore();
    }
  });

  it('changes the email at once, refusing one that is taken', async () => {
    const user = await newUser();
    const other = await newUser();
    expect(await changeEmail(user.id, { email: other.email, currentPassword: 'password123' })).toMatchObject({
      ok: false,
      error: { code: 'exists', fields: { email: 'An account with this email already exists.' } },
    });
    expect(await changeEmail(user.id, { email: 'renamed@example.com', currentPassword: 'password123' })).toMatchObject({ ok: true, pending: false });
    expect(await authenticate('renamed@example.com', 'password123')).toMatchObject({ id: user.id });
    expect(await authenticate(user.email, 'password123')).toBeNull();
  });
});
