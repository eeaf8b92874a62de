import type { GenerationParams } from '@/server/db/schema';
import { SAMPLER_LABELS, type Sampler } from '@/domain/generation-params';

type Timings = Record<string, unknown> | null | undefined;

function totalMs(t: Timings): number | null {
  if (!t) return null;
  const steps = Array.isArray(t.steps) ? (t.steps as number[]).reduce((a, b) => a + b, 0) : 0;
  const rest = ['encode', 'decode', 'postprocess'].reduce((a, k) => a + (typeof t[k] === 'number' ? (t[k] as number) : 0), 0);
  return Math.round(steps + rest);
}

export function ParamsList({ params: p, timings, tier }: { params: GenerationParams; timings?: Timings; tier?: string }) {
  const rows: [string, string][] = [
    ['Prompt', p.prompt],
    ...(p.negativePrompt ? ([['Negative prompt', p.negativePrompt]] as [string, string][]) : []),
    ['Size', `${p.width} × ${p.height}`],
    ['Steps', String(p.steps)],
    ['Guidance', String(p.guidance)],
    ['Seed', String(p.seed)],
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
          <dt className="text-zinc-500">{k}</dt>
          <dd className="break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
