'use client';
import { useState } from 'react';
import type { ActionState } from '@/server/auth/action';
import type { CancelOutcome } from '@/server/generations/cancel';
import { Alert } from '../ui/Alert';
import { ParamsList } from './ParamsList';
import { ResultImages } from './ResultImages';
import type { GenerationState } from './generation-state';

function formatSeconds(s: number): string {
  return s < 90 ? `${Math.max(1, s)} s` : `${Math.round(s / 60)} min`;
}

function statusText(g: GenerationState): string {
  switch (g.status) {
    case 'queued': {
      const tier = g.tier[0].toUpperCase() + g.tier.slice(1);
      const ahead = g.position !== null && g.position > 0 ? `${g.position} ahead of you in ${tier}` : `next in ${tier}`;
      const eta = g.etaSeconds === null ? ' · waiting for a worker' : ` · starts in about ${formatSeconds(g.etaSeconds)}`;
      return `Queued — ${ahead}${eta}`;
    }
    case 'running':
      return g.step > 0 ? `Denoising step ${g.step} of ${g.steps}` : 'Starting…';
    case 'succeeded':
      return 'Done';
    case 'failed':
      return 'Failed';
    case 'cancelled':
      return 'Cancelled';
    case 'blocked':
      return 'Blocked by moderation';
  }
}

type Props = { generation: GenerationState | null; loadError: string | null; cancel: (input: { id: string }) => Promise<ActionState<CancelOutcome>> };

export function GenerationPanel({ generation: g, loadError, cancel }: Props) {
  const [cancelNote, setCancelNote] = useState<{ id: string; text: string } | null>(null);
  if (loadError) return <Alert>{loadError}</Alert>;
  if (!g) {
    return (
      <div className="flex min-h-[380px] items-center justify-center rounded-xl border border-dashed border-edge text-zinc-500">
        Your image will appear here.
      </div>
    );
  }
  const active = g.status === 'queued' || g.status === 'running';
  async function onCancel(id: string) {
    const r = await cancel({ id }).catch(() => null);
    setCancelNote({ id, text: !r ? 'The server could not be reached; try again.' : r.ok ? r.message : r.error.message });
  }
  const percent = g.steps > 0 ? Math.round((g.step / g.steps) * 100) : 0;
  return (
    <section aria-label="Current generation" className="space-y-4">
      <div className="space-y-2">
        <div className="flex justify-between text-sm">
          <span aria-live="polite" data-testid="generation-status">{statusText(g)}</span>
          <span className="tabular-nums text-zinc-400">{g.status === 'succeeded' ? '100%' : `${percent}%`}</span>
        </div>
        <div
          role="progressbar"
          aria-label="Generation progress"
          aria-valuemin={0}
          aria-valuemax={g.steps}
          aria-valuenow={g.status === 'succeeded' ? g.steps : g.step}
          className="h-2 overflow-hidden rounded-full bg-edge"
        >
          <div className="h-full bg-accent transition-[width] duration-200" style={{ width: g.status === 'succeeded' ? '100%' : `${percent}%` }} />
        </div>
      </div>
      {active && (
        <div className="flex items-center gap-3 text-sm">
          <button type="button" onClick={() => void onCancel(g.id)} className="rounded-md border border-edge px-3 py-1.5 hover:bg-edge">
            Cancel
          </button>
          {cancelNote?.id === g.id && <span aria-live="polite" className="text-zinc-400">{cancelNote.text}</span>}
        </div>
      )}
      {(g.status === 'failed' || g.status === 'blocked') && (
        <Alert>
          {g.error ?? 'The generation failed.'} {g.refunded > 0 ? `${g.refunded} credits were refunded.` : ''}
        </Alert>
      )}
      {g.warnings.length > 0 && (
        <ul aria-label="Warnings" className="space-y-1 rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-200">
          {g.warnings.map((w) => <li key={w}>{w}</li>)}
        </ul>
      )}
      {g.status === 'cancelled' && (
        <Alert tone="info">
          Cancelled. {g.refunded > 0 ? `${g.refunded} credit${g.refunded === 1 ? '' : 's'} refunded.` : 'The steps already run were charged.'}
        </Alert>
      )}
      <ResultImages generation={g} />
      <ParamsList params={g.params} timings={g.timings} tier={g.tier} />
    </section>
  );
}
