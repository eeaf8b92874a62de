import { expect, test } from '@playwright/test';
import { startWebhookReceiver } from '../tests/support/webhook-receiver';
import { signUp } from './helpers';

// Webhooks in the browser: reached from Settings, the secret shown once, a test event delivered by the
// worker to a receiver on loopback (the e2e server sets WEBHOOK_ALLOW_PRIVATE) and seen in the log.
test('add an endpoint, see its secret once, send a test event and find it in the delivery log', async ({ page }) => {
  const receiver = await startWebhookReceiver();
  try {
    await signUp(page);
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Manage webhooks' }).click();
    await expect(page).toHaveURL(/\/settings\/webhooks$/);
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();

    const add = page.getByRole('region', { name: 'Add an endpoint' });
    const url = `${receiver.url}/kumori`;
    await add.getByLabel('Endpoint URL').fill(url);
    await add.getByRole('checkbox', { name: 'image.moderated' }).check();
    await add.getByRole('button', { name: 'Add endpoint' }).click();

    const field = page.getByLabel('Signing secret');
    await expect(field).toHaveValue(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await expect(page.getByText('it will not be shown again')).toBeVisible();
    const secret = await field.inputValue();

    const endpoint = page.getByRole('article', { name: `Endpoint ${url}` });
    await expect(endpoint).toContainText('image.moderated');
    // Shown once: a reload lists the endpoint without its secret.
    await page.reload();
    await expect(page.getByLabel('Signing secret')).toHaveCount(0);
    await expect(page.locator('body')).not.toContainText(secret.slice(6));

    await endpoint.getByRole('button', { name: 'Send test event' }).click();
    await expect(endpoint.getByRole('status').filter({ hasText: 'Test event queued.' })).toBeVisible();
    await expect.poll(() => receiver.receipts.length, { timeout: 30_000 }).toBe(1);
    const [receipt] = receiver.receipts;
    expect(receiver.verify(receipt!, secret)).toMatchObject({ type: 'webhook.test' });

    const log = endpoint.getByRole('table', { name: 'Deliveries to this endpoint, newest first' });
    const row = log.getByRole('row').filter({ hasText: receipt!.headers['webhook-id']! });
    await expect(async () => {
      await endpoint.getByRole('button', { name: 'Refresh' }).click();
      await expect(row).toContainText('succeeded', { timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await expect(row).toContainText('webhook.test');
    await expect(row).toContainText('200');
  } finally {
    await receiver.close();
  }
});
