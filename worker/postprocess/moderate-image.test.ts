import { describe, expect, it } from 'vitest';
import { moderateImage } from './moderate-image';

const thresholds = { blurAt: 0.4, blockAt: 0.8 };
const clean = { drawing: 0.3, hentai: 0.01, neutral: 0.67, porn: 0.01, sexy: 0.01 };
const suggestive = { drawing: 0.1, hentai: 0.05, neutral: 0.1, porn: 0.15, sexy: 0.6 };
const explicit = { drawing: 0.02, hentai: 0.1, neutral: 0.03, porn: 0.8, sexy: 0.05 };

describe('moderateImage', () => {
  it('allows a clean image from a clean prompt', () => {
    expect(moderateImage({ scores: clean, thresholds, flaggedCategory: null })).toMatchObject({ decision: 'allow', reasons: [] });
  });

  it('sends a suggestive image to review and blocks an explicit one, by the thresholds given', () => {
    expect(moderateImage({ scores: suggestive, thresholds, flaggedCategory: null }).decision).toBe('review');
    expect(moderateImage({ scores: explicit, thresholds, flaggedCategory: null }).decision).toBe('block');
    expect(moderateImage({ scores: clean, thresholds: { blurAt: 0.01, blockAt: 1 }, flaggedCategory: null }).decision).toBe('review');
  });

  it('reviews a clean image whose prompt was flagged or whose init image was borderline, but never blocks for that alone', () => {
    const flagged = moderateImage({ scores: clean, thresholds, flaggedCategory: 'violence' });
    expect(flagged).toMatchObject({ decision: 'review', reasons: ['prompt flagged (violence)'] });
    expect(moderateImage({ scores: clean, thresholds, flaggedCategory: null, initScores: explicit }).decision).toBe('review');
    expect(moderateImage({ scores: explicit, thresholds, flaggedCategory: 'violence' }).decision).toBe('block');
  });
});
