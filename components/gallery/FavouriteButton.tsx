'use client';

type Props = { pressed: boolean; onToggle: () => void; className?: string };

/** The star: a toggle button named "Favourite", its state in aria-pressed. */
export function FavouriteButton({ pressed, onToggle, className = '' }: Props) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label="Favourite"
      title={pressed ? 'Remove from favourites' : 'Add to favourites'}
      onClick={onToggle}
      className={`rounded-full bg-black/60 p-1.5 leading-none transition hover:bg-black/80 focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent ${pressed ? 'text-amber-300' : 'text-zinc-300'} ${className}`}
    >
      <svg aria-hidden viewBox="0 0 24 24" width="18" height="18" fill={pressed ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth="2" strokeLinejoin="round">
        <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z" />
      </svg>
    </button>
  );
}
