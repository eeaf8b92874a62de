import { ActionButton } from '@/components/billing/ActionButton';
import { CreditPacks } from '@/components/billing/CreditPacks';
import { LedgerHistory } from '@/components/billing/LedgerHistory';
import { LiveAccount } from '@/components/billing/LiveAccount';
import { PlanOffers, type PlanOffer } from '@/components/billing/PlanOffers';
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
  const offers: PlanOffer[] = PAID_PLANS.map((plan) => {
    const rules = PLAN_RULES[plan];
    const offer = PLAN_OFFERS[plan];
    return {
      plan,
      label: rules.label,
      price: formatMoney(offer.amount),
      summary: `${offer.monthlyCredits.toLocaleString('en-US')} credits every month · default tier ${rules.defaultTier} · up to ${rules.maxRunning} running at once`,
      isCurrent: account.plan === plan,
      isAvailable: payments && (account.plan === plan || Boolean(priceIdOf(plan))),
    };
  });
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <h1 className="text-2xl font-semibold">Billing</h1>
        {cancelled && <Alert tone="info">Checkout was cancelled. You were not charged.</Alert>}
        <LiveAccount initial={account} />
        {!payments && (
          <Alert tone="info">
            Payments are not configured on this server, so credits and plans cannot be bought here yet.
            {user.role === 'admin' ? ' As an admin you can grant credits in Admin → Users.' : ' Ask the administrator of this server for credits.'}
          </Alert>
        )}
      </section>

      <section aria-labelledby="packs" className="space-y-4">
        <h2 id="packs" className="text-lg font-semibold">Buy credits</h2>
        <CreditPacks
          packs={CREDIT_PACKS.map((p) => ({ id: p.id, label: p.label, credits: p.credits, price: formatMoney(p.amount) }))}
          buy={buyPackAction}
          isPaymentsEnabled={payments}
        />
      </section>

      <section aria-labelledby="plans" className="space-y-4">
        <h2 id="plans" className="text-lg font-semibold">Plans</h2>
        <PlanOffers offers={offers} subscribe={subscribeAction} portal={portalAction} />
        {payments && PAID_PLANS.some((plan) => !priceIdOf(plan)) && (
          <p className="text-sm text-zinc-400">A plan whose button is greyed out is not on sale on this server yet.</p>
        )}
        {payments && account.hasCustomer && (
          <div className="max-w-xs">
            <ActionButton action={portalAction} variant="secondary">Invoices and payment methods</ActionButton>
          </div>
        )}
      </section>

      <section aria-labelledby="history" className="space-y-4">
        <h2 id="history" className="text-lg font-semibold">Credit history</h2>
        <LedgerHistory />
      </section>
    </div>
  );
}
