import type { ActionState } from '@/domain/result';
import { ActionButton } from './ActionButton';

type Pack = { id: string; label: string; credits: number; price: string };
type Action = (prev: ActionState, form: FormData) => Promise<ActionState>;

/** The one-off credit packs; shown even when payments are off, so a visitor sees what exists. */
export function CreditPacks({ packs, buy, isPaymentsEnabled }: { packs: Pack[]; buy: Action; isPaymentsEnabled: boolean }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-3">
      {packs.map((p) => (
        <li key={p.id} className="flex flex-col gap-3 rounded-lg border border-edge bg-panel p-4">
          <div>
            <h3 className="font-medium">{p.label}</h3>
            <p className="text-2xl font-semibold tabular-nums">{p.credits.toLocaleString('en-US')} credits</p>
            <p className="text-sm text-zinc-400">{p.price} · one-off payment</p>
          </div>
          <ActionButton action={buy} fields={{ pack: p.id }} disabled={!isPaymentsEnabled}>
            Buy {p.credits.toLocaleString('en-US')} credits
          </ActionButton>
        </li>
      ))}
    </ul>
  );
}
