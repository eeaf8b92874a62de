import http from 'node:http';
import type { SmtpSink } from './smtp-sink';

/**
 * The e2e server's mailbox: e2e/serve.ts runs a loopback SMTP sink for the app (SMTP_URL) and
 * serves what it received over HTTP, so specs in the Playwright process read mail as a person
 * would, from outside the app.
 */
export const E2E_MAILBOX = {
  smtpPort: Number(process.env.E2E_SMTP_PORT ?? 3197),
  httpPort: Number(process.env.E2E_MAILBOX_PORT ?? 3198),
};

export type MailboxMessage = { to: string[]; from: string; subject: string; text: string; at: number };

/** GET /messages?to=<address>: the messages to that address, oldest first. */
export async function serveMailbox(sink: SmtpSink, port = E2E_MAILBOX.httpPort): Promise<{ close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/messages') {
      res.writeHead(404).end();
      return;
    }
    const to = url.searchParams.get('to') ?? '';
    const list: MailboxMessage[] = (to ? sink.to(to) : sink.messages).map(({ to, from, subject, text, at }) => ({ to, from, subject, text, at }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(list));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Messages to `to` in the e2e mailbox. */
export async function mailboxOf(to: string): Promise<MailboxMessage[]> {
  const res = await fetch(`http://127.0.0.1:${E2E_MAILBOX.httpPort}/messages?to=${encodeURIComponent(to)}`);
  if (!res.ok) throw new Error(`the e2e mailbox answered ${res.status}`);
  return (await res.json()) as MailboxMessage[];
}
