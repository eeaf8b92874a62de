import { notFound } from 'next/navigation';
import { EditLinks } from '@/components/editor/EditLinks';
import { DeleteImageButton } from '@/components/gallery/DeleteImageButton';
import { FavouriteToggle } from '@/components/gallery/FavouriteToggle';
import { ImageLightbox } from '@/components/gallery/ImageLightbox';
import { ImageParams } from '@/components/gallery/ImageParams';
import { RemixActions } from '@/components/gallery/RemixActions';
import { Time } from '@/components/ui/Time';
import { requireUser } from '@/server/auth/session';
import { getImage } from '@/server/gallery/images';
import { imageNeighbours } from '@/server/gallery/neighbours';
import { deleteImageAction, setFavouriteAction } from '../actions';

export const metadata = { title: 'Image · Gallery · Kumori' };
export const dynamic = 'force-dynamic';

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const image = await getImage(user.id, (await params).id);
  if (!image) notFound();
  const { previousId, nextId } = await imageNeighbours(user.id, image);
  return (
    <article aria-labelledby="image-title" className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_360px]">
      <ImageLightbox
        src={image.url}
        alt={`Generated image: ${image.params.prompt}`}
        width={image.width}
        height={image.height}
        previousId={previousId}
        nextId={nextId}
      />
      <div className="min-w-0 space-y-5">
        <div>
          <h1 id="image-title" className="line-clamp-2 break-words text-lg font-semibold">{image.params.prompt}</h1>
          <p className="mt-1 text-xs text-zinc-400">
            {image.width} × {image.height} PNG · {(image.size / 1024).toFixed(1)} KiB · made <Time value={image.createdAt} />
          </p>
        </div>
        {image.pending && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100">
            This image is awaiting review by a moderator, so it is shown blurred and cannot be downloaded yet. Most reviews take less than a day.
          </p>
        )}
        <RemixActions imageId={image.id} />
        {!image.pending && <EditLinks imageId={image.id} />}
        <ImageParams params={image.params} seed={image.seed} timings={image.timings} />
        <div className="flex flex-wrap gap-3">
          {image.downloadUrl && (
            <a href={image.downloadUrl} download className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">Download</a>
          )}
          <FavouriteToggle id={image.id} favourite={image.favourite} setFavourite={setFavouriteAction} />
          <DeleteImageButton id={image.id} remove={deleteImageAction} />
        </div>
        <p className="hidden text-xs text-muted sm:block">Keys: ← previous, → next, Esc back to the gallery.</p>
      </div>
    </article>
  );
}
