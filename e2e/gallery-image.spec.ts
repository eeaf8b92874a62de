import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { DESKTOP, PHONE, SHOT_DIR, userWithImages } from './page-tour';

// The gallery image page is a lightbox: step through the gallery with buttons or ←/→, Escape
// back to the grid, and remix links whose URLs the generator reads (issue #15's contract).

async function expectRemixLinks(page: Page, imageId: string) {
  const remix = page.getByRole('region', { name: 'Remix' });
  const href = (mode: string) => `/generate?remix=${imageId}&mode=${mode}`;
  await expect(remix.getByRole('link', { name: 'Use settings' })).toHaveAttribute('href', href('settings'));
  await expect(remix.getByRole('link', { name: 'Vary (subtle)' })).toHaveAttribute('href', href('vary-subtle'));
  await expect(remix.getByRole('link', { name: 'Vary (strong)' })).toHaveAttribute('href', href('vary-strong'));
  await expect(remix.getByRole('link', { name: 'Reuse seed' })).toHaveAttribute('href', href('seed'));
}

test('the image page steps through the gallery and links to the generator with its settings', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);
  const { imageIds } = await userWithImages(page, 3);
  const [newest, middle, oldest] = imageIds;

  await page.goto('/gallery');
  await page.getByRole('list', { name: 'Your images' }).getByRole('link').nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/gallery/${middle}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('a large red circle on a blue background');
  await expect(page.getByRole('region', { name: 'Parameters' })).toContainText('Seed');
  await expectRemixLinks(page, middle);
  await page.screenshot({ path: path.join(SHOT_DIR, 'gallery-image-lightbox-1440.png') });

  // Buttons: previous is the newer image, next the older one, as in the grid.
  await page.getByRole('link', { name: 'Next image' }).click();
  await expect(page).toHaveURL(new RegExp(`/gallery/${oldest}$`));
  await expect(page.getByRole('link', { name: 'Next image' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Previous image' }).click();
  await expect(page).toHaveURL(new RegExp(`/gallery/${middle}$`));

  // Keys.
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(new RegExp(`/gallery/${newest}$`));
  await expect(page.getByRole('link', { name: 'Previous image' })).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(new RegExp(`/gallery/${middle}$`));
  await expectRemixLinks(page, middle);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/gallery$/);

  // Use settings opens the generator on the contract's URL.
  await page.goto(`/gallery/${newest}`);
  await page.getByRole('link', { name: 'Use settings' }).click();
  await expect(page).toHaveURL(`/generate?remix=${newest}&mode=settings`);
});

test('on a phone the image page keeps the image, the remix links and no sideways scroll', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(PHONE);
  const { imageIds } = await userWithImages(page, 2);
  await page.goto(`/gallery/${imageIds[0]}`);
  await expect(page.getByRole('img', { name: /^Generated image:/ })).toBeVisible();
  await expectRemixLinks(page, imageIds[0]);
  await page.screenshot({ path: path.join(SHOT_DIR, 'gallery-image-lightbox-390.png'), fullPage: true });
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
});
