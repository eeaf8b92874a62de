import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { adminPages, adminWithUser, PHONE, SHOT_DIR, SIGNED_OUT_PAGES, userPages, userWithImages, type Stop } from './page-tour';

// On a 390 px phone nothing scrolls sideways: wide tables scroll inside their own box, and the
// header folds its links into a menu.
test.use({ viewport: PHONE });

async function visit(page: Page, stop: Stop) {
  await page.goto(stop.path);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOT_DIR, `${stop.name}-390.png`), fullPage: true });
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect.soft(widths.scroll, `page width of ${stop.path} at ${PHONE.width} px`).toBeLessThanOrEqual(widths.inner);
}

test('signed-out pages fit a phone', async ({ page }) => {
  for (const stop of SIGNED_OUT_PAGES) await visit(page, stop);
});

test('a user\'s pages fit a phone', async ({ page }) => {
  test.setTimeout(240_000);
  const { imageIds } = await userWithImages(page);
  for (const stop of userPages(imageIds[0])) await visit(page, stop);
});

test('admin pages fit a phone', async ({ page }) => {
  test.setTimeout(240_000);
  const ids = await adminWithUser(page);
  for (const stop of adminPages(ids)) await visit(page, stop);
});

test('on a phone the header folds its links into a menu that opens, navigates and closes', async ({ page }) => {
  await userWithImages(page, 1);
  await page.goto('/gallery');
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('link', { name: 'Billing', exact: true })).toBeHidden();
  const menu = banner.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await page.screenshot({ path: path.join(SHOT_DIR, 'header-menu-open-390.png') });
  await banner.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page).toHaveURL(/\/billing$/);
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(menu).toBeFocused();
});
