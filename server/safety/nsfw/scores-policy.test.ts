import { describe, expect, it } from 'vitest';
import type { NsfwScores } from './classifier';
import { decide, DEFAULT_NSFW_THRESHOLDS, unsafeScore } from './scores-policy';

const scores = (s: Partial<NsfwScores>): NsfwScores => ({ drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0, ...s });
const low = { blurAt: 0.05, blockAt: 0.1 };

describe('NSFW decision policy', () => {
  it('counts explicit classes in full and suggestive at half weight', () => {
    expect(unsafeScore(scores({ porn: 0.2, hentai: 0.1, sexy: 0.4, neutral: 0.3 }))).toBeCloseTo(0.5);
  });

  it.each([
    ['a neutral photo', 'allow', scores({ neutral: 1 }), DEFAULT_NSFW_THRESHOLDS],
    ['a safe drawing', 'allow', scores({ drawing: 0.97, hentai: 0.03 }), DEFAULT_NSFW_THRESHOLDS],
    ['a confidently suggestive image', 'review', scores({ sexy: 0.85, neutral: 0.15 }), DEFAULT_NSFW_THRESHOLDS],
    ['a wholly suggestive image, which cannot block alone', 'review', scores({ sexy: 1 }), DEFAULT_NSFW_THRESHOLDS],
    ['a half-explicit image', 'review', scores({ hentai: 0.5, drawing: 0.5 }), DEFAULT_NSFW_THRESHOLDS],
    ['an explicit photo', 'block', scores({ porn: 0.9, sexy: 0.1 }), DEFAULT_NSFW_THRESHOLDS],
    ['explicit with the rest suggestive', 'block', scores({ porn: 0.4, hentai: 0.25, sexy: 0.35 }), DEFAULT_NSFW_THRESHOLDS],
    ['a faint trace, low thresholds', 'allow', scores({ porn: 0.01, neutral: 0.99 }), low],
    ['exactly at blurAt, low thresholds', 'review', scores({ sexy: 0.1, neutral: 0.9 }), low],
    ['exactly at blockAt, low thresholds', 'block', scores({ hentai: 0.1, neutral: 0.9 }), low],
    ['blockAt below blurAt, block wins', 'block', scores({ porn: 0.3, neutral: 0.7 }), { blurAt: 0.5, blockAt: 0.2 }],
  ] as const)('%s → %s', (_name, expected, s, thresholds) => {
    expect(decide(s, thresholds)).toBe(expected);
  });
});
