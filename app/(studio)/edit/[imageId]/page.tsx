import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Editor } from '@/components/editor/Editor';
import { isEditTool, type EditSource } from '@/components/editor/edit-request';
import { requireUser } from '@/server/auth/session';
import { env } from '@/server/env';
import { getImage } from '@/server/gallery/images';
import { uploadForEdit } from '@/server/uploads/upload-for-edit';
import { createGenerationAction } from '../../generate/actions';

export const metadata = { title: 'Edit · Kumori' };
export const dynamic = 'force-dynamic';

type Params = Promise<{ imageId: string }>;
type Search = Promise<{ tool?: string | string[] }>;

/**
 * The editor for one of the user's own images, or for one of their uploads (an image from
 * elsewhere: the generator's "Edit with a mask"); anyone else's (or none) is a 404.
 */
export default async function EditPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const user = await requireUser();
  const [{ imageId }, search] = await Promise.all([params, searchParams]);
  const initialTool = isEditTool(search.tool) ? search.tool : 'inpaint';
  const image = await getImage(user.id, imageId);
  if (!image) {
    const upload = await uploadForEdit(user.id, imageId);
    if (!upload) notFound();
    const source: EditSource = { ...upload, prompt: '', negativePrompt: '', model: env().DEFAULT_MODEL, sampler: 'ddim', guidance: 7.5, steps: 20 };
    return (
      <div className="space-y-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h1 className="text-lg font-semibold">Edit an uploaded image</h1>
          <Link href="/generate" className="text-sm text-link underline">Back to the generator</Link>
        </div>
        <Editor key={upload.id} source={source} initialTool={initialTool} create={createGenerationAction} />
      </div>
    );
  }
  const p = image.params;
  const source: EditSource = {
    id: image.id,
    url: image.url,
    width: image.width,
    height: image.height,
    prompt: p.prompt,
    negativePrompt: p.negativePrompt ?? '',
    model: p.model,
    sampler: p.sampler,
    guidance: p.guidance,
    steps: p.steps,
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-lg font-semibold">Edit image</h1>
        <Link href={`/gallery/${image.id}`} className="text-sm text-link underline">Back to the image</Link>
      </div>
      {image.pending ? (
        <p role="status" className="rounded-md border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-sm text-amber-100">
          This image is awaiting review by a moderator; it can be edited once it is approved.
        </p>
      ) : (
        <Editor key={image.id} source={source} initialTool={initialTool} create={createGenerationAction} />
      )}
    </div>
  );
}
