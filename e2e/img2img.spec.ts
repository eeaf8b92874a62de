import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { fillSettings, signUp } from './helpers';

test('image to image: upload a start image, generate from it; a bad file is refused with a reason', async ({ page }) => {
  await signUp(page);
  const upload = page.getByLabel(/Init image/);

  await upload.setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('definitely not a PNG') });
  await expect(page.getByText('This file is not an image Kumori can read. Upload a PNG, JPEG or WebP.')).toBeVisible();

  const start = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#e03020' } }).jpeg().toBuffer();
  await upload.setInputFiles({ name: 'start.jpg', mimeType: 'image/jpeg', buffer: start });
  await expect(page.getByRole('img', { name: 'Init image' })).toBeVisible();
  await expect(page.getByText('320×240, resized to the output size')).toBeVisible();
  await page.getByLabel('Strength').fill('0.5');

  // 256x256, 20 steps at strength 0.5 runs 10 steps: 3 credits instead of 5.
  await fillSettings(page, { prompt: 'a large blue circle', width: 256, height: 256, steps: 20 });
  await expect(page.getByText('Costs 3 credits')).toBeVisible();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('img', { name: 'Generated image: a large blue circle' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: 'Generation progress' })).toHaveAttribute('aria-valuemax', '10');
  await expect(page.getByLabel('Parameters')).toContainText('strength 0.5');
  await expect(page.getByLabel('Credit balance')).toHaveText('497 credits');
});
