import 'server-only';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { core } from 'zod';
import { db, type Executor } from '../db/client';
import { compilePolicy, type PolicyVerdict } from '../safety/match-policy';
import { ensurePolicySeeded, invalidatePolicyCache, loadPolicy, savePolicy } from '../safety/policy-store';
import { policySchema, type Policy } from '../safety/policy-types';
import { recordAudit, type Actor } from '../audit/audit';
import { diffPolicies, hasChanges, summarizeChanges } from './policy-diff';
import { policyField, type PolicyDraft } from '../../domain/policy-form';
import { fail, ok, type Failure, type Result } from '../../domain/result';

// Terms are inserted in one statement, two parameters each; Postgres allows 65,535 per statement.
const MAX_TERMS = 10_000;
const MAX_ALLOW = 2_000;
const NEW_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** The editor marks one control at a time: `fields` names it (a policyField name). */
function invalid(message: string, field?: string): Failure {
  return fail('invalid', message, field ? { [field]: message } : undefined);
}

/** Identifies a stored policy, so a save made from a stale page can be refused instead of undoing someone's edit. */
export function policyVersion(policy: Policy): string {
  return createHash('sha256').update(JSON.stringify(policy)).digest('hex').slice(0, 16);
}

/** Says which row and field is wrong, in the words the editor shows. */
function describe(issue: core.$ZodIssue, draft: PolicyDraft): Failure {
  const [list, i, key] = issue.path as [string, number, string | undefined];
  if (list === 'categories') {
    const c = draft.categories[i];
    const name = c?.label.trim() ? ` (“${c.label.trim()}”)` : c?.id ? ` (${c.id})` : '';
    const field = key === 'label' || key === 'action' || key === 'negativeAllowed' ? key : 'id';
    return invalid(`Category ${i + 1}${name}: ${issue.message}`, policyField[field](i));
  }
  if (list === 'terms') {
    const t = draft.terms[i];
    const row = draft.categories.findIndex((c) => c.id === t?.category);
    const where = row >= 0 ? ` in category ${row + 1}` : '';
    return invalid(`Term “${t?.term ?? ''}”${where}: ${issue.message}`, row >= 0 ? policyField.terms(row) : undefined);
  }
  if (list === 'allow') return invalid(`Allowlist line ${Number(i) + 1}: ${issue.message}`, policyField.allow);
  return invalid(issue.message);
}

/** Checks a draft against the same schema the store uses (parsePolicy), with messages that name the row. */
export function validatePolicyDraft(draft: PolicyDraft): Result<{ policy: Policy }> {
  if (draft.terms.length > MAX_TERMS) return invalid(`The policy can hold at most ${MAX_TERMS.toLocaleString('en')} terms; this draft has ${draft.terms.length.toLocaleString('en')}.`);
  if (draft.allow.length > MAX_ALLOW) return invalid(`The allowlist can hold at most ${MAX_ALLOW.toLocaleString('en')} phrases.`, policyField.allow);
  const parsed = policySchema.safeParse(draft);
  if (!parsed.success) return describe(parsed.error.issues[0], draft);
  return ok({ policy: parsed.data });
}

/** Runs a prompt against the draft as it stands in the editor, saved or not. */
export function testPolicyDraft(draft: PolicyDraft, input: { prompt: string; negativePrompt?: string }): Result<{ result: PolicyVerdict }> {
  const checked = validatePolicyDraft(draft);
  if (!checked.ok) return checked;
  if (!input.prompt.trim() && !input.negativePrompt?.trim()) return invalid('Enter a prompt to test.', policyField.testPrompt);
  return ok({ result: compilePolicy(checked.policy)(input) });
}

/** The stored policy as the editor opens it; seeds the default first so a fresh install shows (and keeps) it. */
export async function loadPolicyForEditing(ex: Executor = db()): Promise<{ policy: Policy; version: string }> {
  await ensurePolicySeeded();
  const policy = await loadPolicy(ex);
  return { policy, version: policyVersion(policy) };
}

/**
 * Replaces the policy with an admin's draft and records the change, in one transaction. Without
 * the seeding marker, the first prompt check after this save would install the default over it.
 */
type Saved = { changed: boolean; version: string; summary: string };

export async function updatePolicy(actor: Actor, input: { draft: PolicyDraft; baseVersion?: string }, ex: Executor = db()): Promise<Result<Saved>> {
  const checked = validatePolicyDraft(input.draft);
  if (!checked.ok) return checked;
  await ensurePolicySeeded();
  const result = await ex.transaction(async (tx): Promise<Result<Saved>> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('policy.edit', 0))`);
    const before = await loadPolicy(tx);
    if (input.baseVersion && input.baseVersion !== policyVersion(before)) {
      return fail('stale', 'Another admin changed the policy after you opened this page. Copy your changes, reload, and apply them again.');
    }
    const known = new Set(before.categories.map((c) => c.id));
    const row = checked.policy.categories.findIndex((c) => !known.has(c.id) && !NEW_ID.test(c.id));
    if (row >= 0) return invalid(`Category ${row + 1}: a new id uses lower-case letters, digits and hyphens (at most 40), like “violence-gore”.`, policyField.id(row));
    const changes = diffPolicies(before, checked.policy);
    if (!hasChanges(changes)) return ok({ changed: false, version: policyVersion(before), summary: 'Nothing to save: the policy is unchanged.' });
    await savePolicy(tx, checked.policy);
    const after = await loadPolicy(tx);
    await recordAudit(tx, actor, { action: 'policy.update', targetType: 'policy', targetId: 'prompt-policy', before: { policy: before }, after: { policy: after, changes } });
    return ok({ changed: true, version: policyVersion(after), summary: `Saved: ${summarizeChanges(changes)}.` });
  });
  // Again after commit: a node that re-read the policy while the transaction ran would cache the old one.
  invalidatePolicyCache();
  return result;
}
