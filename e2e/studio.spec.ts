import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import postgres from 'postgres';
import { makeEvent, signedWebhook } from '../tests/support/stripe-double';
import { E2E_DATABASE_URL } from './e2e-env';
import { fillSettings, openAdvanced, signUp } from './helpers';
import { E2E_STRIPE } from './stripe-config';

// The generator as issue #15 asks for it: a feed of jobs, batches, aspect presets, remix, a form
// that survives a reload, and a page that fits a phone. Screenshots go to test-results/issue-15/after.
const SHOTS = path.join(__dirname, '..', 'test-results', 'issue-15', 'after');
const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `studio-${name}.png`), fullPage: true });

const feed = (page: Page) => page.getByRole('region', { name: 'Your generations' });
const card = (page: Page, prompt: string) => feed(page).getByRole('article', { name: `Generation: ${prompt}` });

async function generate(page: Page, s: Parameters<typeof fillSettings>[1]): Promise<Locator> {
  await fillSettings(page, s);
  await page.getByRole('button', { name: 'Generate' }).click();
  const c = card(page, s.prompt).first();
  await expect(c).toBeVisible();
  return c;
}

/**
 * Puts the account on a paid plan the way production does: Stripe's customer.subscription.created
 * webhook, signed and posted to the app's route (the Checkout side is billing.spec's business).
 */
async function subscribe(page: Page, email: string, plan: 'basic' | 'pro') {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  const [user] = await sql<{ id: string }[]>`select id from users where email = ${email}`.finally(() => sql.end());
  const subscription = { id: `sub_e2e_${user.id.slice(0, 8)}`, object: 'subscription', customer: null, status: 'active', items: { data: [{ price: { id: 'price_e2e_unseeded' } }] }, metadata: { userId: user.id, plan } };
  const { body, header } = signedWebhook(makeEvent('customer.subscription.created', subscription), E2E_STRIPE.webhookSecret);
  const res = await page.request.post('/api/stripe/webhook', { data: body, headers: { 'content-type': 'application/json', 'stripe-signature': header } });
  expect(res.status(), await res.text()).toBe(200);
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
}

