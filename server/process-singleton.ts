/**
 * One instance per process of things that hold connections or caches (the db pool, Redis, the
 * queues, the Stripe client, the metrics registry). Kept on globalThis because Next.js dev
 * reloads and its separate server bundles evaluate a module more than once; a module-level
 * variable would open a second pool each time.
 */
const store = ((globalThis as unknown as { __kumoriSingletons?: Map<string, unknown> }).__kumoriSingletons ??= new Map());

export function processSingleton<T>(name: string, make: () => T): T {
  if (!store.has(name)) store.set(name, make());
  return store.get(name) as T;
}

/** Replaces the instance (tests point a process at another database), or forgets it (undefined). */
export function replaceProcessSingleton<T>(name: string, value: T | undefined): void {
  if (value === undefined) store.delete(name);
  else store.set(name, value);
}
