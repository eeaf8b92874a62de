import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { parseMail, type ParsedMail } from './mime';

export type ReceivedMail = ParsedMail & { from: string; to: string[]; raw: string; at: number };

export type SmtpSink = {
  /** SMTP_URL for the app: smtp://user:pass@127.0.0.1:<port>. */
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Messages to `to` (case-insensitive), oldest first. */
  to(address: string): ReceivedMail[];
  /** Polls until a message to `to` matching `match` arrives (newest first), or fails after `timeoutMs`. */
  waitFor(to: string, match?: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
};

const USER = 'kumori';
const PASS = 'sink-password';

/**
 * A real SMTP server on loopback that keeps what it receives, for tests to read as a mailbox. It
 * asks for the credentials in its URL (AUTH over plain SMTP, which is fine on loopback only).
 */
export async function startSmtpSink(opts: { port?: number } = {}): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASS) cb(null, { user: USER });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({ ...parseMail(raw), from, to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()), raw, at: Date.now() });
        cb();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  const to = (address: string) => messages.filter((m) => m.to.includes(address.toLowerCase()));
  return {
    url: `smtp://${USER}:${PASS}@127.0.0.1:${port}`,
    port,
    messages,
    to,
    async waitFor(address, match = () => true, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = to(address).reverse().find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`timed out waiting for a mail to ${address}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
