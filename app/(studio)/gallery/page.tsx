import { GalleryGrid } from '@/components/gallery/GalleryGrid';
import { ModerationNotices } from '@/components/gallery/ModerationNotices';
import { requireUser } from '@/server/auth/session';
import { unreadNotices } from '@/server/moderation/notices';
import { dismissNoticeAction } from './actions';

export const metadata = { title: 'Gallery · Kumori' };
export const dynamic = 'force-dynamic';

export default async function GalleryPage() {
  const user = await requireUser();
  const notices = (await unreadNotices(user.id)).map((n) => ({ ...n, createdAt: n.createdAt.toISOString() }));
  return (
    <section>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      <ModerationNotices notices={notices} dismiss={dismissNoticeAction} />
      <GalleryGrid />
    </section>
  );
}
