import Link from 'next/link';
import { StatusPage, primaryAction, secondaryAction } from '@/components/ui/StatusPage';

export const metadata = { title: 'Page not found · Kumori' };

// Unknown URLs, deleted or foreign images and admin pages for non-admins all land here (the last on
// purpose: a plain user must not learn which admin pages exist).
export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="Page not found"
      actions={
        <>
          <Link href="/" className={primaryAction}>Go to the start page</Link>
          <Link href="/gallery" className={secondaryAction}>Open your gallery</Link>
        </>
      }
    >
      <p>There is nothing at this address. The link may be mistyped, or what it pointed to was deleted.</p>
    </StatusPage>
  );
}
