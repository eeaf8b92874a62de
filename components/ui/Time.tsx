'use client';
import { useSyncExternalStore } from 'react';
import { formatExact, formatRelative } from './time-format';

// One timer for every <Time> on the page, so relative texts stay true without a timer each.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => listeners.forEach((l) => l()), 30_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
// A snapshot must be stable between calls: the clock rounded to the timer's period.
const roundedNow = () => Math.floor(Date.now() / 30_000) * 30_000;
const noSubscription = () => () => {};

/**
 * The one way an instant is shown: relative text ("5 minutes ago") in a <time> whose title is the
 * exact time in the reader's zone. The server renders it in UTC; hydration switches to local.
 */
export function Time({ value, className }: { value: Date | string | null | undefined; className?: string }) {
  const now = useSyncExternalStore(subscribe, roundedNow, roundedNow);
  // False while rendering on the server and hydrating, true after: only then is the zone the reader's.
  const isInBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!value) return <span className={className}>never</span>;
  const at = new Date(value);
  return (
    // The relative text may differ by a minute between server and browser clocks.
    <time dateTime={at.toISOString()} title={formatExact(at, isInBrowser ? undefined : 'UTC')} className={className} suppressHydrationWarning>
      {formatRelative(at, now)}
    </time>
  );
}
