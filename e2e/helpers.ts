import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { mailboxOf, type MailboxMessage } from '../tests/support/e2e-mailbox';

export const PASSWORD = 'correct horse battery';

/** The newest mail to `to` with `subject`, and the first link in it to `path`; waits for it to arrive. */
export async function mailedLink(to: string, subject: string, path: string, after = 0): Promise<{ mail: MailboxMessage; link: string }> {
  let found: { mail: MailboxMessage; link: string } | undefined;
  await expect
    .poll(
      async () => {
        const mail = (await mailboxOf(to)).reverse().find((m) => m.subject === subject && m.at >= after);
        const link = mail?.text.match(/https?:\/\/\S+/g)?.find((l) => new URL(l).pathname === path);
        found = mail && link ? { mail, link } : undefined;
        return Boolean(found);
      },
      { message: `a mail "${subject}" to ${to}`, timeout: 15_000 },
    )
    .toBe(true);
  return found!;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/generate$/);
}

/**
 * Signs up as a visitor does with mail on (the e2e server's setting): the form says to check the
 * inbox, the mailed link activates the account (starting credits, ADMIN_EMAILS role), then sign in.
 */
export async function signUp(page: Page, email = `e2e-${randomUUID().slice(0, 8)}@example.com`): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByRole('heading', { name: 'Check your inbox' })).toBeVisible();
  const { link } = await mailedLink(email, 'Confirm your email for Kumori', '/verify-email');
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Email confirmed' })).toBeVisible();
  await signIn(page, email);
  return email;
}

/** Records every aria-valuenow the progress bar shows, so a fast run cannot slip between polls. */
export async function recordProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __progress: number[] };
    w.__progress = [];
    const seen = () => {
      const bar = document.querySelector('[role="progressbar"]');
      const v = bar?.getAttribute('aria-valuenow');
      if (v !== null && v !== undefined && w.__progress.at(-1) !== Number(v)) w.__progress.push(Number(v));
    };
    new MutationObserver(seen).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
}

export async function progressSeen(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
}

/** Unfolds the generator's "Advanced settings" (folded by default), where steps, seed, sampler, tier and model live. */
export async function openAdvanced(page: Page) {
  const details = page.locator('details#advanced-settings');
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
}

export async function fillSettings(page: Page, s: { prompt: string; width?: number; height?: number; steps?: number; seed?: number }) {
  await page.getByLabel('Prompt', { exact: true }).fill(s.prompt);
  if (s.width) await page.getByLabel('Width').fill(String(s.width));
  if (s.height) await page.getByLabel('Height').fill(String(s.height));
  if (s.steps || s.seed !== undefined) await openAdvanced(page);
  if (s.steps) await page.getByLabel('Steps').fill(String(s.steps));
  if (s.seed !== undefined) await page.getByLabel('Seed').fill(String(s.seed));
}

/** Signs in as the e2e admin (ADMIN_EMAILS), creating the account on first use. */
export async function signInAdmin(page: Page, email: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const landed = await Promise.race([
    page.waitForURL(/\/generate$/).then(() => 'in' as const),
    page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor().then(() => 'no account' as const),
  ]);
  if (landed === 'no account') await signUp(page, email);
}
