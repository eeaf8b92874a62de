import { createServer, type IncomingMessage } from 'node:http';
import next from 'next';
import { env } from './env';
import { stampClientAddress } from './http/client-address';
import { attachSocketServer } from './realtime/socket-server';

const dev = process.argv.includes('--dev');

async function main() {
  const config = env();
  // next-auth builds callback URLs from this; the default matches the port we listen on.
  process.env.NEXTAUTH_URL ??= config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const app = next({ dev, hostname: 'localhost', port: config.PORT });
  const handle = app.getRequestHandler();
  await app.prepare();

  const http = createServer((req, res) => void handle(req, res));
  const sockets = attachSocketServer(http);
  // The client's address, from the socket (X-Forwarded-For only behind TRUST_PROXY_HOPS proxies),
  // replaces any copy of the header the client sent, before Next, Socket.IO or anything else sees
  // the request: prepended, so it runs first whatever attached its listeners earlier.
  const stamp = (req: IncomingMessage) => void stampClientAddress(req, config.TRUST_PROXY_HOPS);
  http.prependListener('request', stamp);
  http.prependListener('upgrade', stamp);
  http.listen(config.PORT, config.HOST, () => {
    console.log(`[web] Kumori is serving on http://localhost:${config.PORT} (${dev ? 'development' : 'production'})`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[web] ${signal}: closing connections`);
    const force = setTimeout(() => process.exit(0), 5000).unref();
    http.closeAllConnections?.();
    await sockets.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error('[web] failed to start:', err);
  process.exit(1);
});
