import type { ReactNode } from 'react';

export function Alert({ children, tone = 'error' }: { children: ReactNode; tone?: 'error' | 'info' }) {
  const styles = tone === 'error' ? 'border-red-500/40 bg-red-500/10 text-red-200' : 'border-accent/40 bg-accent/10 text-zinc-200';
  return (
    <div role="alert" className={`rounded-md border px-3 py-2 text-sm ${styles}`}>
      {children}
    </div>
  );
}
