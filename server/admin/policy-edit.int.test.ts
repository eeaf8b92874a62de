import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../testing/test-env';
import { users } from '../db/schema';
import { auditLog } from '../db/safety-schema';

let t: Awaited<ReturnType<typeof setupTestEnv>>;
let edit: typeof import('./policy-edit');
let store: typeof import('../safety/policy-store');
let form: typeof import('../../domain/policy-form');
let admin: { id: string; email: string };

beforeAll(async () => {
  t = await setupTestEnv();
  edit = await import('./policy-edit');
  store = await import('../safety/policy-store');
  form = await import('../../domain/policy-form');
  [admin] = await t.db.insert(users).values({ email: 'root@example.com', passwordHash: 'x', role: 'admin' }).returning();
});
afterAll(async () => {
  await t?.teardown();
});

type Row = { id: string; label: string; action: string; negativeAllowed?: boolean; terms: string };

/** The editor's submission: one row per category with its terms one per line; a checked box sends "true", an unchecked one nothing. */
function submission(rows: Row[], allow = '', baseVersion = '') {
  const data = new FormData();
  rows.forEach((r, i) => {
    data.set(form.policyField.id(i), r.id);
    data.set(form.policyField.label(i), r.label);
    data.set(form.policyField.action(i), r.action);
    if (r.negativeAllowed) data.set(form.policyField.negativeAllowed(i), 'true');
    data.set(form.policyField.terms(i), r.terms);
  });
  data.set(form.policyField.allow, allow);
  data.set(form.policyField.baseVersion, baseVersion);
  return form.readPolicyForm(data);
}

const policyAudits = () => t.db.select().from(auditLog).where(eq(auditLog.action, 'policy.update'));

