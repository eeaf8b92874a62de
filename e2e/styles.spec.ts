import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { E2E_ADMIN_EMAIL } from './e2e-env';
import { fillSettings, signInAdmin, signUp } from './helpers';

// Issue #15: a style's post effect is visible in the pixels, against the same seed without it.
const SHOTS = path.join('test-results', 'issue-15');
const PROMPT = 'a large red circle on a blue background';

async function generate(page: Page): Promise<{ saturation: number; luminance: number }> {
  // The feed puts each new generation on top as its own card: wait for that card to finish.
  const cards = page.getByRole('article', { name: `Generation: ${PROMPT}` });
  const before = await cards.count();
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(cards).toHaveCount(before + 1);
  const card = cards.first();
  await expect(card.getByTestId('generation-status')).toHaveText('Done', { timeout: 90_000 });
  const img = card.getByRole('img', { name: `Generated image: ${PROMPT}` });
  await expect(img).toBeVisible();
  const src = await img.getAttribute('src');
  const res = await page.request.get(new URL(src!, page.url()).toString());
  expect(res.ok()).toBe(true);
  const { data, info } = await sharp(await res.body()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let saturation = 0;
  let luminance = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    const max = Math.max(r, g, b);
    saturation += max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
    luminance += 0.2126 * r + 0.7152 * g + 0.0722 * b;
  }
  const n = data.length / info.channels;
  return { saturation: saturation / n, luminance: luminance / n };
}

test('a style from the Style control changes the image: Noir against the same seed without it', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signUp(page);
  const picker = page.getByRole('radiogroup', { name: 'Style' });
  await expect(picker.getByRole('radio', { name: 'None' })).toHaveAttribute('aria-checked', 'true');
  await expect(picker.getByRole('radio')).toHaveCount(10);

  await fillSettings(page, { prompt: PROMPT, width: 128, height: 128, steps: 12, seed: 4242 });
  const plain = await generate(page);

  // Keyboard: arrows move through the cards and choose, as in any radio group.
  await picker.getByRole('radio', { name: 'None' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(picker.getByRole('radio', { name: 'Neon' })).toHaveAttribute('aria-checked', 'true');
  await picker.getByRole('radio', { name: 'Noir' }).click();
  await expect(picker.getByRole('radio', { name: 'Noir' })).toHaveAttribute('aria-checked', 'true');
  const noir = await generate(page);

  // The demo model's red on blue is strongly coloured; Noir takes every colour out (the watermark adds next to none back).
  expect(plain.saturation).toBeGreaterThan(0.4);
  expect(noir.saturation).toBeLessThan(0.05);
  await page.screenshot({ path: path.join(SHOTS, 'generator-noir-1440x900.png') });

  // Pixel: picking it fills in its suggested steps, which the user could still change.
  await picker.getByRole('radio', { name: 'Pixel' }).click();
  await expect(page.getByLabel('Steps')).toHaveValue('16');
  const pixel = await generate(page);
  expect(Math.abs(pixel.luminance - plain.luminance) + Math.abs(pixel.saturation - plain.saturation) * 100).toBeGreaterThan(1);

  await page.setViewportSize({ width: 390, height: 844 });
  // On a phone Generate switches to the feed; the form (and its Style control) is behind Create.
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'Create' }).click();
  await picker.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'generator-style-390x844.png'), fullPage: true });
});

test('an admin reorders and retires a style at /admin/styles, and the Style control follows', async ({ page, browser }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAdmin(page, E2E_ADMIN_EMAIL);
  await page.goto('/admin/styles');
  await expect(page.getByRole('heading', { name: 'Styles', level: 1 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Styles in order' });
  const film = list.getByRole('listitem', { name: 'Film', exact: true });
  await film.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(list.getByRole('listitem').nth(3)).toHaveAttribute('aria-label', 'Film');
  await film.getByRole('button', { name: 'Edit' }).click();
  await expect(film.getByRole('form', { name: 'Edit Film' })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'admin-styles-1440x900.png') });
  await film.getByRole('button', { name: 'Close' }).click();

  const dream = list.getByRole('listitem', { name: 'Dream', exact: true });
  await dream.getByRole('button', { name: 'Retire' }).click();
  await expect(dream.getByText('Retired', { exact: true })).toBeVisible();

  const user = await browser.newPage();
  await signUp(user);
  const radios = user.getByRole('radiogroup', { name: 'Style' }).getByRole('radio');
  await expect(radios.nth(4)).toHaveAccessibleName('Film');
  await expect(user.getByRole('radio', { name: 'Dream' })).toHaveCount(0);

  await dream.getByRole('button', { name: 'Restore' }).click();
  await expect(dream.getByText('Retired', { exact: true })).toHaveCount(0);
  await film.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(list.getByRole('listitem').nth(4)).toHaveAttribute('aria-label', 'Film');
  await user.close();
});
