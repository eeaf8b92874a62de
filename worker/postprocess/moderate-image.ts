import type { NsfwScores } from '../../server/safety/nsfw/classifier';
import { decide, unsafeScore, type NsfwDecision, type NsfwThresholds } from '../../server/safety/nsfw/scores-policy';

export type ModerationInput = {
  scores: NsfwScores;
  thresholds: NsfwThresholds;
  /** The prompt matched a category whose action is "flag for review". */
  flaggedCategory: string | null;
  /** Scores of the uploaded init image, for image-to-image. */
  initScores?: NsfwScores;
};

export type ModerationVerdict = { decision: NsfwDecision; unsafe: number; reasons: string[] };

const RANK: Record<NsfwDecision, number> = { allow: 0, review: 1, block: 2 };

/**
 * The strictest of three signals. The finished image alone can block; a flagged prompt or a
 * borderline init image sends an otherwise clean result to review (the model may have been
 * steered past the classifier), but never blocks it by itself.
 */
export function moderateImage(input: ModerationInput): ModerationVerdict {
  const unsafe = unsafeScore(input.scores);
  const reasons: string[] = [];
  let decision = decide(input.scores, input.thresholds);
  if (decision !== 'allow') reasons.push(`image scored ${unsafe.toFixed(2)}`);
  if (input.flaggedCategory) {
    reasons.push(`prompt flagged (${input.flaggedCategory})`);
    if (RANK[decision] < RANK.review) decision = 'review';
  }
  if (input.initScores && decide(input.initScores, input.thresholds) !== 'allow') {
    reasons.push(`init image scored ${unsafeScore(input.initScores).toFixed(2)}`);
    if (RANK[decision] < RANK.review) decision = 'review';
  }
  return { decision, unsafe, reasons };
}
