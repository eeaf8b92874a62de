/**
 * The policy editor's field names, shared by the form (components/admin/policy) and the action
 * that reads it, so the two cannot drift apart. Category rows are numbered in the order shown.
 */
export const policyField = {
  id: (row: number) => `category.${row}.id`,
  label: (row: number) => `category.${row}.label`,
  action: (row: number) => `category.${row}.action`,
  /** A checkbox: present ("true") when the category's hits in the negative prompt are only recorded. */
  negativeAllowed: (row: number) => `category.${row}.negativeAllowed`,
  terms: (row: number) => `category.${row}.terms`,
  allow: 'allow',
  baseVersion: 'baseVersion',
  testPrompt: 'testPrompt',
  testNegativePrompt: 'testNegativePrompt',
} as const;

/** What the editor sends, before validation: the shape of a Policy, every value still untrusted. */
export type PolicyDraft = {
  categories: Array<{ id: string; label: string; action: string; negativeAllowed?: boolean }>;
  terms: Array<{ term: string; category: string }>;
  allow: string[];
};

type FormLike = Pick<FormData, 'get' | 'keys'>;

const text = (form: FormLike, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** One entry per non-blank line, trimmed, each once (the table would keep only one anyway). */
export function lines(value: string): string[] {
  return [...new Set(value.split(/\r?\n/).map((l) => l.trim()).filter(Boolean))];
}

/** Reads the editor's rows into a draft; validation (policy-edit.ts) then says what is wrong with it. */
export function readPolicyForm(form: FormLike): { draft: PolicyDraft; baseVersion: string } {
  const rows = new Set<number>();
  for (const key of form.keys()) {
    const m = /^category\.(\d{1,4})\./.exec(key);
    if (m) rows.add(Number(m[1]));
  }
  const draft: PolicyDraft = { categories: [], terms: [], allow: lines(text(form, policyField.allow)) };
  for (const row of [...rows].sort((a, b) => a - b)) {
    const id = text(form, policyField.id(row)).trim();
    draft.categories.push({
      id,
      label: text(form, policyField.label(row)),
      action: text(form, policyField.action(row)),
      negativeAllowed: text(form, policyField.negativeAllowed(row)) === 'true',
    });
    for (const term of lines(text(form, policyField.terms(row)))) draft.terms.push({ term, category: id });
  }
  return { draft, baseVersion: text(form, policyField.baseVersion) };
}
