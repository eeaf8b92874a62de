import { expect, test } from '@playwright/test';
import { fillSettings, signUp } from './helpers';

test('a second generation waits its turn beside the first, with its place in the tier and an estimated start', async ({ page }) => {
  await signUp(page);
  // The free plan runs one job at a time; the e2e worker pauses 120 ms a step, so 40 steps last ~5 s.
  await fillSettings(page, { prompt: 'a large green square', width: 128, height: 128, steps: 40 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const first = page.getByRole('article', { name: 'Generation: a large green square' });
  await expect(first.getByTestId('generation-status')).toHaveText(/Denoising step/);
  await fillSettings(page, { prompt: 'a small orange circle', width: 128, height: 128, steps: 10 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const second = page.getByRole('article', { name: 'Generation: a small orange circle' });
  await expect(second.getByTestId('generation-status')).toHaveText(/^Queued — (next|\d+ ahead of you) in Relax · starts in about \d+ (s|min)$/);
  // Submitting again never hides the running job: both cards are in the feed, newest first.
  await expect(first).toBeVisible();
  await expect(page.getByRole('region', { name: 'Your generations' }).getByRole('article')).toHaveText([/a small orange circle/, /a large green square/]);
  await expect(second.getByRole('img', { name: 'Generated image: a small orange circle' })).toBeVisible({ timeout: 60_000 });
  await expect(second.getByLabel('Parameters')).toContainText('Relax');
  await expect(first.getByRole('img', { name: 'Generated image: a large green square' })).toBeVisible();
});
