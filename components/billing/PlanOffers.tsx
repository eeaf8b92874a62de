import type { ActionState } from '@/domain/result';
import { ActionButton } from './ActionButton';

export type PlanOffer = {
  plan: string;
  label: string;
  price: string;
  summary: string;
  isCurrent: boolean;
  /** False when this server cannot sell the plan (payments off, or no price set up for it). */
  isAvailable: boolean;
};
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

export function PlanOffers({ offers, subscribe, portal }: { offers: PlanOffer[]; subscribe: Action; portal: Action }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2">
      {offers.map((o) => (
        <li key={o.plan} className="flex flex-col gap-3 rounded-lg border border-edge bg-panel p-4">
          <div>
            <h3 className="font-medium">
              {o.label}
              {o.isCurrent && <span className="ml-2 text-sm text-emerald-300">(your plan)</span>}
            </h3>
            <p className="text-2xl font-semibold">{o.price} / month</p>
            <p className="text-sm text-zinc-400">{o.summary}</p>
          </div>
          {o.isCurrent ? (
            <ActionButton action={portal} variant="secondary" disabled={!o.isAvailable}>Manage or cancel</ActionButton>
          ) : (
            <ActionButton action={subscribe} fields={{ plan: o.plan }} disabled={!o.isAvailable}>
              Subscribe to {o.label}
            </ActionButton>
          )}
        </li>
      ))}
    </ul>
  );
}
