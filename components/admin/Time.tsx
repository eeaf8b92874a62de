/** A timestamp in UTC, the same for every admin whatever their browser's zone; the full instant on hover. */
export function Time({ value }: { value: Date | string | null }) {
  if (!value) return <span className="text-zinc-500">never</span>;
  const iso = new Date(value).toISOString();
  return (
    <time dateTime={iso} title={iso}>
      {iso.slice(0, 16).replace('T', ' ')}
    </time>
  );
}
