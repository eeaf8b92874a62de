import { expect, test } from '@playwright/test';
import { fillSettings, signUp } from './helpers';

test('a running generation can be cancelled and the unrun steps are refunded', async ({ page }) => {
  await signUp(page);
  // 256x256 at 60 steps costs 15 credits; the e2e worker pauses 120 ms a step.
  await fillSettings(page, { prompt: 'a small blue triangle on the left', width: 256, height: 256, steps: 60 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const bar = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Cancel' }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Cancelled.' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(/\d+ credits? refunded\./);
  const refunded = Number((await notice.textContent())!.match(/(\d+) credit/)![1]);
  expect(refunded).toBeGreaterThan(0);
  expect(refunded).toBeLessThan(15);
  await expect(page.getByLabel('Credit balance')).toHaveText(`${500 - 15 + refunded} credits`);
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
});
