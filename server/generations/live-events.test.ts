import { describe, expect, it } from 'vitest';
import { liveEventOf, parseLiveEvent } from './live-events';

describe('liveEventOf', () => {
  it('turns a progress event into a data-URL preview and the terminal events into ended', () => {
    const preview = Buffer.from('RIFFxxxxWEBP');
    expect(liveEventOf('generation:progress', { id: 'g', step: 2, steps: 4, preview })).toEqual({
      id: 'g',
      live: { type: 'progress', step: 2, steps: 4, preview: `data:image/webp;base64,${preview.toString('base64')}` },
    });
    for (const e of ['generation:done', 'generation:failed', 'generation:cancelled']) expect(liveEventOf(e, { id: 'g' })?.live).toEqual({ type: 'ended' });
    expect(liveEventOf('generation:started', { id: 'g', attempt: 1 })?.live).toEqual({ type: 'status', status: 'running' });
  });

  it('ignores events that are not about one generation', () => {
    expect(liveEventOf('billing:updated', { balance: 1, plan: 'free' })).toBeNull();
    expect(liveEventOf('image:moderated', { id: 'i', generationId: 'g', decision: 'approve' })).toBeNull();
    expect(parseLiveEvent('not json')).toBeNull();
  });
});
