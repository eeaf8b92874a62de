import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DeleteImageButton } from '@/components/gallery/DeleteImageButton';
import { ParamsList } from '@/components/generator/ParamsList';
import { requireUser } from '@/server/auth/session';
import { getImage } from '@/server/gallery/images';
import { deleteImageAction } from '../actions';

export const dynamic = 'force-dynamic';

export default async function ImagePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const image = await getImage(user.id, (await params).id);
  if (!image) notFound();
  return (
    <article className="grid gap-8 lg:grid-cols-[1fr_360px]">
      <div className="overflow-hidden rounded-xl border border-edge bg-panel" style={{ aspectRatio: `${image.width} / ${image.height}` }}>
        {/* eslint-disable-next-line @next/next/no-img-element -- signed URL */}
        <img src={image.url} alt={`Generated image: ${image.params.prompt}`} className="img-smooth h-full w-full object-contain" />
      </div>
      <div className="space-y-4">
        <Link href="/gallery" className="text-sm text-zinc-400 hover:text-white">← Back to gallery</Link>
        <ParamsList params={image.params} timings={image.timings} seed={image.seed} />
        <p className="text-xs text-zinc-500">
          {image.width} × {image.height} PNG · {(image.size / 1024).toFixed(1)} KiB · created {new Date(image.createdAt).toLocaleString('en-GB', { timeZone: 'UTC' })} UTC
        </p>
        {image.pending && (
          <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100">
            This image is awaiting review by a moderator, so it is shown blurred and cannot be downloaded yet. Most reviews take less than a day.
          </p>
        )}
        <div className="flex gap-3">
          {image.downloadUrl && (
            <a href={image.downloadUrl} download className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:bg-accent-strong">Download</a>
          )}
          <DeleteImageButton id={image.id} remove={deleteImageAction} />
        </div>
      </div>
    </article>
  );
}
