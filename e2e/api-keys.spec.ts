import { expect, test } from '@playwright/test';
import { signUp } from './helpers';

// API keys in the browser: reached from Settings, shown once in full, listed by prefix, revoked after a confirmation.
test('create an API key, see it once, find it in the list and revoke it', async ({ page }) => {
  await signUp(page);
  await page.goto('/settings');
  await page.getByRole('link', { name: 'Manage API keys' }).click();
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole('heading', { name: 'API keys', level: 1 })).toBeVisible();

  const create = page.getByRole('region', { name: 'Create a key' });
  await create.getByLabel('Name (optional)').fill('e2e script');
  await create.getByRole('checkbox', { name: 'generate' }).uncheck();
  await create.getByRole('checkbox', { name: 'read' }).check();
  await create.getByRole('checkbox', { name: 'webhooks' }).check();
  await create.getByLabel('Expires').selectOption('30');
  await create.getByLabel('Monthly credit cap (optional)').fill('250');
  await create.getByRole('button', { name: 'Create key' }).click();

  const field = page.getByLabel('New API key');
  await expect(field).toHaveValue(/^kmr_[0-9A-Za-z]{49}$/);
  await expect(field).toHaveAttribute('readonly', '');
  await expect(page.getByText('it will not be shown again')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();
  const key = await field.inputValue();
  const prefix = `${key.slice(0, 8)}…`;

  const list = page.getByRole('table', { name: 'Your live API keys' });
  const row = list.getByRole('row').filter({ hasText: prefix });
  await expect(row).toContainText('e2e script');
  await expect(row).toContainText('read, webhooks');
  await expect(row).toContainText('cap 250 credits/month');
  await expect(row).toContainText('never');
  await expect(list).not.toContainText(key.slice(8));

  // The key is shown once: a reload lists it by prefix only.
  await page.reload();
  await expect(page.getByLabel('New API key')).toHaveCount(0);
  await expect(row).toBeVisible();

  // The first click only asks; cancelling keeps the key.
  await row.getByRole('button', { name: `Revoke ${prefix}` }).click();
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Revoke ${prefix}` }).click();
  await row.getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Revoked ${prefix}` })).toBeVisible();
  await expect(list.getByRole('row').filter({ hasText: prefix })).toHaveCount(0);
  await expect(list).toContainText('No API keys yet.');
});
