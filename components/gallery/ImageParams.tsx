import Link from 'next/link';
import type { ReactNode } from 'react';
import type { EditMode } from '@/domain/edit-modes';
import { SAMPLER_LABELS, type GenerationParams, type Sampler } from '@/domain/generation-params';

type Timings = Record<string, unknown> | null | undefined;

const EDIT_LABELS: Record<EditMode, string> = { img2img: 'Image to image', inpaint: 'Inpaint', outpaint: 'Extend', upscale: 'Upscale x2' };

function computeSeconds(t: Timings): string | null {
  if (!t) return null;
  const steps = Array.isArray(t.steps) ? (t.steps as number[]).reduce((a, b) => a + b, 0) : 0;
  const rest = ['encode', 'decode', 'postprocess'].reduce((a, k) => a + (typeof t[k] === 'number' ? (t[k] as number) : 0), 0);
  return `${((steps + rest) / 1000).toFixed(2)} s`;
}

/** One image's parameters: its own seed (which reproduces it alone), not the batch's. */
export function ImageParams({ params: p, seed, timings }: { params: GenerationParams; seed: number; timings?: Timings }) {
  const rows: [string, ReactNode][] = [
    ['Prompt', p.prompt],
    ...(p.negativePrompt ? ([['Negative prompt', p.negativePrompt]] as [string, string][]) : []),
    ['Size', `${p.width} × ${p.height}`],
    ['Steps', String(p.steps)],
    ['Guidance', String(p.guidance)],
    ['Seed', String(seed)],
    ['Sampler', SAMPLER_LABELS[p.sampler as Sampler] ?? p.sampler],
    ['Model', p.model],
    ...(p.initImage ? ([[p.mode ? EDIT_LABELS[p.mode] : 'Image to image', `strength ${p.strength ?? 0.6}`]] as [string, string][]) : []),
  ];
  // The parent is linked even if it was deleted since: its page then says so.
  if (p.parentImage) rows.push(['Edited from', <Link key="parent" href={`/gallery/${p.parentImage}`} className="text-link underline">the original image</Link>]);
  const compute = computeSeconds(timings);
  if (compute) rows.push(['Compute time', compute]);
  return (
    <section aria-labelledby="parameters" className="rounded-xl border border-edge bg-panel p-4">
      <h2 id="parameters" className="mb-2 text-sm font-medium text-zinc-300">Parameters</h2>
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-zinc-400">{k}</dt>
            <dd className="break-words">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
