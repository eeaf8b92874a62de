'use client';
import { useMe } from '../layout/Balance';

const PLAN_LABEL = { free: 'Free', basic: 'Basic', pro: 'Pro' } as const;

/** Balance and plan as the header sees them: updated live when a payment is confirmed. */
export function LiveAccount({ initial }: { initial: { balance: number; plan: keyof typeof PLAN_LABEL } }) {
  const { data } = useMe();
  const balance = data?.balance ?? initial.balance;
  const plan = data?.plan ?? initial.plan;
  return (
    <dl className="grid grid-cols-2 gap-4">
      <div className="rounded-lg border border-edge bg-panel p-4">
        <dt className="text-sm text-zinc-400">Plan</dt>
        <dd className="mt-1 text-2xl font-semibold" data-testid="billing-plan">{PLAN_LABEL[plan]}</dd>
      </div>
      <div className="rounded-lg border border-edge bg-panel p-4">
        <dt className="text-sm text-zinc-400">Credit balance</dt>
        <dd className={`mt-1 text-2xl font-semibold tabular-nums ${balance < 0 ? 'text-red-300' : ''}`} data-testid="billing-balance">
          {balance.toLocaleString('en-US')}
        </dd>
        {balance < 0 && <p className="mt-1 text-sm text-red-300">A payment was refunded or disputed. Add credits to generate again.</p>}
      </div>
    </dl>
  );
}
