import { expect, test } from '@playwright/test';
import { E2E_ADMIN_EMAIL } from './e2e-env';
import { fillSettings, signInAdmin, signUp } from './helpers';

test('a blocked prompt is refused with its category and field, and costs nothing', async ({ page }, testInfo) => {
  await signUp(page);
  await expect(page.getByLabel('Credit balance')).toHaveText('500 credits');
  await fillSettings(page, { prompt: 'a n u d 3 portrait in oil' });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Your prompt was blocked by the content policy (Sexual content). Nothing was charged.' })).toBeVisible();
  await expect(page.getByText('Blocked by the content policy (Sexual content).', { exact: true })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('prompt-blocked.png'), fullPage: true });
  await page.reload();
  await expect(page.getByLabel('Credit balance')).toHaveText('500 credits');
});

test('"nsfw, nude, lowres" in the negative prompt steers away and runs; the admin sees why and can change it', async ({ browser }, testInfo) => {
  const user = await (await browser.newContext()).newPage();
  const admin = await (await browser.newContext()).newPage();
  await signUp(user);
  await fillSettings(user, { prompt: 'a small blue triangle on a white background', width: 256, height: 256, steps: 8 });
  await user.getByLabel('Negative prompt', { exact: true }).fill('nsfw, nude, lowres');
  await user.getByRole('button', { name: 'Generate' }).click();
  await expect(user.getByTestId('generation-status')).toHaveText('Done', { timeout: 90_000 });
  await expect(user.getByLabel('Parameters')).toContainText('nsfw, nude, lowres');
  await expect(user.getByLabel('Credit balance')).not.toHaveText('500 credits');

  await signInAdmin(admin, E2E_ADMIN_EMAIL);
  await admin.goto('/admin/policy');
  const sexual = admin.getByRole('group', { name: /^Sexual content \(\d+\)$/ });
  const allowed = sexual.getByLabel('Allowed in the negative prompt');
  await expect(allowed).toBeChecked();
  await admin.getByLabel('Negative prompt', { exact: true }).fill('nsfw, nude, lowres');
  await admin.getByRole('button', { name: 'Test prompt against the draft' }).click();
  await expect(admin.getByText('Allowed: no term of this draft blocks or flags it.')).toBeVisible();
  await expect(admin.getByText('Recorded only (allowed in the negative prompt)')).toHaveCount(2);
  await admin.screenshot({ path: testInfo.outputPath('policy-negative-allowed.png'), fullPage: true });

  // Unticked, the same negative prompt would be blocked; saved, it stays unticked after a reload.
  await allowed.uncheck();
  await admin.getByRole('button', { name: 'Test prompt against the draft' }).click();
  await expect(admin.getByText('Would be blocked, and count a strike.')).toBeVisible();
  await admin.getByRole('button', { name: 'Save policy' }).click();
  await expect(admin.getByText('Saved: 1 category changed.')).toBeVisible();
  await admin.reload();
  await expect(allowed).not.toBeChecked();
  await allowed.check();
  await admin.getByRole('button', { name: 'Save policy' }).click();
  await expect(admin.getByText('Saved: 1 category changed.')).toBeVisible();
});
