import { spawn } from 'node:child_process';
import path from 'node:path';
import postgres from 'postgres';
import { startStripeDouble } from '../tests/support/stripe-double';
import { startSmtpSink } from '../tests/support/smtp-sink';
import { E2E_MAILBOX, serveMailbox } from '../tests/support/e2e-mailbox';
import { E2E_STRIPE } from './stripe-config';
import { E2E_ADMIN_EMAIL, E2E_DATABASE_URL } from './e2e-env';

// Starts `npm start` on a fresh database so every run begins from a clean, known state.
const ROOT = path.resolve(__dirname, '..');
const port = process.env.E2E_PORT ?? '3100';
const dbName = new URL(E2E_DATABASE_URL).pathname.slice(1);

async function main() {
  const admin = postgres(new URL('/postgres', E2E_DATABASE_URL).href, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  // Stripe's API is not reachable here: the real SDK in the app talks to a local double of it.
  const stripe = await startStripeDouble({ port: E2E_STRIPE.port });
  // Mail is on, as in production: a real SMTP server on loopback receives it, and the specs read
  // it over HTTP (e2e/helpers.ts confirms each new account from its mail).
  const smtp = await startSmtpSink({ port: E2E_MAILBOX.smtpPort });
  const mailbox = await serveMailbox(smtp, E2E_MAILBOX.httpPort);
  const child = spawn(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['--conditions=react-server', 'scripts/start.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PORT: port,
      DATABASE_URL: E2E_DATABASE_URL,
      ADMIN_EMAILS: E2E_ADMIN_EMAIL,
      DATA_DIR: path.join(ROOT, 'test-results', 'e2e-data'),
      REDIS_PREFIX: `kumori-e2e-${Date.now()}`,
      STARTING_CREDITS: '500',
      // Every browser signs up from 127.0.0.1; the per-address limit is proven by server/account tests.
      SIGNUP_MAX_PER_HOUR: '1000',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Kumori <kumori@e2e.test>',
      // The shipped model finishes 20 steps in a fraction of a second; slow it enough to watch.
      WORKER_STEP_DELAY_MS: '120',
      // Two jobs at once, so a plan's maxRunning (not a lone worker slot) decides who waits: studio.spec shows two running.
      WORKER_CONCURRENCY: '2',
      STRIPE_SECRET_KEY: E2E_STRIPE.secretKey,
      STRIPE_WEBHOOK_SECRET: E2E_STRIPE.webhookSecret,
      STRIPE_API_URL: stripe.url,
      WEBHOOK_ALLOW_PRIVATE: 'true',
    },
  });
  const forward = (sig: NodeJS.Signals) => child.kill(sig);
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  child.on('exit', (code) => void Promise.allSettled([stripe.stop(), smtp.stop(), mailbox.close()]).finally(() => process.exit(code ?? 0)));
}

void main();
