import { ActionButton } from '@/components/billing/ActionButton';
import { LedgerHistory } from '@/components/billing/LedgerHistory';
import { LiveAccount } from '@/components/billing/LiveAccount';
import { Alert } from '@/components/ui/Alert';
import { requireUser } from '@/server/auth/session';
import { accountOf } from '@/server/billing/account';
import { CREDIT_PACKS, PLAN_OFFERS, formatMoney, priceIdOf, type PaidPlan } from '@/server/billing/catalog';
import { PLAN_RULES } from '@/domain/plans';
import { isPaymentsEnabled } from '@/server/billing/stripe';
import { buyPackAction, portalAction, subscribeAction } from './actions';

export const metadata = { title: 'Billing · Kumori' };
export const dynamic = 'force-dynamic';

const PAID_PLANS = Object.keys(PLAN_OFFERS) as PaidPlan[];

export default async function BillingPage({ searchParams }: { searchParams: Promise<{ cancelled?: string }> }) {
  const user = await requireUser();
  const { cancelled } = await searchParams;
  const account = await accountOf(user.id);
  const payments = isPaymentsEnabled();
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">Billing</h1>
        {cancelled && <Alert tone="info">Checkout was cancelled. You were not charged.</Alert>}
        <LiveAccount initial={account} />
        {!payments && (
          <Alert tone="info">
            Payments are not configured on this server (no <code>STRIPE_SECRET_KEY</code>), so credits cannot be bought here.
            {user.role === 'admin' ? ' As an admin you can grant credits in Admin → Users.' : ' Ask an administrator for credits.'}
          </Alert>
        )}
      </section>

      {payments && (
        <section aria-labelledby="packs" className="space-y-4">
          <h2 id="packs" className="text-lg font-semibold">Buy credits</h2>
          <ul className="grid gap-4 sm:grid-cols-3">
            {CREDIT_PACKS.map((p) => (
              <li key={p.id} className="flex flex-col gap-3 rounded-lg border border-edge bg-panel p-4">
                <div>
                  <p className="font-medium">{p.label}</p>
                  <p className="text-2xl font-semibold tabular-nums">{p.credits.toLocaleString('en-US')} credits</p>
                  <p className="text-sm text-zinc-400">{formatMoney(p.amount)} · one-off payment</p>
                </div>
                <ActionButton action={buyPackAction} fields={{ pack: p.id }}>
                  Buy {p.credits.toLocaleString('en-US')} credits
                </ActionButton>
              </li>
            ))}
          </ul>
        </section>
      )}

      {payments && (
        <section aria-labelledby="plans" className="space-y-4">
          <h2 id="plans" className="text-lg font-semibold">Plans</h2>
          <ul className="grid gap-4 sm:grid-cols-2">
            {PAID_PLANS.map((plan) => {
              const offer = PLAN_OFFERS[plan];
              const rules = PLAN_RULES[plan];
              const current = account.plan === plan;
              return (
                <li key={plan} className="flex flex-col gap-3 rounded-lg border border-edge bg-panel p-4">
                  <div>
                    <p className="font-medium">{rules.label}{current && <span className="ml-2 text-sm text-emerald-300">(your plan)</span>}</p>
                    <p className="text-2xl font-semibold">{formatMoney(offer.amount)} / month</p>
                    <p className="text-sm text-zinc-400">
                      {offer.monthlyCredits.toLocaleString('en-US')} credits every month · default tier {rules.defaultTier} · up to {rules.maxRunning} running at once
                    </p>
                  </div>
                  {current ? (
                    <ActionButton action={portalAction} variant="secondary">Manage or cancel</ActionButton>
                  ) : (
                    <ActionButton action={subscribeAction} fields={{ plan }} disabled={!priceIdOf(plan)}>
                      Subscribe to {rules.label}
                    </ActionButton>
                  )}
                  {!priceIdOf(plan) && <p className="text-sm text-zinc-400">Not available yet: this plan has no Stripe price configured.</p>}
                </li>
              );
            })}
          </ul>
          {account.hasCustomer && (
            <div className="max-w-xs">
              <ActionButton action={portalAction} variant="secondary">Invoices and payment methods</ActionButton>
            </div>
          )}
        </section>
      )}

      <section aria-labelledby="history" className="space-y-4">
        <h2 id="history" className="text-lg font-semibold">Credit history</h2>
        <LedgerHistory />
      </section>
    </div>
  );
}
