'use client';
import { useId, useState } from 'react';

/** Where the before image sits inside the after one, in fractions of the after's size (an extension's offset). */
export type Inset = { left: number; top: number; width: number; height: number };
const FULL: Inset = { left: 0, top: 0, width: 1, height: 1 };

type Props = {
  before: { src: string; alt: string; inset?: Inset };
  after: { src: string; alt: string };
  /** The after image's pixel size, which sets the frame's shape. */
  width: number;
  height: number;
};

const pct = (v: number) => `${v * 100}%`;

/**
 * Two images stacked in one frame, the before image on top clipped to the left of the slider.
 * The slider is a native range input, so arrow keys, Home/End and screen readers work as usual.
 */
export function BeforeAfter({ before, after, width, height }: Props) {
  const [split, setSplit] = useState(50);
  const id = useId();
  const inset = before.inset ?? FULL;
  return (
    <div className="space-y-2">
      <div
        data-testid="before-after"
        className="relative mx-auto overflow-hidden rounded-lg bg-ink"
        style={{ aspectRatio: `${width} / ${height}`, width: `min(100%, calc(70vh * ${width / height}))` }}
      >
        {/* eslint-disable-next-line @next/next/no-img-element -- signed, expiring URLs */}
        <img src={after.src} alt={after.alt} className="img-smooth absolute inset-0 h-full w-full object-contain" />
        <div className="absolute inset-0 bg-ink/80" style={{ clipPath: `inset(0 ${100 - split}% 0 0)` }}>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={before.src}
            alt={before.alt}
            className="img-smooth absolute"
            style={{ left: pct(inset.left), top: pct(inset.top), width: pct(inset.width), height: pct(inset.height) }}
          />
        </div>
        <div aria-hidden className="pointer-events-none absolute inset-y-0 w-0.5 -translate-x-1/2 bg-white/90 shadow" style={{ left: `${split}%` }} />
        <span aria-hidden className="absolute left-2 top-2 rounded bg-ink/80 px-1.5 py-0.5 text-xs">Before</span>
        <span aria-hidden className="absolute right-2 top-2 rounded bg-ink/80 px-1.5 py-0.5 text-xs">After</span>
      </div>
      <label htmlFor={id} className="sr-only">Before / after</label>
      <input
        id={id}
        type="range"
        min={0}
        max={100}
        step={1}
        value={split}
        onChange={(e) => setSplit(Number(e.target.value))}
        aria-valuetext={`${split}% before, ${100 - split}% after`}
        className="w-full accent-accent"
      />
    </div>
  );
}
