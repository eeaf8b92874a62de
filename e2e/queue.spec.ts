import { expect, test } from '@playwright/test';
import { fillSettings, signUp } from './helpers';

test('a second generation waits its turn, with its place in the tier and an estimated start', async ({ page }) => {
  await signUp(page);
  // The free plan runs one job at a time; the e2e worker pauses 120 ms a step, so 40 steps last ~5 s.
  await fillSettings(page, { prompt: 'a large green square', width: 128, height: 128, steps: 40 });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByTestId('generation-status')).toHaveText(/Denoising step/);
  await fillSettings(page, { prompt: 'a small orange circle', width: 128, height: 128, steps: 10 });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByTestId('generation-status')).toHaveText(/^Queued — (next|\d+ ahead of you) in Relax · starts in about \d+ (s|min)$/);
  await expect(page.getByRole('img', { name: 'Generated image: a small orange circle' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByLabel('Parameters')).toContainText('Relax');
});
