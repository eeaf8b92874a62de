import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';

// The sign-in limits (issue #13, findings 1 to 3) against real Redis and Postgres. The client
// address is what server/main.ts stamps on a request (CLIENT_ADDRESS_HEADER); every case also
// sends a forged X-Forwarded-For, which must change nothing. Password checks are counted through
// authorize's injectable `authenticate`, and pauses through its `wait`, so no case depends on timing.
let t: Awaited<ReturnType<typeof setupTestEnv>>;
let authorize: typeof import('./authorize').authorize;
let authenticate: typeof import('./users').authenticate;
let signUp: typeof import('./users').signUp;
let clearSignInFailures: typeof import('./rate-limit').clearSignInFailures;
let CLIENT_ADDRESS_HEADER: string;

const PASSWORD = 'correct horse battery';
const WRONG = 'wrong horse battery';
const INVALID = 'Wrong email or password.';
const LIMITED = 'Too many sign-in attempts. Wait a few minutes and try again.';

beforeAll(async () => {
  t = await setupTestEnv();
  // The shipped defaults, stated so the numbers below read plainly.
  Object.assign(process.env, { SIGNIN_MAX_ATTEMPTS: '5', SIGNIN_MAX_PER_ADDRESS: '50', SIGNIN_WINDOW_SECONDS: '900', TRUST_PROXY_HOPS: '0' });
  ({ authorize } = await import('./authorize'));
  ({ authenticate, signUp } = await import('./users'));
  ({ clearSignInFailures } = await import('./rate-limit'));
  ({ CLIENT_ADDRESS_HEADER } = await import('../http/client-address'));
});
afterAll(async () => t?.teardown());

let accounts = 0;
async function account(): Promise<string> {
  const email = `owner-${++accounts}@example.com`;
  const made = await signUp({ email, password: PASSWORD });
  expect(made.ok).toBe(true);
  return email;
}

/** Headers as next-auth hands them to authorize: the stamped address, and what the client claimed. */
const from = (address: string, forwardedFor = `198.51.100.${Math.floor(Math.random() * 250) + 1}`) => ({
  [CLIENT_ADDRESS_HEADER]: address,
  'x-forwarded-for': forwardedFor,
  'x-real-ip': forwardedFor,
});

/** Counts the passwords actually checked and the pauses asked for. */
function probe(check: typeof authenticate = authenticate) {
  const checked: string[] = [];
  const waits: number[] = [];
  return {
    checked,
    waits,
    deps: {
      authenticate: async (email: string, password: string) => (checked.push(email), check(email, password)),
      wait: async (ms: number) => void waits.push(ms),
    },
  };
}

/** The outcome of one sign-in: 'in', or the message shown. */
async function attempt(email: string, password: string, headers: Record<string, unknown>, deps?: ReturnType<typeof probe>['deps']) {
  try {
    await authorize({ email, password }, headers, deps);
    return 'in';
  } catch (err) {
    return (err as Error).message;
  }
}

const tally = (outcomes: string[]) => outcomes.reduce<Record<string, number>>((n, o) => ((n[o] = (n[o] ?? 0) + 1), n), {});
const noAccount = () => Promise.resolve(null as Awaited<ReturnType<typeof authenticate>>);

describe('finding 1: the limiter counts by the address server/main.ts stamped, never by X-Forwarded-For', () => {
  it('rotating X-Forwarded-For does not refresh the per-address allowance of 50 failures', async () => {
    const owner = await account();
    const p = probe(noAccount);
    const outcomes: string[] = [];
    // 60 failures, each claiming a new address and trying another email (so no per-email limit applies).
    for (let i = 0; i < 60; i++) outcomes.push(await attempt(`spray-${i}@example.com`, WRONG, from('127.0.0.2', `10.1.${i}.1`), p.deps));
    expect(tally(outcomes)).toEqual({ [INVALID]: 50, [LIMITED]: 10 });
    expect(p.checked).toHaveLength(50);
    // Nor with the right password, whatever it claims.
    expect(await attempt(owner, PASSWORD, from('127.0.0.2', '10.1.99.1'))).toBe(LIMITED);
    // Another address is unaffected.
    expect(await attempt(owner, PASSWORD, from('127.0.0.22'))).toBe('in');
  });

  it('forging a neighbour in X-Forwarded-For does not lock the neighbour out', async () => {
    const neighbour = await account();
    const p = probe(noAccount);
    for (let i = 0; i < 60; i++) await attempt(`forge-${i}@example.com`, WRONG, from('127.0.0.3', '127.0.0.4'), p.deps);
    expect(await attempt(neighbour, PASSWORD, from('127.0.0.4', '127.0.0.4'))).toBe('in');
    // The address that failed is the one limited.
    expect(await attempt(neighbour, PASSWORD, from('127.0.0.3', '127.0.0.4'))).toBe(LIMITED);
  });

  it('an IPv6 client cannot step through its /64 for fresh allowances', async () => {
    const owner = await account();
    const p = probe(noAccount);
    for (let i = 0; i < 50; i++) await attempt(`v6-${i}@example.com`, WRONG, from(`2001:db8:0:7::${(i + 1).toString(16)}`), p.deps);
    expect(await attempt(owner, PASSWORD, from('2001:db8:0:7::ffff'))).toBe(LIMITED);
    expect(await attempt(owner, PASSWORD, from('2001:db8:0:8::1'))).toBe('in');
  });
});

