import { expect, test, type Page } from '@playwright/test';
import { signUp } from './helpers';

// Issue #17: the gallery's search box, its filters in the URL, and the Favourite star.

const PROMPTS = ['a lighthouse on a rocky cliff', 'a red apple on a wooden table', 'a blue bicycle in the park'];

/** A fresh user with one image per prompt, made through the API with the demo model. */
async function userWithPrompts(page: Page, prompts: string[]) {
  await signUp(page);
  await page.goto('/settings/api-keys');
  const create = page.getByRole('region', { name: 'Create a key' });
  await create.getByLabel('Name (optional)').fill('gallery search');
  await create.getByRole('checkbox', { name: 'generate' }).check();
  await create.getByRole('checkbox', { name: 'read' }).check();
  await create.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByLabel('New API key').inputValue();
  for (const prompt of prompts) {
    const res = await page.request.post('/v1/images/generations', {
      headers: { authorization: `Bearer ${key}` },
      data: { prompt, n: 1, size: '64x64', steps: 4, response_format: 'url' },
      timeout: 90_000,
    });
    expect(res.status(), await res.text()).toBe(200);
  }
}

const tiles = (page: Page) => page.getByRole('list', { name: 'Your images' }).getByRole('listitem');

test('search, star, filter favourites: the URL holds the search and a reload keeps it', async ({ page }) => {
  test.setTimeout(240_000);
  await userWithPrompts(page, PROMPTS);
  await page.goto('/gallery');
  await expect(tiles(page)).toHaveCount(3);

  // A part of a word finds its image; the search is in the address.
  await page.getByRole('searchbox', { name: 'Search' }).fill('lighth');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page).toHaveURL(/\/gallery\?q=lighth$/);
  await expect(tiles(page)).toHaveCount(1);
  await expect(tiles(page).first()).toContainText('lighthouse');

  // Nothing matches: the page says so and offers the way back.
  await page.getByRole('searchbox', { name: 'Search' }).fill('zebra');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page.getByText('No images match this search.')).toBeVisible();
  await page.getByRole('link', { name: 'Clear filters' }).last().click();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(tiles(page)).toHaveCount(3);

  // Star the apple: the toggle flips at once and stays flipped.
  const apple = tiles(page).filter({ hasText: 'red apple' });
  const star = apple.getByRole('button', { name: 'Favourite' });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');

  await page.getByRole('checkbox', { name: 'Favourites only' }).check();
  await expect(page).toHaveURL(/\/gallery\?favourite=true$/);
  await expect(tiles(page)).toHaveCount(1);
  await expect(tiles(page).first()).toContainText('red apple');

  // A reload (or a bookmark) keeps the filter, the control and the result.
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Favourites only' })).toBeChecked();
  await expect(tiles(page)).toHaveCount(1);
  await expect(tiles(page).first().getByRole('button', { name: 'Favourite' })).toHaveAttribute('aria-pressed', 'true');

  // A filter joins the search; back steps out of it again.
  await page.getByRole('searchbox', { name: 'Search' }).fill('bicycle');
  await page.getByRole('searchbox', { name: 'Search' }).press('Enter');
  await expect(page).toHaveURL(/\/gallery\?q=bicycle&favourite=true$/);
  await expect(page.getByText('No images match this search.')).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/gallery\?favourite=true$/);
  await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
  await expect(tiles(page)).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(/\/gallery$/);
  await expect(tiles(page)).toHaveCount(3);
});
