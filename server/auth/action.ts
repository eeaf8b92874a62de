import 'server-only';
import type { z } from 'zod';
import { fail, type ActionState, type Result } from '../../domain/result';
import { requireAdmin } from './admin';
import { currentUser } from './session';
import type { SessionUser } from './users';

export type { ActionState };

type Handler<S extends z.ZodType, T extends object> = (input: z.infer<S>, user: SessionUser) => Promise<Result<T & { message?: string }>>;

/**
 * Server actions are called either with a plain object (from client code) or as a form action
 * through useActionState, `(previousState, formData)`; both arrive here as one plain object.
 */
function inputOf(args: unknown[]): unknown {
  const form = args.find((a): a is FormData => a instanceof FormData);
  return form ? Object.fromEntries(form) : args[0];
}

function parse<S extends z.ZodType>(schema: S, args: unknown[]): Result<{ data: z.infer<S> }> {
  const parsed = schema.safeParse(inputOf(args));
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !fields[key]) fields[key] = issue.message;
  }
  return fail('invalid', parsed.error.issues[0]?.message ?? 'Check the form.', fields);
}

/** An action for a signed-in user: a visitor (or an ended session) is told to sign in again. */
export function userAction<S extends z.ZodType, T extends object>(schema: S, fn: Handler<S, T>) {
  return async (...args: unknown[]): Promise<ActionState<T>> => {
    // Every action checks the session itself: a server action can be called without its page.
    const user = await currentUser();
    if (!user) return fail('unauthenticated', 'Your session has ended. Sign in again.');
    const input = parse(schema, args);
    if (!input.ok) return input;
    return fn(input.data, user);
  };
}

/** An action for admins only: anyone else gets the same 404 as a page that does not exist. */
export function adminAction<S extends z.ZodType, T extends object>(schema: S, fn: Handler<S, T>) {
  return async (...args: unknown[]): Promise<ActionState<T>> => {
    const admin = await requireAdmin();
    const input = parse(schema, args);
    if (!input.ok) return input;
    return fn(input.data, admin);
  };
}
