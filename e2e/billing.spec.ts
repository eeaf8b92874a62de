import { expect, test } from '@playwright/test';
import { makeEvent, signedWebhook } from '../tests/support/stripe-double';
import { signUp } from './helpers';
import { E2E_STRIPE, E2E_STRIPE_URL } from './stripe-config';

// Stripe's API is not reachable from CI: the app's real Stripe SDK talks to a local double of
// it (started by e2e/serve.ts), whose Checkout page stands in for Stripe's. The webhook is then
// signed with the SDK's test-header helper and posted to the app's real route, as Stripe would.
test('buy credits: Checkout redirect, honest return page, balance updates live when the webhook lands', async ({ page, request }, testInfo) => {
  await signUp(page);
  await page.getByRole('link', { name: 'Billing', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Billing', level: 1 })).toBeVisible();
  await expect(page.getByTestId('billing-balance')).toHaveText('500');
  await expect(page.getByRole('table', { name: 'Credit history' })).toContainText('Welcome grant');

  await page.getByRole('button', { name: 'Buy 1,000 credits' }).click();
  await expect(page).toHaveURL(new RegExp(`^${E2E_STRIPE_URL}/pay/cs_`));
  await expect(page.getByRole('heading', { name: 'Stripe Checkout (test double)' })).toBeVisible();
  await expect(page.getByTestId('amount')).toHaveText('$5.00');
  const sessionId = new URL(page.url()).pathname.split('/').pop()!;

  await page.getByRole('button', { name: 'Pay' }).click();
  await expect(page).toHaveURL(new RegExp(`/billing/return\\?session_id=${sessionId}$`));
  // Back from Checkout but not yet confirmed by a webhook: the page must not claim the credits.
  await expect(page.getByTestId('payment-status')).toContainText('Waiting for Stripe to confirm your payment');
  await expect(page.getByLabel('Credit balance')).toHaveText('500 credits');

  const session = await (await request.get(`${E2E_STRIPE_URL}/v1/checkout/sessions/${sessionId}`, { headers: { Authorization: `Bearer ${E2E_STRIPE.secretKey}` } })).json();
  expect(session).toMatchObject({ status: 'complete', payment_status: 'paid' });
  const { body, header } = signedWebhook(makeEvent('checkout.session.completed', session), E2E_STRIPE.webhookSecret);
  // Every hex digit changed: replacing only the first with 0 left one signature in 16 intact.
  const forged = await request.post('/api/stripe/webhook', { data: body, headers: { 'content-type': 'application/json', 'stripe-signature': header.replace(/v1=(\w+)/, (_, sig: string) => `v1=${sig.replace(/./g, (c) => (c === '0' ? '1' : '0'))}`) } });
  expect(forged.status()).toBe(400);
  const delivered = await request.post('/api/stripe/webhook', { data: body, headers: { 'content-type': 'application/json', 'stripe-signature': header } });
  expect(delivered.status()).toBe(200);

  // No reload: the Socket.IO event updates the header and the return page.
  await expect(page.getByLabel('Credit balance')).toHaveText('1,500 credits');
  await expect(page.getByTestId('payment-status')).toContainText('Payment confirmed: 1,000 credits were added');
  const shot = testInfo.outputPath('billing-confirmed.png');
  await page.screenshot({ path: shot, fullPage: true });

  // A second delivery of the same event changes nothing.
  expect((await request.post('/api/stripe/webhook', { data: body, headers: { 'content-type': 'application/json', 'stripe-signature': header } })).status()).toBe(200);
  await page.getByRole('link', { name: 'Back to billing' }).click();
  await expect(page.getByTestId('billing-balance')).toHaveText('1,500');
  const history = page.getByRole('table', { name: 'Credit history' });
  await expect(history.getByRole('row').filter({ hasText: 'Starter credit pack' })).toContainText('+1,000');
  await expect(history.getByRole('row').filter({ hasText: 'Starter credit pack' })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('billing-page.png'), fullPage: true });
});
