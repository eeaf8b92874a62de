import 'server-only';
import { NextResponse } from 'next/server';
import { currentUser } from './session';
import type { SessionUser } from './users';

/**
 * A route handler for a signed-in user, the route-side twin of userAction: a visitor (or an ended
 * session) gets 401 before the handler runs. `ctx` is Next's second argument (the route params).
 */
export function userRoute<C = unknown>(fn: (req: Request, user: SessionUser, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    const user = await currentUser();
    if (!user) return NextResponse.json({ error: 'Sign in first.' }, { status: 401 });
    return fn(req, user, ctx);
  };
}
