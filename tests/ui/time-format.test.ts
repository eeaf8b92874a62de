import { describe, expect, it } from 'vitest';
import { formatExact, formatRelative } from '../../components/ui/time-format';

const NOW = Date.parse('2026-11-28T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000);

describe('formatRelative', () => {
  it('reads a few seconds either side of now as just now', () => {
    expect(formatRelative(ago(10), NOW)).toBe('just now');
    expect(formatRelative(ago(-10), NOW)).toBe('just now');
  });

  it('names the largest whole unit that fits', () => {
    expect(formatRelative(ago(5 * 60), NOW)).toBe('5 minutes ago');
    expect(formatRelative(ago(3 * 3600 + 59 * 60), NOW)).toBe('3 hours ago');
    expect(formatRelative(ago(24 * 3600), NOW)).toBe('yesterday');
    expect(formatRelative(ago(3 * 7 * 24 * 3600), NOW)).toBe('3 weeks ago');
    expect(formatRelative(ago(400 * 24 * 3600), NOW)).toBe('last year');
  });

  it('speaks of the future for instants after now', () => {
    expect(formatRelative(ago(-2 * 24 * 3600), NOW)).toBe('in 2 days');
  });
});

describe('formatExact', () => {
  it('gives the date, the time to the second and the zone', () => {
    expect(formatExact(new Date(NOW + 5000), 'UTC')).toBe('Sat, 28 Nov 2026, 12:00:05 UTC');
    expect(formatExact(new Date(NOW), 'Asia/Tokyo')).toBe('Sat, 28 Nov 2026, 21:00:00 GMT+9');
  });
});
