'use client';
import Link from 'next/link';
import { StatusPage, primaryAction, secondaryAction } from '@/components/ui/StatusPage';

/** An unexpected failure while rendering a page; the header and layout around it still work. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="500"
      title="Something went wrong"
      actions={
        <>
          <button type="button" onClick={reset} className={primaryAction}>Try again</button>
          <Link href="/" className={secondaryAction}>Go to the start page</Link>
        </>
      }
    >
      <p>This page could not be shown. Nothing you made was lost; trying again usually helps.</p>
      {/* The digest is what the server's log names this failure by, for whoever runs the server. */}
      {error.digest && <p className="mt-2 text-sm text-muted">Reference: <code>{error.digest}</code></p>}
    </StatusPage>
  );
}
