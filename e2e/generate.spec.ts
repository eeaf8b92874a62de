import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import { fillSettings, progressSeen, recordProgress, signUp } from './helpers';

test('sign up, watch an image form, find it in the gallery, download and delete it', async ({ page, request }, testInfo) => {
  await signUp(page);
  await expect(page.getByRole('link', { name: 'Generate', exact: true })).toBeVisible();
  await expect(page.getByLabel('Credit balance')).toHaveText('500 credits');

  await recordProgress(page);
  await fillSettings(page, { prompt: 'a large red circle on a blue background', width: 256, height: 256, steps: 24, seed: 1234 });
  await page.getByRole('button', { name: 'Generate' }).click();

  const bar = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByAltText('Live preview')).toBeVisible();
  const result = page.getByRole('img', { name: 'Generated image: a large red circle on a blue background' });
  await expect(result).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('generation-status')).toHaveText('Done');
  await expect(bar).toHaveAttribute('aria-valuenow', '24');

  // The bar moved through intermediate steps, in order, rather than jumping from 0 to done.
  const seen = await progressSeen(page);
  const intermediate = seen.filter((v) => v > 0 && v < 24);
  expect(intermediate.length).toBeGreaterThanOrEqual(2);
  expect([...seen].sort((a, b) => a - b)).toEqual(seen);

  await expect(page.getByLabel('Parameters')).toContainText('1234');
  await expect(page.getByLabel('Credit balance')).toHaveText(`${500 - 6} credits`);
  const shot = testInfo.outputPath('generator-finished.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('generator-finished', { path: shot, contentType: 'image/png' });

  await page.getByRole('link', { name: 'Gallery', exact: true }).click();
  const thumb = page.getByRole('list', { name: 'Your images' }).getByRole('img', { name: 'a large red circle on a blue background' });
  await expect(thumb).toBeVisible();
  await thumb.click();
  const full = page.getByRole('img', { name: 'Generated image: a large red circle on a blue background' });
  await expect(full).toBeVisible();
  await expect(page.getByLabel('Parameters')).toContainText('256 × 256');
  const fileUrl = await full.getAttribute('src');
  expect(fileUrl).toBeTruthy();

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^kumori-.*\.png$/);
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.toString('latin1')).toContain('Seed: 1234');

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(page.getByText('No images yet.')).toBeVisible();
  // The stored file went with the row: its (still validly signed) link now finds nothing.
  expect((await request.get(fileUrl!)).status()).toBe(404);
});

test('a refreshed page picks up a running generation from the server', async ({ page }) => {
  await signUp(page);
  await fillSettings(page, { prompt: 'a small green square at the top', width: 256, height: 256, steps: 60 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const bar = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const before = Number(await bar.getAttribute('aria-valuenow'));

  await page.reload();
  const barAfter = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect(barAfter).toBeVisible();
  expect(Number(await barAfter.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(before);
  await expect(page.getByLabel('Parameters')).toContainText('a small green square at the top');
  await expect(page.getByRole('img', { name: 'Generated image: a small green square at the top' })).toBeVisible({ timeout: 110_000 });
});

test('invalid settings are rejected with a message on the field', async ({ page }) => {
  await signUp(page);
  await fillSettings(page, { prompt: 'a circle', width: 500 });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByText('Width must be a multiple of 8.')).toBeVisible();
  await expect(page.getByLabel('Width')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Credit balance')).toHaveText('500 credits');
});

test('a wrong password is refused with a clear message', async ({ page }) => {
  const email = await signUp(page);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('link', { name: 'Create an account' })).toBeVisible();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email or password.' })).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});