test('two jobs running side by side, each with its own Cancel; then a batch of 4 in one card', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const email = await signUp(page);
  // Free runs one job at a time (queue.spec); Basic runs two, and the e2e worker takes two at once.
  await subscribe(page, email, 'basic');
  await page.reload();
  const first = await generate(page, { prompt: 'a large green square', width: 128, height: 128, steps: 100 });
  await expect(first.getByTestId('generation-status')).toHaveText(/Denoising step/);
  const second = await generate(page, { prompt: 'a small orange circle', width: 128, height: 128, steps: 100 });
  // One look at both cards: the two are running at the same moment, neither waiting for the other.
  await expect(feed(page).getByTestId('generation-status')).toHaveText([/Denoising step/, /Denoising step/]);
  await expect(first.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(second.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(feed(page).getByRole('article')).toHaveText([/a small orange circle/, /a large green square/]);
  await shoot(page, 'two-jobs-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('button', { name: /^Feed/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('button', { name: /^Feed/ })).toContainText('2 running');
  await noSidewaysScroll(page);
  await shoot(page, 'two-jobs-390');
  await shoot(page, 'phone-two-running');
  await page.setViewportSize({ width: 1440, height: 900 });

  // Each card's Cancel stops its own job only: the other keeps making steps.
  await first.getByRole('button', { name: 'Cancel' }).click();
  await expect(first.getByRole('alert').filter({ hasText: 'Cancelled.' })).toBeVisible();
  const bar = second.getByRole('progressbar', { name: 'Generation progress' });
  const stepAtCancel = Number(await bar.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(stepAtCancel);
  await expect(second.getByTestId('generation-status')).toHaveText(/Denoising step/);
  await expect(second.getByRole('alert')).toHaveCount(0);
  await second.getByRole('button', { name: 'Cancel' }).click();
  await expect(second.getByRole('alert').filter({ hasText: 'Cancelled.' })).toBeVisible();

  await page.getByRole('group', { name: 'Images' }).getByText('4', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '4 images' })).toBeChecked();
  const batch = await generate(page, { prompt: 'a small red triangle on a white background', width: 128, height: 128, steps: 10 });
  await expect(batch.getByRole('list', { name: 'Generated images' }).getByRole('img')).toHaveCount(4, { timeout: 90_000 });
  await expect(batch).toContainText('4 images');
  await shoot(page, 'batch-of-4-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await noSidewaysScroll(page);
  await shoot(page, 'batch-of-4-390');
});

test('Use settings and Vary from a feed card; the form and its open sections survive a reload', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signUp(page);
  const prompt = 'a large blue circle on a yellow background';
  await page.getByRole('button', { name: '4:3' }).click();
  await expect(page.getByLabel('Width')).toHaveValue('144');
  await expect(page.getByLabel('Height')).toHaveValue('112');
  const source = await generate(page, { prompt, steps: 12, seed: 1234 });
  await expect(source.getByRole('img', { name: `Generated image: ${prompt}` })).toBeVisible({ timeout: 90_000 });

  await page.getByLabel('Prompt', { exact: true }).fill('something else');
  await page.getByLabel('Seed').fill('9');
  await page.getByRole('button', { name: '1:1' }).click();
  await source.getByRole('button', { name: 'Use settings' }).click();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(page.getByLabel('Seed')).toHaveValue('1234');
  await expect(page.getByLabel('Width')).toHaveValue('144');
  await expect(page.getByRole('button', { name: '4:3' })).toHaveAttribute('aria-pressed', 'true');

  await source.getByRole('button', { name: 'Vary (subtle)' }).click();
  await expect(page.getByRole('img', { name: 'Init image' })).toBeVisible();
  await expect(page.getByLabel('Strength')).toHaveValue('0.35');
  await expect(page.getByLabel('Seed')).toHaveValue('');
  await page.getByRole('button', { name: 'Generate' }).click();
  const variation = feed(page).getByRole('article').first();
  await expect(variation.getByLabel('Parameters')).toContainText('strength 0.35');
  await expect(variation.getByRole('img', { name: `Generated image: ${prompt}` })).toBeVisible({ timeout: 90_000 });
  await shoot(page, 'remix-vary-1440');

  // The form, the advanced section's state and the feed all come back after a reload.
  await page.getByLabel('Negative prompt', { exact: true }).fill('blurry');
  await page.reload();
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(page.getByLabel('Negative prompt', { exact: true })).toHaveValue('blurry');
  await expect(page.getByLabel('Width')).toHaveValue('144');
  await expect(page.locator('details#advanced-settings')).toHaveAttribute('open', '');
  await expect(page.getByLabel('Steps')).toHaveValue('12');
  await expect(feed(page).getByRole('article')).toHaveCount(2);
  await page.getByText(/Prompt history/).click();
  await expect(page.getByRole('list', { name: 'Prompt history' })).toContainText(prompt);
  await shoot(page, 'form-restored-1440');
});

test('the gallery remix links fill the form: /generate?remix=<id>&mode=…', async ({ page }) => {
  await signUp(page);
  const prompt = 'a small purple square at the top on a green background';
  const source = await generate(page, { prompt, width: 128, height: 128, steps: 8, seed: 4321 });
  await expect(source.getByRole('img', { name: `Generated image: ${prompt}` })).toBeVisible({ timeout: 90_000 });
  const imageId = (await source.getByRole('link', { name: 'Open in gallery' }).getAttribute('href'))!.split('/').pop();
  await page.getByLabel('Prompt', { exact: true }).fill('');

  await page.goto(`/generate?remix=${imageId}&mode=settings`);
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(page.getByLabel('Seed')).toHaveValue('4321');
  await expect(page).toHaveURL(/\/generate$/);

  await page.goto(`/generate?remix=${imageId}&mode=vary-strong`);
  await expect(page.getByRole('img', { name: 'Init image' })).toBeVisible();
  await expect(page.getByLabel('Strength')).toHaveValue('0.7');
  await expect(page).toHaveURL(/\/generate$/);
  await shoot(page, 'remix-url-vary-1440');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(feed(page).getByRole('article').first().getByLabel('Parameters')).toContainText('strength 0.7');

  await page.getByLabel('Seed').fill('');
  await page.goto(`/generate?remix=${imageId}&mode=seed`);
  await expect(page.getByLabel('Seed')).toHaveValue('4321');

  await page.goto('/generate?remix=00000000-0000-4000-8000-000000000000&mode=vary-subtle');
  await expect(page.getByText('The image to remix is not in your gallery any more.')).toBeVisible();
});

test('on a phone: Create | Feed, the new card in view after Generate, form state kept, nothing sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUp(page);
  const show = page.getByRole('group', { name: 'Show' });
  const createTab = show.getByRole('button', { name: 'Create' });
  const feedTab = show.getByRole('button', { name: /^Feed/ });
  await expect(createTab).toHaveAttribute('aria-pressed', 'true');
  await expect(feedTab).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByText('Your generations will appear here')).toBeHidden();
  await noSidewaysScroll(page);
  await shoot(page, 'phone-create');
  // The switch stays on screen at the foot of the long form.
  await page.getByRole('button', { name: 'Generate' }).scrollIntoViewIfNeeded();
  await expect(show).toBeInViewport();

  const prompt = 'a large red circle on a blue background';
  const c = await generate(page, { prompt, steps: 40 });
  await expect(feedTab).toHaveAttribute('aria-pressed', 'true');
  await expect(c).toBeInViewport();
  await expect(page.getByLabel('Prompt', { exact: true })).toBeHidden();
  await expect(feedTab).toContainText(/1 (running|queued)/);
  await shoot(page, 'phone-feed-running');
  await expect(c.getByRole('img', { name: `Generated image: ${prompt}` })).toBeVisible({ timeout: 90_000 });
  // The count follows the card's live status, not the feed as it was loaded.
  await expect(feedTab).toHaveText('Feed');
  await noSidewaysScroll(page);
  await shoot(page, 'generator-390');
  await shoot(page, 'phone-feed-done');

  // The form was only hidden: what was typed is still there.
  await createTab.click();
  await expect(createTab).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(prompt);
  await expect(c).toBeHidden();

  // At lg and up the switch is gone and form and feed sit side by side.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(show).toBeHidden();
  await expect(page.getByLabel('Prompt', { exact: true })).toBeVisible();
  await expect(c).toBeVisible();
  await shoot(page, 'generator-1440');
});

