import { expect, test, type Page } from '@playwright/test';
import postgres from 'postgres';
import sharp from 'sharp';
import { fillSettings, signInAdmin, signUp } from './helpers';
import { E2E_ADMIN_EMAIL, E2E_DATABASE_URL } from './e2e-env';

// The moderation loop as people live it: an admin lowers the review threshold, a user's image
// comes back blurred "awaiting review", the admin rejects it in the queue, the user finds the
// notice in their gallery, the audit log holds both actions, and "check an image" traces a
// re-encoded, halved copy of another image back to its generation and user.
async function generate(page: Page, prompt: string) {
  await page.goto('/generate');
  await fillSettings(page, { prompt, width: 256, height: 256, steps: 8, seed: 77 });
  await page.getByRole('button', { name: 'Generate' }).click();
  // The feed lists earlier generations too; the newest card is the first.
  await expect(page.getByTestId('generation-status').first()).toHaveText('Done', { timeout: 90_000 });
}

async function setThresholds(admin: Page, review: string, block: string) {
  await admin.goto('/admin/policy');
  await admin.getByLabel('Review (blur) from').fill(review);
  await admin.getByLabel('Block from').fill(block);
  await admin.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(admin.getByText(/saved|updated/i).first()).toBeVisible();
}

test('review queue: flagged image blurred for its owner, rejected by an admin, owner notified, audited, traced', async ({ browser }, testInfo) => {
  const sql = postgres(E2E_DATABASE_URL, { max: 1, onnotice: () => {} });
  const admin = await (await browser.newContext()).newPage();
  const user = await (await browser.newContext()).newPage();
  try {
    await signInAdmin(admin, E2E_ADMIN_EMAIL);
    const email = await signUp(user);
    await setThresholds(admin, '0.0001', '1');

    await generate(user, 'a small green square on a purple background');
    await expect(user.getByText('The content filter sent this image to a moderator')).toBeVisible();
    await user.getByRole('link', { name: 'Gallery', exact: true }).click();
    await expect(user.getByRole('list', { name: 'Your images' }).getByText('Awaiting review')).toBeVisible();
    await user.screenshot({ path: testInfo.outputPath('gallery-awaiting-review.png'), fullPage: true });

    await admin.goto('/admin/review');
    const card = admin.getByRole('listitem').filter({ hasText: 'a small green square on a purple background' });
    await expect(card).toContainText(email);
    await card.getByRole('img').click();
    await admin.getByLabel('Note to the owner (shown when rejected, optional)').fill('Please keep it family friendly.');
    await admin.screenshot({ path: testInfo.outputPath('admin-review-queue.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Reject 1 selected' }).click();
    await expect(admin.getByText('Rejected 1 image.')).toBeVisible();
    await expect(card).toHaveCount(0);

    // No reload: the image:moderated event refreshes the open gallery.
    const notice = user.getByRole('list', { name: 'Notices from moderation' });
    await expect(notice).toContainText('a small green square on a purple background');
    await expect(notice).toContainText('Please keep it family friendly.');
    await expect(user.getByText('No images yet.')).toBeVisible();
    await user.screenshot({ path: testInfo.outputPath('gallery-notice.png'), fullPage: true });
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await expect(notice).toHaveCount(0);
    // The notice hides at once; the dismissal must be recorded before the reload, or the reload
    // cancels the server action still in flight (a real user's instant reload would too).
    await expect
      .poll(async () => (await sql`select count(*)::int as n from user_notices n join users u on u.id = n.user_id where u.email = ${email} and n.read_at is null`)[0].n)
      .toBe(0);
    await user.reload();
    await expect(user.getByText('No images yet.')).toBeVisible();
    await expect(notice).toHaveCount(0);

    await admin.goto('/admin/audit');
    await expect(admin.getByText('image.reject').first()).toBeVisible();
    await expect(admin.getByText('nsfw.thresholds.update').first()).toBeVisible();

    // Back to the shipped thresholds: the demo model's images pass untouched.
    await setThresholds(admin, '0.4', '0.8');
    await generate(user, 'a large yellow circle on a black background');
    await expect(user.getByText('The content filter sent this image to a moderator')).toHaveCount(0);
    const src = await user.getByRole('img', { name: 'Generated image: a large yellow circle on a black background' }).getAttribute('src');
    const png = await (await user.request.get(src!)).body();
    const copy = await sharp(png).resize(128, 128).jpeg({ quality: 80 }).toBuffer();

    await admin.goto('/admin/check-image');
    await admin.getByLabel('Image (PNG, JPEG or WebP, up to 10 MB)').setInputFiles({ name: 'found-online.jpg', mimeType: 'image/jpeg', buffer: copy });
    await admin.getByRole('button', { name: 'Check image' }).click();
    await expect(admin.getByText(/Carries the Kumori watermark: generation/)).toContainText(email);
    await admin.screenshot({ path: testInfo.outputPath('admin-check-image.png'), fullPage: true });
  } finally {
    await sql`delete from settings where key = 'nsfw.thresholds'`;
    await sql.end();
  }
});
