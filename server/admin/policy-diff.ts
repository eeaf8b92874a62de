import type { Policy, PolicyCategory, PolicyTerm } from '../safety/policy-types';

export type PolicyChanges = {
  categoriesAdded: PolicyCategory[];
  categoriesRemoved: PolicyCategory[];
  categoriesChanged: Array<{ id: string; before: Omit<PolicyCategory, 'id'>; after: Omit<PolicyCategory, 'id'> }>;
  termsAdded: PolicyTerm[];
  termsRemoved: PolicyTerm[];
  allowAdded: string[];
  allowRemoved: string[];
};

const termKey = (t: PolicyTerm) => `${t.category}\u0000${t.term}`;
const settings = ({ label, action, negativeAllowed }: PolicyCategory) => ({ label, action, negativeAllowed });

/** What an edit changed, for the audit entry: a reader sees "added 'gore' to violence" without diffing two lists. */
export function diffPolicies(before: Policy, after: Policy): PolicyChanges {
  const oldCategories = new Map(before.categories.map((c) => [c.id, c]));
  const newCategories = new Map(after.categories.map((c) => [c.id, c]));
  const oldTerms = new Set(before.terms.map(termKey));
  const newTerms = new Set(after.terms.map(termKey));
  const oldAllow = new Set(before.allow);
  const newAllow = new Set(after.allow);
  return {
    categoriesAdded: after.categories.filter((c) => !oldCategories.has(c.id)),
    categoriesRemoved: before.categories.filter((c) => !newCategories.has(c.id)),
    categoriesChanged: after.categories.flatMap((c) => {
      const old = oldCategories.get(c.id);
      if (!old || (old.label === c.label && old.action === c.action && old.negativeAllowed === c.negativeAllowed)) return [];
      return [{ id: c.id, before: settings(old), after: settings(c) }];
    }),
    termsAdded: after.terms.filter((t) => !oldTerms.has(termKey(t))),
    termsRemoved: before.terms.filter((t) => !newTerms.has(termKey(t))),
    allowAdded: after.allow.filter((p) => !oldAllow.has(p)),
    allowRemoved: before.allow.filter((p) => !newAllow.has(p)),
  };
}

export function hasChanges(c: PolicyChanges): boolean {
  return Object.values(c).some((list) => list.length > 0);
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One line for the admin who saved: "1 category added, 3 terms added, 1 allowlist phrase removed". */
export function summarizeChanges(c: PolicyChanges): string {
  const parts = [
    c.categoriesAdded.length && `${count(c.categoriesAdded.length, 'category', 'categories')} added`,
    c.categoriesRemoved.length && `${count(c.categoriesRemoved.length, 'category', 'categories')} removed`,
    c.categoriesChanged.length && `${count(c.categoriesChanged.length, 'category', 'categories')} changed`,
    c.termsAdded.length && `${count(c.termsAdded.length, 'term')} added`,
    c.termsRemoved.length && `${count(c.termsRemoved.length, 'term')} removed`,
    c.allowAdded.length && `${count(c.allowAdded.length, 'allowlist phrase')} added`,
    c.allowRemoved.length && `${count(c.allowRemoved.length, 'allowlist phrase')} removed`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'no changes';
}
