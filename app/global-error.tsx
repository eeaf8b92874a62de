'use client';
import './globals.css';
import { StatusPage, primaryAction, secondaryAction } from '@/components/ui/StatusPage';

/**
 * A failure in the root layout itself: this replaces the whole document, so it brings its own
 * html and body, and uses a plain <a> because the app's router may be what broke.
 */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main className="mx-auto w-full max-w-6xl px-4 py-8">
          <StatusPage
            code="500"
            title="Kumori could not load"
            actions={
              <>
                <button type="button" onClick={reset} className={primaryAction}>Try again</button>
                {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full reload, on purpose */}
                <a href="/" className={secondaryAction}>Go to the start page</a>
              </>
            }
          >
            <p>The server had a problem showing this page. Try again in a moment.</p>
            {error.digest && <p className="mt-2 text-sm text-muted">Reference: <code>{error.digest}</code></p>}
          </StatusPage>
        </main>
      </body>
    </html>
  );
}
