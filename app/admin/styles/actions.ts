'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok, type Result } from '@/domain/result';
import { adminAction } from '@/server/auth/action';
import { createStyle, moveStyle, setStyleRetired, updateStyle, type SavedStyle } from '@/server/styles/manage-styles';

// The editor sends the style as one JSON field (its effect list has no flat form); the use case validates it.
const definition = z.string().transform((s, ctx) => {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'The form was sent incomplete. Reload the page and try again.' });
    return z.NEVER;
  }
});
const slug = z.string().min(1, 'No style chosen.');

function answer(result: Result<SavedStyle>, done: (name: string) => string) {
  if (!result.ok) return result;
  // The generator's Style control and the audit log change too.
  revalidatePath('/', 'layout');
  return ok({ message: done(result.style.name) });
}

export const createStyleAction = adminAction(z.object({ definition }), async ({ definition }, admin) =>
  answer(await createStyle(admin, definition), (name) => `Created ${name}. It is last in the list; move it where it belongs.`),
);

export const updateStyleAction = adminAction(z.object({ slug, version: z.coerce.number().int(), definition }), async (input, admin) =>
  answer(await updateStyle(admin, input.slug, input.version, input.definition), (name) => `Saved ${name}. Generations from now on use it.`),
);

export const moveStyleAction = adminAction(z.object({ slug, direction: z.enum(['up', 'down']) }), async ({ slug, direction }, admin) =>
  answer(await moveStyle(admin, slug, direction), (name) => `Moved ${name} ${direction}.`),
);

export const retireStyleAction = adminAction(z.object({ slug }), async ({ slug }, admin) =>
  answer(await setStyleRetired(admin, slug, true), (name) => `Retired ${name}: it is no longer offered. Restore it any time.`),
);

export const restoreStyleAction = adminAction(z.object({ slug }), async ({ slug }, admin) =>
  answer(await setStyleRetired(admin, slug, false), (name) => `Restored ${name}: it is offered again.`),
);
