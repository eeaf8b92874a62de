import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { adminPages, adminWithUser, DESKTOP, SHOT_DIR, SIGNED_OUT_PAGES, userPages, userWithImages, type Stop } from './page-tour';

// Every page through axe-core (WCAG 2.0-2.2 A and AA rules): no serious or critical finding, and
// one h1 each. Screenshots at 1440x900 for looking at. /docs is Scalar's page, not ours.
test.use({ viewport: DESKTOP });

async function audit(page: Page, stop: Stop) {
  const response = await page.goto(stop.path);
  expect(response?.status(), stop.path).toBeLessThan(stop.name === 'not-found' ? 500 : 400);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: path.join(SHOT_DIR, `${stop.name}-1440.png`), fullPage: true });
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect.soft(serious, `axe on ${stop.path}`).toEqual([]);
  expect.soft(await page.locator('h1').count(), `h1 elements on ${stop.path}`).toBe(1);
}

test('signed-out pages have no serious accessibility violations', async ({ page }) => {
  for (const stop of SIGNED_OUT_PAGES) await audit(page, stop);
});

test('a user\'s pages have no serious accessibility violations', async ({ page }) => {
  test.setTimeout(240_000);
  const { imageIds } = await userWithImages(page);
  for (const stop of userPages(imageIds[0])) await audit(page, stop);
});

test('admin pages, seen by an admin, have no serious accessibility violations', async ({ page }) => {
  test.setTimeout(240_000);
  const ids = await adminWithUser(page);
  for (const stop of adminPages(ids)) await audit(page, stop);
});

test('sign-up shows every field error at once, each tied to its input', async ({ page }) => {
  await page.goto('/signup');
  await page.getByLabel('Email').fill('not-an-email');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter a valid email address.');
  await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Password must be at least 8 characters.');
  await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
});
