import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { expandPrompt } from '../../domain/styles/expand';
import { styleDefinitionSchema, type StyleDefinition } from '../../domain/styles/style-schema';
import { fail, ok, type Failure, type Result } from '../../domain/result';
import { recordAudit, type Actor } from '../audit/audit';
import { db, type Executor } from '../db/client';
import { styles, type StyleRow } from '../db/style-schema';
import { policyMatcher } from '../safety/policy-store';

export type SavedStyle = { style: StyleRow };

/** What the audit log keeps of a style: everything an admin can change. */
const snapshot = (s: StyleRow) => ({
  slug: s.slug,
  name: s.name,
  description: s.description,
  template: s.template,
  tokens: s.tokens,
  negativePrompt: s.negativePrompt,
  overrides: s.overrides,
  effects: s.effects,
  position: s.position,
  version: s.version,
  retiredAt: s.retiredAt?.toISOString() ?? null,
});

function parseDefinition(input: unknown): Result<{ data: StyleDefinition }> {
  const parsed = styleDefinitionSchema.safeParse(input);
  if (parsed.success) return ok({ data: parsed.data });
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return fail('invalid', parsed.error.issues[0]?.message ?? 'Check the style.', fields);
}

/**
 * Refuses a style whose own words the prompt policy blocks: every user of it would be refused
 * (and given a strike) for words they never typed. Checked with an empty user prompt.
 */
async function policyRefusal(def: StyleDefinition): Promise<Failure | null> {
  const verdict = (await policyMatcher())({ prompt: expandPrompt(def, ''), negativePrompt: def.negativePrompt });
  const hit = verdict.hits.find((h) => h.action === 'block');
  if (!hit) return null;
  const field = hit.field === 'prompt' ? 'template' : 'negativePrompt';
  const message = `The content policy blocks "${hit.term}" (${hit.label}); every prompt with this style would be refused. Remove it from the ${field === 'template' ? 'template or tokens' : 'negative prompt'}.`;
  return fail('invalid', message, { [field]: message });
}

const fieldsOf = (d: StyleDefinition) => ({
  name: d.name,
  description: d.description,
  template: d.template,
  tokens: d.tokens,
  negativePrompt: d.negativePrompt,
  overrides: d.overrides,
  effects: d.effects,
});

/** A new style, last in the order, with no preview until one is made (scripts/make-style-previews.ts). */
export async function createStyle(actor: Actor, input: unknown, ex: Executor = db()): Promise<Result<SavedStyle>> {
  const p = parseDefinition(input);
  if (!p.ok) return p;
  const refused = await policyRefusal(p.data);
  if (refused) return refused;
  return ex.transaction(async (tx) => {
    const [taken] = await tx.select({ id: styles.id }).from(styles).where(eq(styles.slug, p.data.slug));
    if (taken) {
      const message = `A style with the slug "${p.data.slug}" exists already (perhaps retired). Choose another slug.`;
      return fail('exists', message, { slug: message });
    }
    const [{ last }] = await tx.select({ last: sql<number>`coalesce(max(${styles.position}), 0)::int` }).from(styles);
    const [style] = await tx.insert(styles).values({ slug: p.data.slug, ...fieldsOf(p.data), position: last + 10 }).returning();
    await recordAudit(tx, actor, { action: 'style.create', targetType: 'style', targetId: style.slug, after: snapshot(style) });
    return ok({ style });
  });
}

/**
 * Saves an edit. The slug stays: requests, API clients and stored generations name styles by it.
 * `version` is the one the admin edited; a save over someone else's newer edit is refused.
 */
export async function updateStyle(actor: Actor, slug: string, version: number, input: unknown, ex: Executor = db()): Promise<Result<SavedStyle>> {
  const p = parseDefinition({ ...(input as object), slug });
  if (!p.ok) return p;
  const refused = await policyRefusal(p.data);
  if (refused) return refused;
  return ex.transaction(async (tx) => {
    const [before] = await tx.select().from(styles).where(eq(styles.slug, slug)).for('update');
    if (!before) return fail('not_found', `There is no style "${slug}".`);
    if (before.version !== version) return fail('stale', `Someone else saved ${before.name} since you opened it. Reload the page to see their change, then edit again.`);
    const [style] = await tx
      .update(styles)
      .set({ ...fieldsOf(p.data), version: before.version + 1, updatedAt: new Date() })
      .where(eq(styles.id, before.id))
      .returning();
    await recordAudit(tx, actor, { action: 'style.update', targetType: 'style', targetId: slug, before: snapshot(before), after: snapshot(style) });
    return ok({ style });
  });
}

/** Swaps a style with its neighbour in the picker's order. */
export async function moveStyle(actor: Actor, slug: string, direction: 'up' | 'down', ex: Executor = db()): Promise<Result<SavedStyle>> {
  return ex.transaction(async (tx) => {
    // Locks every row: two admins reordering at once must not both read the same positions.
    const all = await tx.select().from(styles).orderBy(asc(styles.position), asc(styles.name)).for('update');
    const at = all.findIndex((s) => s.slug === slug);
    if (at < 0) return fail('not_found', `There is no style "${slug}".`);
    const other = all[direction === 'up' ? at - 1 : at + 1];
    if (!other) return fail('unchanged', `${all[at].name} is already ${direction === 'up' ? 'first' : 'last'}.`);
    // Renumbered as it is shown (ties in position would make a swap a no-op), then the two swapped.
    const order = all.map((s) => s.id);
    const j = direction === 'up' ? at - 1 : at + 1;
    [order[at], order[j]] = [order[j], order[at]];
    for (const [i, id] of order.entries()) await tx.update(styles).set({ position: (i + 1) * 10 }).where(eq(styles.id, id));
    const [style] = await tx.select().from(styles).where(eq(styles.slug, slug));
    await recordAudit(tx, actor, {
      action: 'style.move',
      targetType: 'style',
      targetId: slug,
      before: { position: all[at].position },
      after: { position: style.position, swappedWith: other.slug },
    });
    return ok({ style });
  });
}

/** Retired: hidden from the picker and refused in new requests. Restored: offered again, in its old place. */
export async function setStyleRetired(actor: Actor, slug: string, retired: boolean, ex: Executor = db()): Promise<Result<SavedStyle>> {
  return ex.transaction(async (tx) => {
    const [before] = await tx.select().from(styles).where(eq(styles.slug, slug)).for('update');
    if (!before) return fail('not_found', `There is no style "${slug}".`);
    if (Boolean(before.retiredAt) === retired) return fail('unchanged', `${before.name} is already ${retired ? 'retired' : 'active'}.`);
    const [style] = await tx
      .update(styles)
      .set({ retiredAt: retired ? new Date() : null, updatedAt: new Date() })
      .where(eq(styles.id, before.id))
      .returning();
    await recordAudit(tx, actor, { action: retired ? 'style.retire' : 'style.restore', targetType: 'style', targetId: slug, before: snapshot(before), after: snapshot(style) });
    return ok({ style });
  });
}
