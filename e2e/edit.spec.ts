import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import sharp from 'sharp';
import { fillSettings, progressSeen, recordProgress, signUp } from './helpers';
import { DESKTOP, PHONE, userWithImages } from './page-tour';

// Issue #16's editor: paint a mask with the mouse, generate, and compare the result with the original.
const SHOTS = path.join('test-results', 'issue-16');

/** Drags the mouse to and fro over the middle of the canvas, filling a block around its centre. */
async function paintStroke(page: Page, canvas: Locator) {
  const box = (await canvas.boundingBox())!;
  const at = (fx: number, fy: number) => [box.x + box.width * fx, box.y + box.height * fy] as const;
  await page.mouse.move(...at(0.35, 0.35));
  await page.mouse.down();
  for (const [fx, fy] of [[0.65, 0.35], [0.65, 0.5], [0.35, 0.5], [0.35, 0.65], [0.65, 0.65]] as const) {
    await page.mouse.move(...at(fx, fy), { steps: 10 });
  }
  await page.mouse.up();
}

/** Waits for the edit's result and returns its pixel width once the image has loaded. */
async function resultWidth(page: Page, prompt: string): Promise<number> {
  await expect(page.getByLabel('Before / after')).toBeVisible({ timeout: 90_000 });
  const result = page.getByRole('img', { name: `Edited image: ${prompt}` });
  await expect.poll(() => result.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
  return result.evaluate((img: HTMLImageElement) => img.naturalWidth);
}

async function expectNoSeriousAxeFindings(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join('\n    ')}`);
  expect(serious).toEqual([]);
  expect(await page.locator('h1').count()).toBe(1);
}

const maskedShare = (page: Page) => page.getByText(/^\d+% masked$/);

test('inpaint: paint a mask with the mouse, generate, and see the result beside the original', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(DESKTOP);
  // Made in the generator at 256 x 256, a size the demo model draws its shapes at.
  await signUp(page);
  await fillSettings(page, { prompt: 'a large red circle on a blue background', width: 256, height: 256, steps: 8, seed: 7 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const toGallery = page.getByRole('group', { name: 'Remix this image' }).getByRole('link', { name: 'Open in gallery' });
  await expect(toGallery).toBeVisible({ timeout: 60_000 });
  const original = (await toGallery.getAttribute('href'))!.split('/').pop()!;

  // The gallery's image page leads into the editor.
  await page.goto(`/gallery/${original}`);
  await page.getByRole('region', { name: 'Edit' }).getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/edit/${original}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Edit image' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Inpaint' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Prompt')).toHaveValue('a large red circle on a blue background');
  await page.waitForLoadState('networkidle');
  await expectNoSeriousAxeFindings(page);

  // An empty mask is refused before anything is uploaded or charged.
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'the mask is empty' })).toBeVisible();

  const canvas = page.getByTestId('mask-canvas');
  await expect(canvas).toHaveCSS('touch-action', 'none');
  await expect(maskedShare(page)).toHaveText('0% masked');
  await page.getByLabel('Brush size').fill('40');
  await paintStroke(page, canvas);
  await expect(maskedShare(page)).not.toHaveText('0% masked');
  // Once painted, the refusal is out of date and goes.
  await expect(page.getByRole('alert').filter({ hasText: 'the mask is empty' })).toHaveCount(0);
  // Undo takes the stroke back; paint it again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(maskedShare(page)).toHaveText('0% masked');
  await paintStroke(page, canvas);
  const masked = Number((await maskedShare(page).textContent())!.replace(/\D/g, ''));
  expect(masked).toBeGreaterThan(15);
  expect(masked).toBeLessThan(80);

  await page.getByLabel('Prompt').fill('a large green circle on a blue background');
  await page.getByLabel('Steps').fill('8');
  await page.getByLabel('Feather').fill('4');
  await expect(page.getByTestId('edit-estimate')).toContainText('256 × 256 in 8 steps');
  await page.screenshot({ path: path.join(SHOTS, 'edit-mask-1440.png') });
  await recordProgress(page);
  await page.getByRole('button', { name: 'Generate' }).click();

  // The result beside the original: the before/after slider over the loaded result.
  expect(await resultWidth(page, 'a large green circle on a blue background')).toBe(256);
  const slider = page.getByLabel('Before / after');
  await expect(page.getByRole('img', { name: 'Edited image: a large green circle on a blue background' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Original: a large red circle on a blue background' })).toBeVisible();
  await expect(page.getByRole('progressbar', { name: 'Edit progress' })).toHaveAttribute('aria-valuenow', '8');
  // The steps were shown as they ran, not only the end.
  expect((await progressSeen(page)).some((step) => step > 0 && step < 8)).toBe(true);
  const left = (await page.getByRole('region', { name: 'Original' }).boundingBox())!;
  const right = (await page.getByRole('region', { name: 'Result' }).boundingBox())!;
  expect(right.x).toBeGreaterThanOrEqual(left.x + left.width - 1);
  expect(Math.abs(right.y - left.y)).toBeLessThan(40);

  // The slider moves by keyboard.
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('100');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('99');
  await slider.fill('50');
  await page.screenshot({ path: path.join(SHOTS, 'edit-result-1440.png') });

  await page.setViewportSize(PHONE);
  await expect(slider).toBeVisible();
  const widths = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollWidth, inner: window.innerWidth }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  await page.screenshot({ path: path.join(SHOTS, 'edit-result-390.png'), fullPage: true });

  // The new image knows its parent.
  await page.setViewportSize(DESKTOP);
  await page.getByRole('link', { name: 'Open the result in the gallery' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('a large green circle on a blue background');
  await expect(page.getByRole('region', { name: 'Parameters' }).getByRole('link', { name: 'the original image' })).toHaveAttribute('href', `/gallery/${original}`);
});

test('extend and upscale: a preset grows the canvas, an upscale doubles it, and feed cards link to the editor', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(DESKTOP);
  const { imageIds } = await userWithImages(page, 1);
  await page.goto('/generate');
  const editGroup = page.getByRole('group', { name: 'Edit this image' });
  await expect(editGroup.getByRole('link', { name: 'Edit', exact: true })).toHaveAttribute('href', `/edit/${imageIds[0]}`);
  await expect(editGroup.getByRole('link', { name: 'Extend' })).toHaveAttribute('href', `/edit/${imageIds[0]}?tool=extend`);

  // Only the user's own images open: any other id is a 404.
  const missing = await page.goto('/edit/00000000-0000-4000-8000-000000000000');
  expect(missing?.status()).toBe(404);

  await page.setViewportSize(PHONE);
  await page.goto(`/edit/${imageIds[0]}?tool=extend`);
  await expect(page.getByRole('tab', { name: 'Extend' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: 'Extend', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Add pixels to at least one side' })).toBeVisible();
  await page.getByRole('button', { name: '16:9' }).click();
  await expect(page.getByRole('button', { name: '16:9' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Top (px)')).toHaveValue('0');
  const left = Number(await page.getByLabel('Left (px)').inputValue());
  const right = Number(await page.getByLabel('Right (px)').inputValue());
  expect(left).toBeGreaterThan(0);
  await expect(page.getByTestId('edit-estimate')).toContainText(`${64 + left + right} × 64`);
  const preview = (await page.getByTestId('extend-preview').boundingBox())!;
  expect(preview.width / preview.height).toBeCloseTo((64 + left + right) / 64, 1);
  await page.getByRole('button', { name: 'Extend', exact: true }).click();
  expect(await resultWidth(page, 'a large red circle on a blue background')).toBe(64 + left + right);
  await page.screenshot({ path: path.join(SHOTS, 'edit-extend-390.png'), fullPage: true });

  // Arrow keys move between the tools, as tabs do.
  await page.getByRole('tab', { name: 'Extend' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Upscale x2' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tool=upscale/);
  await expect(page.getByLabel('Strength')).toHaveValue('0.3');
  // The hires pass runs 0.3 of 20 steps at the doubled size.
  await expect(page.getByTestId('edit-estimate')).toContainText('128 × 128 in 6 steps');
  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'Upscale x2' }).click();
  await expect(page.getByRole('img', { name: /^Edited image:/ })).toHaveCount(0);
  expect(await resultWidth(page, 'a large red circle on a blue background')).toBe(128);
  await page.screenshot({ path: path.join(SHOTS, 'edit-upscale-1440.png') });
});

test('an uploaded image opens in the editor from the generator, and its edit comes back', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize(DESKTOP);
  await signUp(page);
  const start = await sharp({ create: { width: 128, height: 128, channels: 3, background: '#2050e0' } }).png().toBuffer();
  await page.getByLabel(/Init image/).setInputFiles({ name: 'start.png', mimeType: 'image/png', buffer: start });
  await page.getByRole('link', { name: 'Edit with a mask' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Edit an uploaded image' })).toBeVisible();
  await paintStroke(page, page.locator('canvas').first());
  await expect(maskedShare(page)).not.toHaveText('0% masked');
  await page.getByLabel('Prompt').fill('a large red circle on a blue background');
  await page.getByRole('button', { name: 'Generate' }).click();
  expect(await resultWidth(page, 'a large red circle on a blue background')).toBe(128);
});
