import type { OfferedModel } from '@/server/models/offered';

type Props = { model: OfferedModel | undefined; onExample: (prompt: string) => void };

// On a phone the examples are one scrolling row, so they do not push the feed down a screen.
/** What the chosen model can draw, with example prompts to click: a new user's first prompt is one click away. */
export function ModelCardNote({ model, onExample }: Props) {
  const card = model?.card;
  if (!model || !card || (!card.description && card.examplePrompts.length === 0)) return null;
  return (
    <section aria-label={`About ${model.displayName}`} className="space-y-2 rounded-md border border-edge bg-ink/40 px-3 py-2 text-xs text-zinc-400">
      <p className="line-clamp-3 lg:line-clamp-none" title={card.description ?? undefined}>
        <span className="font-medium text-zinc-200">{model.displayName}</span>
        {model.isTest && <span className="ml-2 rounded bg-amber-500/20 px-1.5 text-amber-200">test model</span>}
        {card.description ? ` — ${card.description}` : ''}
      </p>
      {card.examplePrompts.length > 0 && (
        <div className="-mx-1 flex gap-1.5 overflow-x-auto px-1 pb-1 lg:flex-wrap lg:overflow-visible" role="group" aria-label="Example prompts">
          {card.examplePrompts.map((p) => (
            <button key={p} type="button" onClick={() => onExample(p)} className="shrink-0 whitespace-nowrap rounded-full border border-edge px-2.5 py-1 text-left text-zinc-300 hover:border-accent lg:shrink lg:whitespace-normal">
              {p}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
