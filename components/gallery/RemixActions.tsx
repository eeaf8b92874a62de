import Link from 'next/link';
import { remixHref } from './remix-links';

const button = 'rounded-md border border-edge px-3 py-2 text-center text-sm hover:bg-edge';

/** Links into the generator, prefilled from this image; plain links, so they open in a new tab too. */
export function RemixActions({ imageId }: { imageId: string }) {
  return (
    <section aria-labelledby="remix" className="space-y-2">
      <h2 id="remix" className="text-sm font-medium text-zinc-300">Remix</h2>
      <div className="grid grid-cols-2 gap-2">
        <Link href={remixHref(imageId, 'settings')} className={`${button} col-span-2 border-accent bg-accent font-medium text-white hover:bg-accent-strong`}>
          Use settings
        </Link>
        <Link href={remixHref(imageId, 'vary-subtle')} className={button}>Vary (subtle)</Link>
        <Link href={remixHref(imageId, 'vary-strong')} className={button}>Vary (strong)</Link>
        <Link href={remixHref(imageId, 'seed')} className={`${button} col-span-2`}>Reuse seed</Link>
      </div>
      <p className="text-xs text-muted">Use settings copies everything; Vary keeps the prompt and changes the image a little or a lot; Reuse seed keeps only the seed.</p>
    </section>
  );
}
