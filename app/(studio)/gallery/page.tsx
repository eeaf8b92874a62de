import { GalleryFilters } from '@/components/gallery/GalleryFilters';
import { GalleryGrid } from '@/components/gallery/GalleryGrid';
import { ModerationNotices } from '@/components/gallery/ModerationNotices';
import { requireUser } from '@/server/auth/session';
import { galleryFilterOptions } from '@/server/gallery/filter-options';
import { unreadNotices } from '@/server/moderation/notices';
import { dismissNoticeAction, listGalleryAction, setFavouriteAction } from './actions';

export const metadata = { title: 'Gallery · Kumori' };
export const dynamic = 'force-dynamic';

// The search and filters live in the URL (?q=&model=&favourite=…); the client components read it
// there, so a bookmark, a reload and back/forward all show the same search.
export default async function GalleryPage() {
  const user = await requireUser();
  const [notices, options] = await Promise.all([unreadNotices(user.id), galleryFilterOptions()]);
  return (
    <section>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      <ModerationNotices notices={notices.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() }))} dismiss={dismissNoticeAction} />
      <GalleryFilters options={options} />
      <GalleryGrid listImages={listGalleryAction} setFavourite={setFavouriteAction} />
    </section>
  );
}
