import type { GenerationParams } from '@/server/db/schema';
import { imageCount, imageSeed, SAMPLER_LABELS, type Sampler } from '@/domain/generation-params';

type Timings = Record<string, unknown> | null | undefined;

function totalMs(t: Timings): number | null {
  if (!t) return null;
  const steps = Array.isArray(t.steps) ? (t.steps as number[]).reduce((a, b) => a + b, 0) : 0;
  const rest = ['encode', 'decode', 'postprocess'].reduce((a, k) => a + (typeof t[k] === 'number' ? (t[k] as number) : 0), 0);
  return Math.round(steps + rest);
}

type Props = {
  params: GenerationParams;
  timings?: Timings;
  tier?: string;
  /** Set when one image of the generation is shown: its own seed, which reproduces it alone. */
  seed?: number;
};

export function ParamsList({ params: p, timings, tier, seed }: Props) {
  const n = seed === undefined ? imageCount(p) : 1;
  const seeds = Array.from({ length: n }, (_, i) => imageSeed(p.seed, i)).join(', ');
  const rows: [string, string][] = [
    ['Prompt', p.prompt],
    ...(p.negativePrompt ? ([['Negative prompt', p.negativePrompt]] as [string, string][]) : []),
    ['Size', `${p.width} × ${p.height}`],
    ['Steps', String(p.steps)],
    ['Guidance', String(p.guidance)],
    ...(n > 1 ? ([['Images', String(n)], ['Seeds', seeds]] as [string, string][]) : ([['Seed', String(seed ?? p.seed)]] as [string, string][])),
    ['Sampler', SAMPLER_LABELS[p.sampler as Sampler] ?? p.sampler],
    ['Model', p.model],
    ...(tier ? ([['Tier', tier[0].toUpperCase() + tier.slice(1)]] as [string, string][]) : []),
    ...(p.initImage ? ([['Image to image', `strength ${p.strength ?? 0.6}`]] as [string, string][]) : []),
  ];
  const ms = totalMs(timings);
  if (ms !== null) rows.push(['Compute time', `${(ms / 1000).toFixed(2)} s`]);
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 rounded-xl border border-edge bg-panel p-4 text-sm" aria-label="Parameters">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
