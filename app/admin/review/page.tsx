import Link from 'next/link';
import { ReviewQueue } from '@/components/admin/review/ReviewQueue';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { readReviewQueue } from '@/server/moderation/review-queue';
import { decideImagesAction } from './actions';

export const generateMetadata = adminTitle('Review queue');
export const dynamic = 'force-dynamic';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function ReviewPage({ searchParams }: { searchParams: Params }) {
  await requireAdmin();
  const cursor = (await searchParams).after;
  const { items, nextCursor, thresholds } = await readReviewQueue(cursor);
  return (
    <section aria-labelledby="review" className="space-y-4">
      <h1 id="review" className="text-2xl font-semibold">Review queue</h1>
      <p className="text-sm text-zinc-400">
        Images the classifier scored from {thresholds.blurAt} (block from {thresholds.blockAt}), or whose prompt matched a category set to flag.
        Their owners see them blurred until you decide. Rejecting deletes the files and tells the owner in their gallery.{' '}
        <Link href="/admin/policy" className="text-link underline underline-offset-2 hover:decoration-2">Change the thresholds</Link>
      </p>
      {cursor && <Link href="/admin/review" className="text-sm text-link underline underline-offset-2 hover:decoration-2">← Oldest first</Link>}
      <ReviewQueue key={String(cursor ?? '')} items={items} decide={decideImagesAction} />
      {nextCursor && (
        <Link href={`/admin/review?after=${encodeURIComponent(nextCursor)}`} className="text-sm text-link underline underline-offset-2 hover:decoration-2">
          Next page →
        </Link>
      )}
    </section>
  );
}
