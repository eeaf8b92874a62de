import Link from 'next/link';
import type { EditTool } from './edit-request';

/** The editor's address for an image, opening on one tool (issue #16: `/edit/<id>?tool=extend|upscale`). */
export function editHref(imageId: string, tool: EditTool = 'inpaint'): string {
  return tool === 'inpaint' ? `/edit/${imageId}` : `/edit/${imageId}?tool=${tool}`;
}

const button = 'rounded-md border border-edge px-3 py-2 text-center text-sm hover:bg-edge';

/** The gallery image page's way into the editor: plain links, so they open in a new tab too. */
export function EditLinks({ imageId }: { imageId: string }) {
  return (
    <section aria-labelledby="edit-links" className="space-y-2">
      <h2 id="edit-links" className="text-sm font-medium text-zinc-300">Edit</h2>
      <div className="grid grid-cols-3 gap-2">
        <Link href={editHref(imageId)} className={button}>Edit</Link>
        <Link href={editHref(imageId, 'extend')} className={button}>Extend</Link>
        <Link href={editHref(imageId, 'upscale')} className={button}>Upscale x2</Link>
      </div>
      <p className="text-xs text-muted">Edit repaints what you mask; Extend grows the canvas; Upscale x2 doubles the size with added detail.</p>
    </section>
  );
}

/** A finished feed card's links into the editor, for the image the card's actions apply to. */
export function EditCardLinks({ imageId, label }: { imageId: string; label: string }) {
  const small = 'rounded-md border border-edge px-2.5 py-1.5 text-sm hover:bg-edge';
  return (
    <div role="group" aria-label={`Edit ${label}`} className="flex flex-wrap gap-1.5">
      <Link href={editHref(imageId)} className={small}>Edit</Link>
      <Link href={editHref(imageId, 'extend')} className={small}>Extend</Link>
      <Link href={editHref(imageId, 'upscale')} className={small}>Upscale x2</Link>
    </div>
  );
}
