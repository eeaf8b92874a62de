import { expect, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';

export async function signUp(page: Page, email = `e2e-${randomUUID().slice(0, 8)}@example.com`): Promise<string> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page).toHaveURL(/\/generate$/);
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

export async function fillSettings(page: Page, s: { prompt: string; width?: number; height?: number; steps?: number; seed?: number }) {
  await page.getByLabel('Prompt', { exact: true }).fill(s.prompt);
  if (s.width) await page.getByLabel('Width').fill(String(s.width));
  if (s.height) await page.getByLabel('Height').fill(String(s.height));
  if (s.steps) await page.getByLabel('Steps').fill(String(s.steps));
  if (s.seed !== undefined) await page.getByLabel('Seed').fill(String(s.seed));
}

/** Signs in as the e2e admin (ADMIN_EMAILS), creating the account on first use. */
export async function signInAdmin(page: Page, email: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const landed = await Promise.race([
    page.waitForURL(/\/generate$/).then(() => 'in' as const),
    page.getByRole('alert').filter({ hasText: 'Wrong email or password.' }).waitFor().then(() => 'no account' as const),
  ]);
  if (landed === 'no account') await signUp(page, email);
}
