import Link from 'next/link';
import type { ReviewItem } from '@/server/moderation/review-queue';
import { Time } from '@/components/ui/Time';

const CLASSES = ['porn', 'hentai', 'sexy', 'drawing', 'neutral'] as const;

export function ReviewCard({ item, checked, onToggle }: { item: ReviewItem; checked: boolean; onToggle: () => void }) {
  return (
    <li className={`overflow-hidden rounded-lg border bg-panel ${checked ? 'border-accent' : 'border-edge'}`}>
      <label className="block cursor-pointer">
        {/* Unselected boxes send nothing, so the form carries exactly the checked ids. */}
        <input type="checkbox" name="ids" value={item.id} checked={checked} onChange={onToggle} className="sr-only" aria-label={`Select the image for “${item.prompt}”`} />
        {/* eslint-disable-next-line @next/next/no-img-element -- signed URL */}
        <img src={item.url} alt={`Awaiting review: ${item.prompt}`} className="img-smooth aspect-square w-full bg-ink object-contain" />
      </label>
      <div className="space-y-2 p-3 text-sm">
        <p className="flex items-center justify-between gap-2">
          <span className={`rounded px-2 py-0.5 text-xs ${checked ? 'bg-accent text-white' : 'bg-edge text-zinc-300'}`}>{checked ? 'Selected' : 'Click the image to select'}</span>
          {item.unsafe !== null && <span className="tabular-nums text-amber-200" title="porn + hentai + half of sexy">unsafe {item.unsafe.toFixed(2)}</span>}
        </p>
        <p className="break-words"><span className="text-muted">Prompt:</span> {item.prompt}</p>
        {item.negativePrompt && <p className="break-words text-zinc-400"><span className="text-muted">Negative:</span> {item.negativePrompt}</p>}
        {item.flaggedCategory && <p className="text-amber-200">Prompt flagged: {item.flaggedCategory}</p>}
        {item.scores && (
          <dl className="grid grid-cols-5 gap-1 text-center text-xs">
            {CLASSES.map((c) => (
              <div key={c} className="rounded bg-ink px-1 py-1">
                <dt className="text-muted">{c}</dt>
                <dd className="tabular-nums">{item.scores![c].toFixed(2)}</dd>
              </div>
            ))}
          </dl>
        )}
        <p className="text-xs text-muted">
          <Link href={`/admin/users/${item.user.id}`} className="text-link underline underline-offset-2 hover:decoration-2">{item.user.email}</Link> · <Time value={item.createdAt} />
        </p>
      </div>
    </li>
  );
}
