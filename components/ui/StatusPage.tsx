import type { ReactNode } from 'react';

/** The shape of the not-found and error pages: a big code, one heading, what happened, ways back. */
export function StatusPage({ code, title, children, actions }: { code: string; title: string; children: ReactNode; actions: ReactNode }) {
  return (
    <section className="mx-auto mt-12 max-w-lg text-center" aria-labelledby="status-title">
      <p className="font-mono text-6xl font-semibold text-link" aria-hidden>
        {code}
      </p>
      <h1 id="status-title" className="mt-4 text-2xl font-semibold">
        {title}
      </h1>
      <div className="mt-3 text-zinc-300">{children}</div>
      <div className="mt-8 flex flex-wrap justify-center gap-3">{actions}</div>
    </section>
  );
}

export const primaryAction = 'rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong';
export const secondaryAction = 'rounded-md border border-edge px-4 py-2 text-sm hover:bg-edge';