test('the prompt box speaks while typing: unknown words, length, size and examples', async ({ page }) => {
  await signUp(page);
  const box = page.getByLabel('Prompt', { exact: true });
  await box.fill('a red cat with an astronaut');
  await expect(page.getByText('The demo model does not know: cat, astronaut')).toBeVisible();
  await expect(page.getByText('27 / 1000')).toBeVisible();
  await box.fill(Array.from({ length: 80 }, () => 'red').join(' '));
  await expect(page.getByText('This prompt is 80 tokens; the model reads 75 at a time, so the words past that may be dropped.')).toBeVisible();
  await page.getByRole('group', { name: 'Example prompts' }).getByRole('button').first().click();
  await expect(box).not.toHaveValue(/red red/);
  await expect(page.getByText(/does not know/)).toHaveCount(0);
  await page.getByLabel('Width').fill('512');
  await page.getByLabel('Height').fill('512');
  await expect(page.getByText(/Far larger than this model's native 128×128/)).toBeVisible();
  await page.getByRole('button', { name: '16:9' }).click();
  await expect(page.getByLabel('Width')).toHaveValue('168');
  await expect(page.getByLabel('Height')).toHaveValue('96');
  await expect(page.getByText(/Far larger/)).toHaveCount(0);
  await openAdvanced(page);
  await expect(page.getByLabel('Model')).not.toContainText('test model');
  await shoot(page, 'prompt-hints-1440');
});

test('a suspended account sees why before it types, and cannot press Generate', async ({ page }) => {
  const email = await signUp(page);
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await sql`update users set suspended_at = now() where email = ${email}`;
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: 'Your account is suspended pending review' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Generate' })).toBeDisabled();
  } finally {
    await sql.end();
  }
});
