import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { authTokens } from '../db/account-schema';
import { users } from '../db/schema';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import { linkIn } from '../../tests/support/mime';
import { pollUntil } from '../../tests/support/poll';

// Real Postgres, Redis and a real SMTP server on loopback: the reset link is read from the mail.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let sink: SmtpSink;
let reset: typeof import('./password-reset');
let authenticate: typeof import('../auth/users').authenticate;
let sessions: typeof import('../auth/sessions');

beforeAll(async () => {
  t = await setupTestEnv();
  sink = await startSmtpSink();
  Object.assign(process.env, { SMTP_URL: sink.url, MAIL_FROM: 'Kumori <kumori@example.test>', PUBLIC_URL: 'http://kumori.test' });
  reset = await import('./password-reset');
  ({ authenticate } = await import('../auth/users'));
  sessions = await import('../auth/sessions');
});
afterAll(async () => {
  await sink?.stop();
  await t?.teardown();
});
afterEach(() => vi.useRealTimers());

let n = 0;
async function newUser(password = 'old password 1') {
  const { hashPassword } = await import('../auth/passwords');
  const email = `reset${n++}@example.com`;
  const [row] = await t.db.insert(users).values({ email, passwordHash: await hashPassword(password), emailVerifiedAt: new Date() }).returning();
  return row;
}

/** The token in the `nth` mail (1-based) sent to `email`. */
async function mailedToken(email: string, nth = 1): Promise<string> {
  const mail = await pollUntil(`mail ${nth} to ${email}`, async () => sink.to(email)[nth - 1], 10_000);
  expect(mail.subject).toBe('Reset your Kumori password');
  const link = linkIn(mail.text, '/reset-password');
  expect(link).toMatch(/^http:\/\/kumori\.test\/reset-password\?token=/);
  expect(mail.html).toContain(link!.replace(/&/g, '&#38;'));
  return new URL(link!).searchParams.get('token')!;
}

describe('password reset by email', () => {
  it('mails a link that works once, stores only its hash, and signs every browser out', async () => {
    const user = await newUser();
    const [a, b] = [await sessions.createSession(user.id), await sessions.createSession(user.id)];
    const asked = await reset.requestPasswordReset({ email: user.email.toUpperCase() }, '198.51.100.1');
    expect(asked).toMatchObject({ ok: true, mailConfigured: true, message: expect.stringContaining(`If an account uses ${user.email}`) });
    const token = await mailedToken(user.email);
    expect(sink.to(user.email)[0].from).toBe('kumori@example.test');

    const [stored] = await t.db.select().from(authTokens).where(eq(authTokens.userId, user.id));
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeGreaterThan(29.9 * 60_000);
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThan(30.1 * 60_000);

    expect(await reset.resetPassword({ token, password: 'new password 2' })).toMatchObject({ ok: true });
    expect(await authenticate(user.email, 'new password 2')).toMatchObject({ id: user.id });
    expect(await authenticate(user.email, 'old password 1')).toBeNull();
    expect(await sessions.liveSessionOwner(a)).toBeNull();
    expect(await sessions.liveSessionOwner(b)).toBeNull();

    expect(await reset.resetPassword({ token, password: 'third password' })).toMatchObject({
      ok: false,
      error: { code: 'expired', message: 'This link was already used or replaced by a newer one.' },
    });
    expect(await authenticate(user.email, 'new password 2')).toMatchObject({ id: user.id });
  });

  it('refuses a link after 30 minutes and accepts it before', async () => {
    const user = await newUser();
    const start = Date.now();
    await reset.requestPasswordReset({ email: user.email }, '198.51.100.2');
    const late = await mailedToken(user.email);
    vi.useFakeTimers({ toFake: ['Date'], now: start + 31 * 60_000 });
    expect(await reset.resetPassword({ token: late, password: 'too late pass' })).toMatchObject({
      ok: false,
      error: { code: 'expired', message: 'This link has expired. Ask for a new one.' },
    });
    vi.useRealTimers();

    const again = Date.now();
    await reset.requestPasswordReset({ email: user.email }, '198.51.100.2');
    const inTime = await mailedToken(user.email, 2);
    expect(inTime).not.toBe(late);
    vi.useFakeTimers({ toFake: ['Date'], now: again + 29 * 60_000 });
    expect(await reset.resetPassword({ token: inTime, password: 'in time pass' })).toMatchObject({ ok: true });
    vi.useRealTimers();
    expect(await authenticate(user.email, 'in time pass')).toMatchObject({ id: user.id });
  });

  it('answers an unknown address exactly as a known one, and mails nobody', async () => {
    const known = await newUser();
    const unknown = await reset.requestPasswordReset({ email: 'nobody@example.com' }, '198.51.100.3');
    const answered = await reset.requestPasswordReset({ email: known.email }, '198.51.100.3');
    await mailedToken(known.email);
    expect(sink.to('nobody@example.com')).toHaveLength(0);
    expect(unknown.ok && answered.ok && unknown.message.replace('nobody@example.com', known.email)).toBe(answered.ok && answered.message);
  });

  it('only the newest link works, and a forged or garbled token is refused', async () => {
    const user = await newUser();
    await reset.requestPasswordReset({ email: user.email }, '198.51.100.4');
    const first = await mailedToken(user.email);
    await reset.requestPasswordReset({ email: user.email }, '198.51.100.4');
    const second = await mailedToken(user.email, 2);
    expect(await reset.resetPassword({ token: first, password: 'new password 3' })).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await reset.resetPassword({ token: `${second.slice(0, -2)}xx`, password: 'new password 3' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await reset.resetPassword({ token: 'short', password: 'new password 3' })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(await reset.resetPassword({ token: second, password: 'short' })).toMatchObject({ ok: false, error: { fields: { password: expect.any(String) } } });
    expect(await reset.resetPassword({ token: second, password: 'new password 3' })).toMatchObject({ ok: true });
  });

  it('limits requests per address, so the form cannot flood a mailbox', async () => {
    const user = await newUser();
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await reset.requestPasswordReset({ email: user.email }, '198.51.100.5'));
    expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
    expect(results[5]).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await pollUntil('the five mails', async () => sink.to(user.email).length === 5, 10_000);
  });
});
