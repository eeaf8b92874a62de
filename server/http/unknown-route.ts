/**
 * Route exports for a catch-all that answers every method with `respond`: every method must be
 * exported, or Next would answer 405 (or, for OPTIONS, 204) to a path that does not exist.
 */
export function everyMethod(respond: (req: Request) => Response) {
  return { GET: respond, HEAD: respond, POST: respond, PUT: respond, PATCH: respond, DELETE: respond, OPTIONS: respond };
}
