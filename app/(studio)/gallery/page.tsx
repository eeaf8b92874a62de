import { GalleryGrid } from '@/components/gallery/GalleryGrid';

export const metadata = { title: 'Gallery · Kumori' };

export default function GalleryPage() {
  return (
    <section>
      <h1 className="mb-6 text-2xl font-semibold">Gallery</h1>
      <GalleryGrid />
    </section>
  );
}
