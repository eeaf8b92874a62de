/**
 * `attachment` header for a download name. The quoted `filename` is an ASCII fallback with
 * quotes, backslashes and control characters removed (they would end or corrupt the header);
 * `filename*` (RFC 6266/5987) carries the exact UTF-8 name for browsers that read it.
 */
export function attachmentDisposition(downloadName: string): string {
  const fallback =
    downloadName
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '')
      .trim() || 'download';
  const encoded = encodeURIComponent(downloadName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
