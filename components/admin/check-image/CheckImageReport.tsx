import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Agreement, ImageCheckReport } from '@/server/provenance/check-image';
import { Time } from '@/components/ui/Time';

const percent = (x: number) => `${Math.round(x * 100)}%`;
// Unmarked images read at most about this (the decoder fits noise best in small images).
const CHANCE = 0.32;

const MODERATION: Record<string, string> = { clear: 'clear', review: 'awaiting review', approved: 'approved after review', rejected: 'rejected (file removed)' };

function agreementNote(r: ImageCheckReport): string | null {
  const claimed = r.metadata?.generationId;
  const notes: Record<Agreement, string | null> = {
    consistent: 'The embedded metadata names the same generation.',
    'metadata-missing': 'The file carries no Kumori metadata: it was stripped, as re-encoding (JPEG, WebP, screenshots, most sites) does. The watermark alone identifies it.',
    'metadata-conflict': `The embedded metadata names a different generation (${claimed}) than the watermark: it was edited or copied from another image. Trust the watermark.`,
    'metadata-unverified': `The embedded metadata claims generation ${claimed}${r.claimed ? ` by ${r.claimed.userEmail ?? 'a deleted user'}` : ', which does not exist here'}, but the pixels carry no matching watermark: the metadata may be forged or copied, or the image was cropped or edited.`,
    none: null,
  };
  return notes[r.agreement];
}

function Headline({ r }: { r: ImageCheckReport }) {
  const { match, watermark } = r;
  if (match) {
    return (
      <p className="text-lg font-semibold text-emerald-300">
        Carries the Kumori watermark: generation <span className="font-mono">{match.generationId}</span> by{' '}
        {match.userEmail ? <Link href={`/admin/users/${match.userId}`} className="text-link underline underline-offset-2 hover:decoration-2">{match.userEmail}</Link> : 'a deleted user'} on <Time value={match.createdAt} />.
      </p>
    );
  }
  if (watermark.found) {
    return (
      <p className="text-lg font-semibold text-amber-200">
        A watermark id was read ({watermark.payload}), but no image here carries it: it may come from another Kumori server, from an image
        since deleted, or be a chance reading.
      </p>
    );
  }
  return <p className="text-lg font-semibold text-zinc-200">No Kumori watermark found.</p>;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-400">{label}</dt>
      <dd className="break-all">{children}</dd>
    </>
  );
}

export function CheckImageReport({ report: r }: { report: ImageCheckReport }) {
  const { watermark: w, match, metadata, file } = r;
  const note = agreementNote(r);
  const p = match?.params;
  return (
    <div className="space-y-4 rounded-lg border border-edge p-4 text-sm">
      <Headline r={r} />
      {note && <p className={r.agreement === 'consistent' ? 'text-zinc-300' : 'text-amber-200'}>{note}</p>}
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {w.found ? (
          <>
            <Row label="Watermark id">{w.payload}</Row>
            <Row label="Bit errors">{w.bitErrors} of {w.slots} slots disagreed before error correction</Row>
            <Row label="Confidence">{percent(w.confidence)} agreement (unmarked images read up to about 30%)</Row>
            {w.scale !== null && w.scale !== 1 && <Row label="Scale">{percent(w.scale)} of the size it was made at</Row>}
          </>
        ) : (
          <Row label="Best agreement">
            {percent(w.confidence)}
            {w.confidence > CHANCE
              ? ': more than unmarked images read (up to about 30%), so a damaged watermark may be there that cannot be read'
              : ', as unmarked images read (up to about 30%)'}
          </Row>
        )}
        {match && (
          <>
            <Row label="Image">{match.imageId} (#{match.imageIndex + 1}, {match.width}×{match.height}, {MODERATION[match.moderation] ?? match.moderation})</Row>
            {match.generationStatus && <Row label="Generation status">{match.generationStatus}</Row>}
            {p && <Row label="Prompt">{p.prompt}</Row>}
            {p?.negativePrompt && <Row label="Negative prompt">{p.negativePrompt}</Row>}
            {p && <Row label="Settings">{`${p.model}, seed ${p.seed}, ${p.steps} steps, ${p.sampler}, guidance ${p.guidance}, ${p.width}×${p.height}`}</Row>}
          </>
        )}
        <Row label="File">{`${file.format.toUpperCase()}, ${file.width}×${file.height}, ${(file.bytes / 1024).toFixed(0)} KB`}</Row>
        <Row label="SHA-256"><span className="font-mono text-xs">{file.sha256}</span></Row>
      </dl>
      {metadata && (
        <section aria-label="Embedded metadata" className="space-y-2">
          <h3 className="font-medium">Embedded metadata (as written in the file; anyone can edit it)</h3>
          {metadata.parameters && <pre className="whitespace-pre-wrap break-words rounded bg-ink p-3 text-xs text-zinc-300">{metadata.parameters}</pre>}
          {metadata.kumori && (
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              {Object.entries(metadata.kumori).map(([key, value]) => (
                <Row key={key} label={key}>{typeof value === 'string' ? value : JSON.stringify(value)}</Row>
              ))}
            </dl>
          )}
        </section>
      )}
    </div>
  );
}
