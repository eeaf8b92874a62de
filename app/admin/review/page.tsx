import Link from 'next/link';
import { ReviewQueue } from '@/components/admin/review/ReviewQueue';
import { adminTitle, requireAdmin } from '@/server/auth/admin';
import { db } from '@/server/db/client';
import { listReviewQueue } from '@/server/moderation/review-queue';
import { loadNsfwThresholds } from '@/server/safety/nsfw-thresholds';
import { decideImagesAction } from './actions';

export const generateMetadata = adminTitle('Review queue');
export const dynamic = 'force-dynamic';

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function ReviewPage({ searchParams }: { searchParams: Params }) {
  await requireAdmin();
  const cursor = (await searchParams).after;
  const [page, thresholds] = await Promise.all([
    listReviewQueue(db(), { cursor: typeof cursor === 'string' ? cursor : null }),
    loadNsfwThresholds(db()),
  ]);
  return (
    <section aria-labelledby="review" className="space-y-4">
      <h1 id="review" className="text-2xl font-semibold">Review queue</h1>
      <p className="text-sm text-zinc-400">
        Images the classifier scored from {thresholds.blurAt} (block from {thresholds.blockAt}), or whose prompt matched a category set to flag.
        Their owners see them blurred until you decide. Rejecting deletes the files and tells the owner in their gallery.{' '}
        <Link href="/admin/policy" className="text-accent hover:underline">Change the thresholds</Link>
      </p>
      {cursor && <Link href="/admin/review" className="text-sm text-accent hover:underline">← Oldest first</Link>}
      <ReviewQueue key={String(cursor ?? '')} items={page.items} decide={decideImagesAction} />
      {page.nextCursor && (
        <Link href={`/admin/review?after=${encodeURIComponent(page.nextCursor)}`} className="text-sm text-accent hover:underline">
          Next page →
        </Link>
      )}
    </section>
  );
}
