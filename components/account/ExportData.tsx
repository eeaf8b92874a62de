import { panel, secondaryButton } from './FormMessage';

/** A plain link: the browser downloads the zip as the server streams it. */
export function ExportData() {
  return (
    <section aria-labelledby="export-title" className={panel}>
      <h2 id="export-title" className="text-lg font-semibold">Your data</h2>
      <p className="text-sm text-zinc-400">
        A zip of your images (the full-size PNGs, each with its settings and metadata), your generations and your credit history.
      </p>
      <a href="/api/account/export" download className={`inline-block ${secondaryButton}`}>
        Download my data
      </a>
    </section>
  );
}
