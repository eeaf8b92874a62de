import type { GenerationState } from './generation-state';

function formatSeconds(s: number): string {
  return s < 90 ? `${Math.max(1, s)} s` : `${Math.round(s / 60)} min`;
}

/** One line for a card's status: place in the queue and estimated start, the step, or the outcome. */
export function statusText(g: GenerationState): string {
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
