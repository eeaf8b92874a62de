import { describe, expect, it } from 'vitest';
import { webhookBody } from './events';

describe('webhookBody', () => {
  it('is {type, timestamp, data} with an ISO timestamp', () => {
    const at = new Date('2025-01-02T03:04:05.000Z');
    expect(JSON.parse(webhookBody('generation.failed', { id: 'g1', error: 'boom' }, at))).toEqual({
      type: 'generation.failed',
      timestamp: '2025-01-02T03:04:05.000Z',
      data: { id: 'g1', error: 'boom' },
    });
  });
});
