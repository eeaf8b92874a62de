/**
 * Just enough MIME to read what nodemailer sends: headers (unfolded, encoded words decoded),
 * multipart bodies, quoted-printable and base64 parts. Tests read messages the way a person does:
 * subject, recipients, the text and the links in it.
 */
export type ParsedMail = { headers: Record<string, string>; subject: string; text: string; html: string };

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_m, _charset, enc: string, text: string) =>
    enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuotedPrintable(text.replace(/_/g, ' ')),
  );
}

function splitHead(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding = ''): string {
  if (/quoted-printable/i.test(encoding)) return decodeQuotedPrintable(body);
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

function collectParts(raw: string, into: { text: string; html: string }): Record<string, string> {
  const { headers, body } = splitHead(raw);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), into);
    }
  } else {
    const decoded = decodeBody(body, headers['content-transfer-encoding']);
    if (/^text\/html/i.test(type)) into.html ||= decoded;
    else if (/^text\/plain/i.test(type)) into.text ||= decoded;
  }
  return headers;
}

export function parseMail(raw: string): ParsedMail {
  const bodies = { text: '', html: '' };
  const headers = collectParts(raw, bodies);
  return { headers, subject: headers.subject ?? '', ...bodies };
}

/** The first link in the text that starts with `prefix` (e.g. `http://localhost:3100/reset-password`). */
export function linkIn(text: string, pathPrefix: string): string | null {
  for (const m of text.matchAll(/https?:\/\/[^\s<>"]+/g)) {
    if (new URL(m[0]).pathname.startsWith(pathPrefix)) return m[0];
  }
  return null;
}