describe('finding 2: failures for an email lock only the address that made them', () => {
  it("someone else's wrong passwords never refuse the owner's right one from an address that has not failed", async () => {
    const owner = await account();
    const attacker = probe();
    // Ten from one address (five checked, then refused) and three each from ten more.
    for (let i = 0; i < 10; i++) await attempt(owner, WRONG, from('127.0.0.5'), attacker.deps);
    for (let a = 0; a < 10; a++) for (let i = 0; i < 3; i++) await attempt(owner, WRONG, from(`127.0.1.${a + 1}`), attacker.deps);

    const ownerProbe = probe();
    expect(await attempt(owner, PASSWORD, from('127.0.0.6'), ownerProbe.deps)).toBe('in');
    expect(attacker.checked).toHaveLength(5 + 30);
    // Slowed, not refused: the owner waited a bounded pause before the check.
    expect(ownerProbe.waits).toHaveLength(1);
    expect(ownerProbe.waits[0]).toBeGreaterThan(0);
    expect(ownerProbe.waits[0]).toBeLessThanOrEqual(5000);
    // The guessing address stays refused for this email, even with the right password…
    expect(await attempt(owner, PASSWORD, from('127.0.0.5'))).toBe(LIMITED);
    // …but not for other accounts: the per-address allowance is 50.
    const other = await account();
    expect(await attempt(other, PASSWORD, from('127.0.0.5'))).toBe('in');
  });

  it('the pause grows with the failures for an email from all addresses, and stays capped', async () => {
    const owner = await account();
    const p = probe();
    for (let a = 0; a < 20; a++) await attempt(owner, WRONG, from(`127.0.2.${a + 1}`), p.deps);
    expect(p.checked).toHaveLength(20);
    // No pause for the first SIGNIN_MAX_ATTEMPTS failures; then growing; never past a few seconds.
    expect(p.waits.length).toBeGreaterThan(10);
    expect(p.waits).toEqual([...p.waits].sort((x, y) => x - y));
    expect(Math.max(...p.waits)).toBeLessThanOrEqual(5000);
    expect(Math.max(...p.waits)).toBeGreaterThan(Math.min(...p.waits));
  });

  it('the owner who failed from an address gets in after the reset clears its failures', async () => {
    const owner = await account();
    for (let i = 0; i < 6; i++) await attempt(owner, WRONG, from('127.0.0.7'));
    expect(await attempt(owner, PASSWORD, from('127.0.0.7'))).toBe(LIMITED);
    await clearSignInFailures(owner);
    const p = probe();
    expect(await attempt(owner, PASSWORD, from('127.0.0.7'), p.deps)).toBe('in');
    expect(p.waits).toEqual([]);
  });

  it('a success clears its own failures and does not use up the address allowance', async () => {
    const owner = await account();
    const p = probe();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect(await attempt(owner, WRONG, from('127.0.0.8'), p.deps)).toBe(INVALID);
      expect(await attempt(owner, PASSWORD, from('127.0.0.8'), p.deps)).toBe('in');
    }
    // Many people behind one address signing in successfully never reach its limit.
    const users = await Promise.all(Array.from({ length: 3 }, () => account()));
    const fast = probe(async (email) => ({ id: email, email, role: 'user' as const }));
    for (let i = 0; i < 80; i++) expect(await attempt(users[i % 3], PASSWORD, from('127.0.0.8'), fast.deps)).toBe('in');
  });
});

describe('finding 3: counters are taken before the check, so parallel guesses cannot pass together', () => {
  it('30 parallel wrong guesses from one address for one email are checked exactly 5 times', async () => {
    const owner = await account();
    const p = probe();
    const outcomes = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(owner, `${WRONG} ${i}`, from('127.0.0.9'), p.deps)));
    expect(tally(outcomes)).toEqual({ [INVALID]: 5, [LIMITED]: 25 });
    expect(p.checked).toHaveLength(5);
  });

  it('30 parallel guesses with the last one right do not sign in', async () => {
    const owner = await account();
    const p = probe();
    const guesses = [...Array.from({ length: 29 }, (_, i) => `${WRONG} ${i}`), PASSWORD];
    const outcomes = await Promise.all(guesses.map((g) => attempt(owner, g, from('127.0.0.10'), p.deps)));
    expect(outcomes.at(-1)).toBe(LIMITED);
    expect(outcomes).not.toContain('in');
    expect(p.checked.length).toBeLessThanOrEqual(5);
  });

  it('60 parallel guesses at 60 emails from one address are checked at most 50 times', async () => {
    const p = probe(noAccount);
    const outcomes = await Promise.all(Array.from({ length: 60 }, (_, i) => attempt(`burst-${i}@example.com`, WRONG, from('127.0.0.11', `10.2.${i}.1`), p.deps)));
    expect(tally(outcomes)).toEqual({ [INVALID]: 50, [LIMITED]: 10 });
    expect(p.checked).toHaveLength(50);
  });

  it('an attempt whose check fails (database down) is not counted against anyone', async () => {
    const owner = await account();
    const broken = probe(async () => {
      throw new Error('database unreachable');
    });
    for (let i = 0; i < 8; i++) await expect(authorize({ email: owner, password: PASSWORD }, from('127.0.0.12'), broken.deps)).rejects.toThrow('database unreachable');
    expect(await attempt(owner, PASSWORD, from('127.0.0.12'))).toBe('in');
  });
});
