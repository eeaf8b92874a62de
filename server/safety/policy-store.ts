import 'server-only';
import { sql } from 'drizzle-orm';
import { db, type Executor } from '../db/client';
import { policyAllow, policyCategories, policyTerms, settings } from '../db/safety-schema';
import { DEFAULT_POLICY } from './default-policy';
import { compilePolicy, type PolicyMatcher } from './match-policy';
import type { Policy } from './policy-types';
import { processSingleton, replaceProcessSingleton } from '../process-singleton';

// Web nodes re-read the policy at most this often, so an admin's edit reaches every node within it.
const CACHE_MS = 5_000;
const SEEDED = 'policy.seeded';

export async function loadPolicy(ex: Executor = db()): Promise<Policy> {
  const [categories, terms, allow] = await Promise.all([
    ex
      .select({ id: policyCategories.id, label: policyCategories.label, action: policyCategories.action, negativeAllowed: policyCategories.negativeAllowed })
      .from(policyCategories)
      .orderBy(policyCategories.id),
    ex.select({ term: policyTerms.term, category: policyTerms.categoryId }).from(policyTerms).orderBy(policyTerms.categoryId, policyTerms.term),
    ex.select({ phrase: policyAllow.phrase }).from(policyAllow).orderBy(policyAllow.phrase),
  ]);
  return { categories, terms, allow: allow.map((a) => a.phrase) };
}

/** Replaces the stored policy with `policy` (already validated) in the caller's transaction. */
export async function savePolicy(ex: Executor, policy: Policy): Promise<void> {
  await ex.delete(policyTerms);
  await ex.delete(policyAllow);
  await ex.delete(policyCategories);
  if (policy.categories.length) await ex.insert(policyCategories).values(policy.categories);
  if (policy.terms.length) await ex.insert(policyTerms).values(policy.terms.map((t) => ({ term: t.term, categoryId: t.category }))).onConflictDoNothing();
  if (policy.allow.length) await ex.insert(policyAllow).values(policy.allow.map((phrase) => ({ phrase }))).onConflictDoNothing();
  invalidatePolicyCache();
}

/**
 * Installs the shipped default policy once per database. The marker (not an empty table) decides,
 * so an admin who deletes every category gets no policy back on the next start.
 */
export async function seedDefaultPolicy(): Promise<boolean> {
  return db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${SEEDED}, 0))`);
    const marked = await tx.insert(settings).values({ key: SEEDED, value: true }).onConflictDoNothing().returning();
    if (marked.length === 0) return false;
    await savePolicy(tx, DEFAULT_POLICY);
    return true;
  });
}

type CachedMatcher = { at: number; matcher: Promise<PolicyMatcher> };

/**
 * Seeding is checked once per process, not on every cache refresh or editor visit (a
 * transaction and an advisory lock each time).
 */
export function ensurePolicySeeded(): Promise<boolean> {
  return processSingleton('policy-seeded', () =>
    seedDefaultPolicy().catch((err) => {
      replaceProcessSingleton('policy-seeded', undefined);
      throw err;
    }),
  );
}

export function invalidatePolicyCache(): void {
  replaceProcessSingleton('policy-matcher', undefined);
}

export function policyMatcher(): Promise<PolicyMatcher> {
  const cached = processSingleton<CachedMatcher | null>('policy-matcher', () => null);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.matcher;
  const matcher = (async () => {
    await ensurePolicySeeded();
    return compilePolicy(await loadPolicy());
  })();
  replaceProcessSingleton<CachedMatcher>('policy-matcher', { at: Date.now(), matcher });
  matcher.catch(() => invalidatePolicyCache());
  return matcher;
}
