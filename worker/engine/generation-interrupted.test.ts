import { describe, expect, it } from 'vitest';
import { GenerationInterrupted, isGenerationInterrupted } from './generation-interrupted';

describe('isGenerationInterrupted', () => {
  const cancelled = new GenerationInterrupted('cancelled', 2);
  const suspended = new GenerationInterrupted('suspended', 0);

  it('tells a stop from other errors, whatever the reason', () => {
    expect(isGenerationInterrupted(cancelled)).toBe(true);
    expect(isGenerationInterrupted(suspended)).toBe(true);
    expect(isGenerationInterrupted(new Error('generation cancelled after 2 step(s)'))).toBe(false);
    expect(isGenerationInterrupted(undefined)).toBe(false);
  });

  it('matches only the reason asked for', () => {
    expect(isGenerationInterrupted(cancelled, 'cancelled')).toBe(true);
    expect(isGenerationInterrupted(cancelled, 'suspended')).toBe(false);
    expect(isGenerationInterrupted(suspended, 'suspended')).toBe(true);
  });

  it('carries the steps completed and says them in its message', () => {
    expect(cancelled).toMatchObject({ name: 'GenerationInterrupted', reason: 'cancelled', completedSteps: 2 });
    expect(suspended.message).toBe('generation suspended after 0 step(s)');
  });
});
