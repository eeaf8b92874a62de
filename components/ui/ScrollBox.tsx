import type { ReactNode } from 'react';

/**
 * A wide table's own horizontal scroller, so a phone scrolls the table and never the page. It can
 * take focus and has a name, so keyboard users can scroll it too (WCAG 2.1.1). It is positioned so
 * that sr-only text in the table (absolutely placed) stays inside it instead of widening the page.
 */
export function ScrollBox({ label, children, className = 'rounded-lg border border-edge' }: { label: string; children: ReactNode; className?: string }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={`relative overflow-x-auto ${className}`}>
      {children}
    </div>
  );
}
