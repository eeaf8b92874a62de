import { describe, expect, it } from 'vitest';
import { filtersOf, lenientGalleryQuery, parseGalleryQuery } from './search-filters';

describe('gallery query parsing', () => {
  it('reads a day `to` through its end and a date-time `to` as that instant, inclusive', () => {
    const day = filtersOf({ from: '2026-02-01', to: '2026-02-05' });
    expect(day.from?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(day.before?.toISOString()).toBe('2026-02-06T00:00:00.000Z');
    const instant = filtersOf({ to: '2026-02-05T10:00:00Z' });
    expect(instant.before?.toISOString()).toBe('2026-02-05T10:00:00.001Z');
  });

  it('turns the URL into filters: size, favourite, order by default newest', () => {
    const parsed = parseGalleryQuery({ q: ' astro ', size: '512x768', favourite: 'true', model: '' });
    expect(parsed.ok && filtersOf(parsed.query)).toEqual({ q: 'astro', favourite: true, size: { width: 512, height: 768 }, order: 'newest' });
    const off = parseGalleryQuery({ favourite: 'false', order: 'oldest' });
    expect(off.ok && filtersOf(off.query)).toMatchObject({ favourite: false, order: 'oldest' });
  });

  it('refuses a bad value for the API, naming it, and drops it for the page', () => {
    expect(parseGalleryQuery({ size: 'huge' })).toMatchObject({ ok: false, error: { code: 'invalid', fields: { size: 'Invalid.' } } });
    expect(parseGalleryQuery({ to: 'tomorrow' })).toMatchObject({ ok: false, error: { fields: { to: 'Invalid.' } } });
    expect(lenientGalleryQuery({ size: 'huge', order: 'sideways', q: 'cat' })).toEqual({ q: 'cat' });
  });
});
