import 'server-only';
import { db } from '../db/client';
import { promptIncidents } from '../db/safety-schema';
import type { PolicyHit } from './match-policy';
import { policyMatcher } from './policy-store';
import { applyStrikes, strikeMessage } from './strikes';
import { fail, ok, type Failure } from '../../domain/result';
import { promptsForPolicy } from '../styles/apply-style';

export type PromptSource = 'web' | 'api' | 'preset';
const FIELD_LABEL = { prompt: 'prompt', negativePrompt: 'negative prompt' } as const;

/** A blocked prompt: `prompt_blocked` with the field's own message, and whether this block suspended the account. */
export type PromptBlocked = Failure & { suspended: boolean };
/** What the generation records of terms in its negative prompt that the policy allows there. */
export type NegativePromptHit = { category: string; term: string };
export type PromptCheck = { ok: true; flagged: PolicyHit | null; negativeHits: NegativePromptHit[] } | PromptBlocked;

/**
 * Checks a prompt pair against the policy before anything is charged. A blocked prompt is logged
 * with the user's strikes counted in the same transaction; a flagged one is logged and lets the
 * generation go ahead, its images held for review. Terms in the negative prompt of a category
 * allowed there ("nsfw, nude" to steer away) are returned for the generation to record: no
 * incident, no strike. The finished image is still classified.
 */
export async function checkPrompt(userId: string, request: { prompt: string; negativePrompt?: string | null; style?: string }, source: PromptSource): Promise<PromptCheck> {
  // With a style, the policy checks (and an incident records) the prompts the model would run.
  const input = await promptsForPolicy({ ...request, negativePrompt: request.negativePrompt ?? '' });
  const verdict = (await policyMatcher())(input);
  const negativeHits = verdict.recorded.map(({ category, term }) => ({ category, term }));
  if (verdict.verdict === 'allow') return ok({ flagged: null, negativeHits });
  const hit = verdict.hits.find((h) => h.action === verdict.verdict)!;
  const incident = {
    userId,
    action: verdict.verdict,
    source,
    field: hit.field,
    category: hit.category,
    term: hit.term,
    prompt: input.prompt,
    negativePrompt: input.negativePrompt ?? '',
  };
  if (verdict.verdict === 'flag') {
    await db().insert(promptIncidents).values(incident);
    return ok({ flagged: hit, negativeHits });
  }
  const strikes = await db().transaction(async (tx) => {
    await tx.insert(promptIncidents).values(incident);
    return applyStrikes(tx, userId);
  });
  const base = `Your ${FIELD_LABEL[hit.field]} was blocked by the content policy (${hit.label}). Nothing was charged.`;
  const escalation = strikeMessage(strikes);
  const message = escalation ? `${base} ${escalation}` : base;
  const fieldMessage = `Blocked by the content policy (${hit.label}).`;
  return { ...fail('prompt_blocked', message, { [hit.field]: fieldMessage }), suspended: strikes.suspended };
}