describe('policy editor', () => {
  it('opens on the seeded default, then saves an edit with one audit entry holding before, after and the changes', async () => {
    const opened = await edit.loadPolicyForEditing(t.db);
    expect(opened.policy.categories.map((c) => c.id)).toContain('sexual');
    const rows = [
      { id: 'sexual', label: 'Sexual content', action: 'block', negativeAllowed: true, terms: 'nude\n  naked \n\nnude\nporn' },
      { id: 'spam', label: 'Spam', action: 'flag', terms: 'buy now' },
    ];
    const result = await edit.updatePolicy(admin, submission(rows, 'sex pistols\nsex ed', opened.version), t.db);
    expect(result).toMatchObject({ ok: true, changed: true, summary: expect.stringMatching(/^Saved: 1 category added, 4 categories removed, 1 term added, \d+ terms removed, 1 allowlist phrase added, \d+ allowlist phrases removed\.$/) });
    const stored = await store.loadPolicy(t.db);
    expect(stored).toEqual({
      categories: [
        { id: 'sexual', label: 'Sexual content', action: 'block', negativeAllowed: true },
        { id: 'spam', label: 'Spam', action: 'flag', negativeAllowed: false },
      ],
      terms: [{ term: 'naked', category: 'sexual' }, { term: 'nude', category: 'sexual' }, { term: 'porn', category: 'sexual' }, { term: 'buy now', category: 'spam' }],
      allow: ['sex ed', 'sex pistols'],
    });
    const audits = await policyAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorEmail: 'root@example.com', targetType: 'policy', before: { policy: opened.policy }, after: { policy: stored } });
    expect((audits[0].after as { changes: unknown }).changes).toMatchObject({ categoriesAdded: [{ id: 'spam' }], termsAdded: [{ term: 'buy now', category: 'spam' }], allowAdded: ['sex ed'] });
    expect(ok(result).version).toBe(edit.policyVersion(stored));

    const again = await edit.updatePolicy(admin, submission(rows, 'sex pistols\nsex ed', ok(result).version), t.db);
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(await policyAudits()).toHaveLength(1);
  });

  it('refuses invalid drafts with a message naming the row, and changes nothing', async () => {
    const before = await store.loadPolicy(t.db);
    type Attempt = [Parameters<typeof edit.updatePolicy>[1], RegExp, string | undefined];
    const attempts: Attempt[] = [
      [submission([{ id: 'sexual', label: '  ', action: 'block', terms: 'nude' }]), /^Category 1 \(sexual\): Enter a label\./, 'category.0.label'],
      [submission([{ id: 'spam', label: 'Spam', action: 'flag', terms: '' }, { id: 'spam', label: 'More spam', action: 'block', terms: '' }]), /Category 2 .*"spam" is listed twice/, 'category.1.id'],
      [submission([{ id: 'Bad Id!', label: 'New', action: 'flag', terms: '' }]), /Category 1: a new id uses lower-case letters/, 'category.0.id'],
      [submission([{ id: 'spam', label: 'Spam', action: 'flag', terms: '***' }]), /Term “\*\*\*” in category 1: A term needs at least one letter or digit/, 'category.0.terms'],
      [{ draft: { categories: [{ id: 'spam', label: 'Spam', action: 'flag' }], terms: [{ term: 'cheap', category: 'ads' }], allow: [] } }, /Term “cheap”: Unknown category "ads"/, undefined],
    ];
    for (const [input, message, field] of attempts) {
      const result = await edit.updatePolicy(admin, input, t.db);
      expect(result).toEqual({ ok: false, error: { code: 'invalid', message: expect.stringMatching(message), ...(field ? { fields: { [field]: expect.stringMatching(message) } } : {}) } });
    }
    expect(await store.loadPolicy(t.db)).toEqual(before);
    expect(await policyAudits()).toHaveLength(1);
  });

  it('saves "allowed in the negative prompt" per category, with the change in the audit entry, and reopens with it', async () => {
    const opened = await edit.loadPolicyForEditing(t.db);
    const rows: Row[] = opened.policy.categories.map((c) => ({
      ...c,
      negativeAllowed: c.id === 'spam' ? true : c.id === 'sexual' ? false : c.negativeAllowed,
      terms: opened.policy.terms.filter((term) => term.category === c.id).map((term) => term.term).join('\n'),
    }));
    const result = await edit.updatePolicy(admin, submission(rows, opened.policy.allow.join('\n'), opened.version), t.db);
    expect(result).toMatchObject({ ok: true, changed: true, summary: 'Saved: 2 categories changed.' });
    const reopened = await edit.loadPolicyForEditing(t.db);
    expect(reopened.policy.categories).toEqual([
      { id: 'sexual', label: 'Sexual content', action: 'block', negativeAllowed: false },
      { id: 'spam', label: 'Spam', action: 'flag', negativeAllowed: true },
    ]);
    expect(reopened.version).not.toBe(opened.version);
    const audits = await policyAudits();
    expect((audits.at(-1)!.after as { changes: unknown }).changes).toMatchObject({
      categoriesChanged: [
        { id: 'sexual', before: { negativeAllowed: true }, after: { negativeAllowed: false } },
        { id: 'spam', before: { negativeAllowed: false }, after: { negativeAllowed: true } },
      ],
    });

    // A page opened before this save may not undo it, even though only the checkboxes changed.
    const late = await edit.updatePolicy(admin, submission(rows.map((r) => ({ ...r, negativeAllowed: !r.negativeAllowed })), '', opened.version), t.db);
    expect(late).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect((await store.loadPolicy(t.db)).categories.find((c) => c.id === 'spam')?.negativeAllowed).toBe(true);
  });

  it('refuses a save made from a page opened before another admin saved', async () => {
    const stale = await edit.loadPolicyForEditing(t.db);
    const rows = stale.policy.categories.map((c) => ({ ...c, terms: 'filler' }));
    expect(await edit.updatePolicy(admin, submission(rows, '', stale.version), t.db)).toMatchObject({ ok: true, changed: true });
    const late = await edit.updatePolicy(admin, submission([...rows, { id: 'late', label: 'Late', action: 'flag', terms: 'x' }], '', stale.version), t.db);
    expect(late).toMatchObject({ ok: false, error: { code: 'stale' } });
    expect((await store.loadPolicy(t.db)).categories.map((c) => c.id)).not.toContain('late');
  });

  it('tests a prompt against the unsaved draft, reporting the verdict and each hit', () => {
    const { draft } = submission(
      [
        { id: 'gore', label: 'Gore', action: 'flag', terms: 'severed head' },
        { id: 'sexual', label: 'Sexual content', action: 'block', terms: 'nude' },
      ],
      'nude beach sign',
    );
    const tested = edit.testPolicyDraft(draft, { prompt: 'a s3vered-head statue', negativePrompt: 'n.u.d.e' });
    expect(tested).toMatchObject({
      ok: true,
      result: {
        verdict: 'block',
        hits: [
          { field: 'prompt', category: 'gore', action: 'flag', term: 'severed head' },
          { field: 'negativePrompt', category: 'sexual', action: 'block', term: 'nude' },
        ],
      },
    });
    expect(edit.testPolicyDraft(draft, { prompt: 'a nude beach sign' })).toMatchObject({ ok: true, result: { verdict: 'allow', hits: [] } });

    const allowing = submission([{ id: 'sexual', label: 'Sexual content', action: 'block', negativeAllowed: true, terms: 'nude\nnsfw' }]).draft;
    expect(edit.testPolicyDraft(allowing, { prompt: 'a castle', negativePrompt: 'nsfw, nude, lowres' })).toMatchObject({
      ok: true,
      result: { verdict: 'allow', hits: [], recorded: [{ field: 'negativePrompt', term: 'nsfw' }, { field: 'negativePrompt', term: 'nude' }] },
    });
    expect(edit.testPolicyDraft(allowing, { prompt: 'nude', negativePrompt: 'nsfw' })).toMatchObject({
      ok: true,
      result: { verdict: 'block', hits: [{ field: 'prompt', term: 'nude' }], recorded: [{ term: 'nsfw' }] },
    });
    expect(edit.testPolicyDraft({ ...draft, categories: [] }, { prompt: 'x' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/Unknown category/) } });
  });
});

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`expected ok: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}
