import type { DoubleState, Reply } from './state';
import { completeCheckout } from './webhooks';

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function formatAmount(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(amount / 100);
}

/**
 * The hosted Checkout stand-in. "Pay" completes the session, as the customer paying would, and
 * returns to success_url; the webhooks that follow are the tests' to deliver.
 */
function checkoutPage(state: DoubleState, id: string): Reply {
  const session = state.checkoutSessions.get(id);
  if (!session) return { status: 404, html: page('Checkout session not found', `<p>No checkout session ${escapeHtml(id)}.</p>`) };
  const items = (state.lineItems.get(id) ?? [])
    .map((item) => `<li>${escapeHtml(item.description)} × ${item.quantity}: ${formatAmount(item.amount_total, item.currency)}</li>`)
    .join('');
  // Stripe documents the {CHECKOUT_SESSION_ID} template for success_url only; cancel_url is followed as given.
  const cancel = session.cancel_url ? ` <a href="${escapeHtml(session.cancel_url)}">Cancel</a>` : '';
  return {
    status: 200,
    html: page(
      'Stripe Checkout (test double)',
      `<p>Total: <strong data-testid="amount">${formatAmount(session.amount_total, session.currency)}</strong></p>` +
        `<ul>${items}</ul><p><a href="${escapeHtml(`${state.url}/pay/${id}/confirm`)}" role="button">Pay</a>${cancel}</p>`,
    ),
  };
}

function portalPage(state: DoubleState, id: string): Reply {
  const session = state.portalSessions.get(id);
  if (!session) return { status: 404, html: page('Portal session not found', `<p>No portal session ${escapeHtml(id)}.</p>`) };
  const back = typeof session.return_url === 'string' ? `<p><a href="${escapeHtml(session.return_url)}">Return to Kumori</a></p>` : '';
  return { status: 200, html: page('Customer portal (test double)', `<p>Customer ${escapeHtml(String(session.customer))}</p>${back}`) };
}

/** The browser-facing pages behind the `url` of checkout and portal sessions, or null. */
export function routePage(state: DoubleState, method: string, path: string): Reply | null {
  const confirm = method === 'GET' ? /^\/pay\/([^/]+)\/confirm$/.exec(path) : null;
  if (confirm) {
    const id = decodeURIComponent(confirm[1]);
    if (!state.checkoutSessions.has(id)) return checkoutPage(state, id);
    const session = completeCheckout(state, id);
    return { status: 303, redirect: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', id) };
  }
  const match = method === 'GET' ? /^\/(pay|portal)\/([^/]+)$/.exec(path) : null;
  if (!match) return null;
  const id = decodeURIComponent(match[2]);
  return match[1] === 'pay' ? checkoutPage(state, id) : portalPage(state, id);
}
