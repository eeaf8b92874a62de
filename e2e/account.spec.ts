import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import postgres from 'postgres';
import { fillSettings, mailedLink, PASSWORD, signIn, signUp } from './helpers';
import { E2E_DATABASE_URL } from './e2e-env';

// Account self-service in the browser, with mail on (the e2e server's loopback SMTP sink):
// password change, sign-out everywhere, reset by email, export and delete.
const SECOND = 'second horse battery';
const THIRD = 'third horse battery';
const STORAGE = path.resolve(__dirname, '..', 'test-results', 'e2e-data', 'storage');

const region = (page: Page, name: string) => page.getByRole('region', { name });

/** A browser left open on the studio, whose session ended: the tab reloads as a visitor, and stays one. */
async function expectSignedOut(page: Page) {
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/generate');
  await expect(page).toHaveURL(/\/signin$/);
}

test('change the password, sign out everywhere, reset by email, export and delete the account', async ({ page, browser }) => {
  const email = await signUp(page);
  const prompt = 'a small green square on a white background';
  await fillSettings(page, { prompt, width: 256, height: 256, steps: 8, seed: 77 });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('img', { name: `Generated image: ${prompt}` })).toBeVisible({ timeout: 90_000 });

  // Settings are one click away in the header.
  await page.getByRole('banner').getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(region(page, 'Email')).toContainText(`You sign in as ${email} (confirmed).`);

  // Another browser signed in to the same account.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email);

  // Password change: the current password is required; the other browser is signed out, this one stays.
  const password = region(page, 'Password');
  await password.getByLabel('Current password').fill('not my password');
  await password.getByLabel('New password').fill(SECOND);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByText('That is not your current password.')).toBeVisible();
  await password.getByLabel('Current password').fill(PASSWORD);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toHaveText('Your password is changed. 1 other session was signed out.');
  await expectSignedOut(otherPage);
  await page.reload();
  await expect(page).toHaveURL(/\/settings$/);

  // Sign out everywhere: both browsers are out.
  await signIn(otherPage, email, SECOND);
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=signed-out-everywhere$/);
  await expect(page.getByRole('alert').filter({ hasText: 'You are signed out on every device.' })).toBeVisible();
  await expectSignedOut(otherPage);
  await other.close();

  // Reset by email: the mailed link works once, and only the new password signs in.
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  const asked = Date.now();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(page.getByRole('status')).toContainText(`If an account uses ${email}, we sent it a link`);
  const { link, mail } = await mailedLink(email, 'Reset your Kumori password', '/reset-password', asked);
  expect(mail.text).toContain('The link works once, for 30 minutes.');
  await page.goto(link);
  await page.getByLabel('New password').fill(THIRD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page).toHaveURL(/\/signin\?notice=password-reset$/);
  await expect(page.getByRole('alert').filter({ hasText: 'Your password is changed. Sign in with the new one.' })).toBeVisible();
  await page.goto(link);
  await page.getByLabel('New password').fill('fourth horse battery');
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toHaveText('This link was already used or replaced by a newer one.');
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(SECOND);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await signIn(page, email, THIRD);

  // Export: a zip with the image (the stored PNG), its metadata, the generations and the ledger.
  await page.goto('/settings');
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download my data' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^kumori-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync(await download.path())));
  const pngs = Object.keys(files).filter((f) => /^images\/[0-9a-f-]{36}\.png$/.test(f));
  expect(pngs).toHaveLength(1);
  expect(Buffer.from(files[pngs[0]].subarray(1, 4)).toString()).toBe('PNG');
  expect(JSON.parse(strFromU8(files[pngs[0].replace(/\.png$/, '.json')]))).toMatchObject({ prompt, seed: 77 });
  expect(JSON.parse(strFromU8(files['generations.json']))).toEqual([expect.objectContaining({ status: 'succeeded', params: expect.objectContaining({ prompt }) })]);
  const ledger = JSON.parse(strFromU8(files['ledger.json'])) as Array<{ kind: string; amount: number }>;
  expect(ledger.map((l) => l.kind)).toEqual(['grant', 'debit']);
  expect(ledger[0].amount).toBe(500);

  // Delete: confirmed by the password; signed out; the files are gone, the records stay detached.
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    const [user] = await sql`select id from users where email = ${email}`;
    expect(fs.existsSync(path.join(STORAGE, 'images', user.id))).toBe(true);
    const danger = region(page, 'Delete account');
    await danger.getByLabel('Password to confirm').fill('not my password');
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await expect(danger.getByText('That is not your current password.')).toBeVisible();
    await danger.getByLabel('Password to confirm').fill(THIRD);
    await danger.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page).toHaveURL(/\/signin\?notice=account-deleted$/);
    await expect(page.getByRole('alert').filter({ hasText: 'Your account is deleted. Thank you for using Kumori.' })).toBeVisible();

    expect(fs.existsSync(path.join(STORAGE, 'images', user.id))).toBe(false);
    const [row] = await sql`select email, deleted_at from users where id = ${user.id}`;
    expect(row.email).toBe(`deleted-${user.id}@deleted.invalid`);
    expect(row.deleted_at).not.toBeNull();
    expect(await sql`select id from images where user_id = ${user.id}`).toHaveLength(0);
    expect(await sql`select id from generations where user_id = ${user.id}`).toHaveLength(1);
    expect(await sql`select id from credit_ledger where user_id = ${user.id}`).toHaveLength(2);
    expect(await sql`select action from audit_log where target_id = ${user.id}`).toEqual([{ action: 'account.delete' }]);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(THIRD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  } finally {
    await sql.end();
  }
});
