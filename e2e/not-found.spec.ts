import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { DESKTOP, PHONE, SHOT_DIR, userWithImages } from './page-tour';

// What Next.js showed as a white default page now lands on the app's own 404, with a way back.
async function expectStyledNotFound(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Go to the start page' })).toBeVisible();
}

test('an unknown address answers 404 with the styled page and a way back', async ({ page }) => {
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expectStyledNotFound(page);
    await page.screenshot({ path: path.join(SHOT_DIR, `not-found-page-${viewport.width}.png`) });
  }
  await page.getByRole('link', { name: 'Go to the start page' }).click();
  await expect(page).toHaveURL(/\/$/);
});

test('a deleted image and the admin pages for a plain user land on the same styled 404', async ({ page }) => {
  test.setTimeout(180_000);
  const { imageIds } = await userWithImages(page, 1);
  await page.goto(`/gallery/${imageIds[0]}`);
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Delete permanently' }).click();
  await expect(page).toHaveURL(/\/gallery$/);

  const deleted = await page.goto(`/gallery/${imageIds[0]}`);
  expect(deleted?.status()).toBe(404);
  await expectStyledNotFound(page);

  const admin = await page.goto('/admin');
  expect(admin?.status()).toBe(404);
  await expectStyledNotFound(page);
  await page.screenshot({ path: path.join(SHOT_DIR, 'not-found-admin-as-user-1440.png') });
});
