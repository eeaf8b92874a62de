import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';
import { startSmtpSink, type SmtpSink } from '../../tests/support/smtp-sink';
import { linkIn } from '../../tests/support/mime';
import { pollUntil } from '../../tests/support/poll';

// Mail on (a real SMTP server on loopback): an address earns credits and roles only once proven.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let sink: SmtpSink;
let signUpVisitor: typeof import('./sign-up').signUpVisitor;
let confirmEmailLink: typeof import('./verify-email').confirmEmailLink;
let resendVerification: typeof import('./verify-email').resendVerification;
let changeEmail: typeof import('./change-email').changeEmail;
let authenticate: typeof import('../auth/users').authenticate;
let balanceOf: typeof import('../billing/ledger').balanceOf;

beforeAll(async () => {
  t = await setupTestEnv();
  sink = await startSmtpSink();
  Object.assign(process.env, { SMTP_URL: sink.url, PUBLIC_URL: 'http://kumori.test', ADMIN_EMAILS: 'boss@example.com', STARTING_CREDITS: '500' });
  ({ signUpVisitor } = await import('./sign-up'));
  ({ confirmEmailLink, resendVerification } = await import('./verify-email'));
  ({ changeEmail } = await import('./change-email'));
  ({ authenticate } = await import('../auth/users'));
  ({ balanceOf } = await import('../billing/ledger'));
});
afterAll(async () => {
  await sink?.stop();
  await t?.teardown();
});

/** The token of the `nth` mail (1-based) to `email`, from its /verify-email link. */
async function linkToken(email: string, nth = 1): Promise<{ token: string; subject: string }> {
  const mail = await pollUntil(`mail ${nth} to ${email}`, async () => sink.to(email)[nth - 1], 10_000);
  const link = linkIn(mail.text, '/verify-email');
  if (!link) throw new Error(`no confirmation link in "${mail.subject}"`);
  return { token: new URL(link).searchParams.get('token')!, subject: mail.subject };
}

const userByEmail = async (email: string) => (await t.db.select().from(users).where(eq(users.email, email)))[0];

describe('email verification with mail on', () => {
  it('gives the starting credits and the ADMIN_EMAILS role only once the mailed link is opened', async () => {
    const answer = await signUpVisitor({ email: 'Boss@example.com', password: 'password123' }, '192.0.2.1');
    expect(answer).toMatchObject({ ok: true, checkEmail: true, message: expect.stringContaining('We sent a link to boss@example.com') });
    const boss = await userByEmail('boss@example.com');
    expect(boss).toMatchObject({ role: 'user', emailVerifiedAt: null });
    expect(await balanceOf(t.db, boss.id)).toBe(0);
    expect(await authenticate('boss@example.com', 'password123')).toMatchObject({ role: 'user' });

    const { token, subject } = await linkToken('boss@example.com');
    expect(subject).toBe('Confirm your email for Kumori');
    expect(await confirmEmailLink(token)).toMatchObject({ ok: true, message: expect.stringContaining('500 starting credits') });
    expect(await balanceOf(t.db, boss.id)).toBe(500);
    expect(await userByEmail('boss@example.com')).toMatchObject({ role: 'admin', emailVerifiedAt: expect.any(Date) });
    expect(await authenticate('boss@example.com', 'password123')).toMatchObject({ role: 'admin' });

    expect(await confirmEmailLink(token)).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await balanceOf(t.db, boss.id)).toBe(500);
  });

  it('answers a sign-up with a taken address as for a new one, and tells the owner by mail', async () => {
    const owner = 'owner@example.com';
    await signUpVisitor({ email: owner, password: 'owner password' }, '192.0.2.2');
    await confirmEmailLink((await linkToken(owner)).token);

    const taken = await signUpVisitor({ email: owner, password: 'intruder password' }, '192.0.2.3');
    const fresh = await signUpVisitor({ email: 'fresh@example.com', password: 'intruder password' }, '192.0.2.3');
    expect(taken).toEqual({ ...fresh, ...(fresh.ok ? { message: fresh.message?.replaceAll('fresh@example.com', owner) } : {}) });

    const notice = await pollUntil('the notice to the owner', async () => sink.to(owner)[1], 10_000);
    expect(notice.subject).toBe('Someone tried to sign up to Kumori with your address');
    expect(notice.text).toContain('http://kumori.test/forgot-password');
    expect(await authenticate(owner, 'owner password')).toBeTruthy();
    expect(await authenticate(owner, 'intruder password')).toBeNull();
  });

  it('sends a fresh link to an unverified address that signs up again, and on request', async () => {
    const email = 'slow@example.com';
    await signUpVisitor({ email, password: 'password123' }, '192.0.2.4');
    await signUpVisitor({ email, password: 'password123' }, '192.0.2.4');
    const first = await linkToken(email, 1);
    const second = await linkToken(email, 2);
    expect(second.subject).toBe('Confirm your email for Kumori');
    const user = await userByEmail(email);
    expect(await resendVerification(user.id)).toMatchObject({ ok: true });
    const third = await linkToken(email, 3);
    expect(await confirmEmailLink(first.token)).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await confirmEmailLink(second.token)).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await confirmEmailLink(third.token)).toMatchObject({ ok: true });
    expect(await resendVerification(user.id)).toMatchObject({ ok: false, error: { code: 'unchanged' } });
  });

  it('changes the email only once the new address is confirmed, telling the old one', async () => {
    const email = 'mover@example.com';
    await signUpVisitor({ email, password: 'password123' }, '192.0.2.5');
    await confirmEmailLink((await linkToken(email)).token);
    const user = await userByEmail(email);

    expect(await changeEmail(user.id, { email: 'moved@example.com', currentPassword: 'wrong password' })).toMatchObject({
      ok: false,
      error: { fields: { currentPassword: 'That is not your current password.' } },
    });
    const asked = await changeEmail(user.id, { email: 'Moved@example.com', currentPassword: 'password123' });
    expect(asked).toMatchObject({ ok: true, pending: true, message: expect.stringContaining('We sent a link to moved@example.com') });
    expect((await userByEmail(email))?.id).toBe(user.id);

    const notice = await pollUntil('the notice to the old address', async () => sink.to(email)[1], 10_000);
    expect(notice.subject).toBe('Your Kumori email is about to change');
    const { token, subject } = await linkToken('moved@example.com');
    expect(subject).toBe('Confirm your new email for Kumori');
    expect(await confirmEmailLink(token)).toMatchObject({ ok: true, message: expect.stringContaining('Your email is now moved@example.com') });
    expect(await authenticate('moved@example.com', 'password123')).toMatchObject({ id: user.id });
    expect(await authenticate(email, 'password123')).toBeNull();
    expect(await balanceOf(t.db, user.id)).toBe(500);
  });

  it('does not reveal through an email change whether an address has an account', async () => {
    await signUpVisitor({ email: 'a@example.com', password: 'password123' }, '192.0.2.6');
    await confirmEmailLink((await linkToken('a@example.com')).token);
    const user = await userByEmail('a@example.com');
    const toTaken = await changeEmail(user.id, { email: 'owner@example.com', currentPassword: 'password123' });
    const toFree = await changeEmail(user.id, { email: 'free@example.com', currentPassword: 'password123' });
    expect(toTaken.ok && toTaken.message.replaceAll('owner@example.com', 'free@example.com')).toBe(toFree.ok && toFree.message);
    await linkToken('free@example.com');
    expect(sink.to('owner@example.com').map((m) => m.subject)).not.toContain('Confirm your new email for Kumori');
  });
});
