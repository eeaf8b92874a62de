import type { NsfwScores } from './classifier';

export type NsfwDecision = 'allow' | 'review' | 'block';
export type NsfwThresholds = { blurAt: number; blockAt: number };

/**
 * Porn and hentai are both explicit (one photographic, one drawn; Kumori's models make either
 * style), so they count in full. Sexy is suggestive but not explicit (swimwear, lingerie) and counts
 * half. Since the scores sum to 1 the result lies in [0, 1], and a purely suggestive image tops out
 * at 0.5: with blockAt above 0.5 it can be sent to review but never blocked by the model alone.
 */
export function unsafeScore(scores: NsfwScores): number {
  return scores.porn + scores.hentai + 0.5 * scores.sexy;
}

/**
 * Ordinary images score far below these: across all three bundled models, solid colours (skin
 * tones included), gradients, shapes on coloured backgrounds, a drawn landscape and noise, at
 * 128 and 512 px, reach at most 0.11 (MobileNetV2, the default: 0.04).
 * blurAt 0.4 sends to review an image the model calls mostly suggestive (sexy ≥ 0.8) or 40% explicit.
 * blockAt 0.8 blocks only when explicit classes dominate: it needs porn + hentai ≥ 0.6 even when all
 * the rest is sexy. Not yet calibrated on real photographs; tune against reviewed decisions.
 */
export const DEFAULT_NSFW_THRESHOLDS: NsfwThresholds = { blurAt: 0.4, blockAt: 0.8 };

/** Block wins when blockAt ≤ blurAt; both thresholds are inclusive. */
export function decide(scores: NsfwScores, thresholds: NsfwThresholds = DEFAULT_NSFW_THRESHOLDS): NsfwDecision {
  const unsafe = unsafeScore(scores);
  if (unsafe >= thresholds.blockAt) return 'block';
  if (unsafe >= thresholds.blurAt) return 'review';
  return 'allow';
}
