import { expect, test } from '@playwright/test';
import { fillSettings, signUp } from './helpers';

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
