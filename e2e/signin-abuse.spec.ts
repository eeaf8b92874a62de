import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { createAccount, prepareSignIn, signIn, type SignInOutcome } from './signin-client';

// Sign-in abuse against the real app (issue #13, findings 1 to 3). Each client is a distinct
// loopback address (the socket's local address is bound: 127.0.0.2, 127.0.0.3, …), so the server
// sees real, different peers; clients also forge X-Forwarded-For and the app's own client-address
// header, which must change nothing (TRUST_PROXY_HOPS is 0 here). Accounts are created through the
// sign-up action, each from its own address in 127.0.3.x. No case uses 127.0.0.1, the browsers' address.
const PASSWORD = 'correct horse battery';
const WRONG = 'wrong horse battery';
const INVALID = 'Wrong email or password.';
const LIMITED = 'Too many sign-in attempts. Wait a few minutes and try again.';

let accounts = 0;
async function account(): Promise<string> {
  const email = `abuse-${randomUUID().slice(0, 8)}@example.com`;
  await createAccount(`127.0.3.${++accounts}`, email, PASSWORD);
  return email;
}

const stranger = () => `nobody-${randomUUID().slice(0, 8)}@example.com`;
const tally = (outcomes: SignInOutcome[]) => outcomes.reduce<Record<string, number>>((n, o) => ((n[o] = (n[o] ?? 0) + 1), n), {});

test('finding 1: a new X-Forwarded-For on every failure does not refresh an address’s allowance of 50', async () => {
  const owner = await account();
  const outcomes: SignInOutcome[] = [];
  for (let i = 0; i < 60; i++) {
    outcomes.push(await signIn('127.0.0.2', stranger(), WRONG, { forwardedFor: `10.1.${i}.1`, clientAddressHeader: `10.9.${i}.1` }));
  }
  expect(outcomes.slice(0, 50)).toEqual(Array(50).fill(INVALID));
  expect(outcomes.slice(50)).toEqual(Array(10).fill(LIMITED));
  // The right password from that address is refused too, whatever it claims to be.
  expect(await signIn('127.0.0.2', owner, PASSWORD, { forwardedFor: '10.1.200.1' })).toBe(LIMITED);
  expect(await signIn('127.0.0.2', owner, PASSWORD)).toBe(LIMITED);
  // The account itself is fine from anywhere else.
  expect(await signIn('127.0.0.20', owner, PASSWORD)).toBe('in');
});

test('finding 1: failures that claim a neighbour’s address do not lock the neighbour out', async () => {
  const neighbour = await account();
  for (let i = 0; i < 60; i++) {
    await signIn('127.0.0.3', stranger(), WRONG, { forwardedFor: '127.0.0.4', clientAddressHeader: '127.0.0.4' });
  }
  expect(await signIn('127.0.0.4', neighbour, PASSWORD)).toBe('in');
  expect(await signIn('127.0.0.4', neighbour, PASSWORD, { forwardedFor: '127.0.0.3' })).toBe('in');
  // The address that really failed is the one refused.
  expect(await signIn('127.0.0.3', neighbour, PASSWORD, { forwardedFor: '127.0.0.4', clientAddressHeader: '127.0.0.4' })).toBe(LIMITED);
});

test('finding 2: wrong passwords for an email from elsewhere slow its owner down but never refuse them', async () => {
  const owner = await account();
  // Ten from one address, half of them claiming other addresses: five are checked, then refused.
  const first: SignInOutcome[] = [];
  for (let i = 0; i < 10; i++) first.push(await signIn('127.0.0.5', owner, WRONG, i % 2 ? { forwardedFor: `10.3.${i}.1` } : undefined));
  expect(first).toEqual([...Array(5).fill(INVALID), ...Array(5).fill(LIMITED)]);
  // One each from five more addresses: all checked (slowed more and more), none refused.
  for (let a = 6; a <= 10; a++) expect(await signIn(`127.0.0.${a}`, owner, WRONG, { forwardedFor: '127.0.0.11' })).toBe(INVALID);

  // The owner, from an address that has not failed: in, after a pause of at most a few seconds.
  const started = Date.now();
  expect(await signIn('127.0.0.11', owner, PASSWORD)).toBe('in');
  const took = Date.now() - started;
  expect(took, 'slowed down').toBeGreaterThanOrEqual(2500);
  expect(took, 'not locked out').toBeLessThan(20_000);
  // The address that guessed stays refused for this email, even with the right password.
  expect(await signIn('127.0.0.5', owner, PASSWORD)).toBe(LIMITED);
});

test('finding 3: a burst of 30 parallel guesses from one address is checked at most 5 times', async () => {
  const owner = await account();
  // 30 wrong at once, some with forged headers: exactly five checked, the rest refused unchecked.
  const burst = await Promise.all(
    Array.from({ length: 30 }, (_, i) => prepareSignIn('127.0.0.12', owner, `${WRONG} ${i}`, i % 3 ? { forwardedFor: `10.4.${i}.1` } : undefined)),
  );
  expect(tally(await Promise.all(burst.map((go) => go())))).toEqual({ [INVALID]: 5, [LIMITED]: 25 });

  // 30 at once from another address, the last one right: at most five get a verdict, so the
  // right password gets through only if it was among them (it was sent last).
  const guesses = [...Array.from({ length: 29 }, (_, i) => `${WRONG} ${i}`), PASSWORD];
  const second = await Promise.all(guesses.map((g, i) => prepareSignIn('127.0.0.13', owner, g, { forwardedFor: `10.5.${i}.1` })));
  const outcomes = await Promise.all(second.map((go) => go()));
  expect(outcomes.filter((o) => o !== LIMITED).length, JSON.stringify(tally(outcomes))).toBeLessThanOrEqual(5);
  if (outcomes.at(-1) !== 'in') expect(await signIn('127.0.0.13', owner, PASSWORD)).toBe(LIMITED);
});
