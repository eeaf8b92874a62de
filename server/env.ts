import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The one place that reads process.env. Every variable has a default that works on a single machine.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.string().url().optional(),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/kumori'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  DATA_DIR: z.string().default('./data'),
  AUTH_SECRET: z.string().min(16).optional(),
  ADMIN_EMAILS: z.string().default(''),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().default('kumori'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  SIGNED_URL_TTL_SECONDS: z.coerce.number().int().positive().default(3600),
  MODELS_DIR: z.string().default('./worker/models'),
  DEFAULT_MODEL: z.string().default('kumori-demo'),
  EXECUTION_PROVIDER: z.enum(['cpu', 'cuda']).default('cpu'),
  ORT_INTRA_OP_THREADS: z.coerce.number().int().nonnegative().default(0),
  ORT_GRAPH_OPTIMIZATION: z.enum(['disabled', 'basic', 'extended', 'all']).default('all'),
  MODEL_POOL_MB: z.coerce.number().positive().default(4096),
  STARTING_CREDITS: z.coerce.number().int().nonnegative().default(500),
  REDIS_PREFIX: z.string().default('kumori'),
  RELAX_MAX_WAIT_SECONDS: z.coerce.number().positive().default(300),
  JOB_ATTEMPTS: z.coerce.number().int().positive().default(3),
  WORKER_STEP_DELAY_MS: z.coerce.number().int().nonnegative().default(0),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().default(1),
  CHECKPOINT_EVERY: z.coerce.number().int().nonnegative().default(5),
  WORKER_STALLED_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().nonnegative().default(25_000),
  METRICS_TOKEN: z.string().optional(),
  SIGNIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  SIGNIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(900),
  /** Failed sign-ins one client address may make in a window, whatever emails it tries. */
  SIGNIN_MAX_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /**
   * How many reverse proxies in front of the web process append to X-Forwarded-For. 0 (direct
   * exposure): the header is ignored and the socket address is the client's.
   */
  TRUST_PROXY_HOPS: z.coerce.number().int().nonnegative().default(0),
  /** Accounts one client address may create per hour. */
  SIGNUP_MAX_PER_HOUR: z.coerce.number().int().positive().default(10),
  /** Extra origins (comma-separated) allowed to open a Socket.IO connection, besides PUBLIC_URL. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Uploaded init images no generation refers to are deleted after this many hours. */
  UPLOAD_TTL_HOURS: z.coerce.number().positive().default(24),
  /** Uploads one user may make per hour, and the bytes of uploads they may keep at once. */
  UPLOADS_PER_HOUR: z.coerce.number().int().positive().default(60),
  UPLOAD_QUOTA_MB: z.coerce.number().positive().default(200),
  /** SMTP server for mail (password reset, email verification), e.g. smtp://user:pass@host:587. Unset: mail is off. */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Kumori <no-reply@localhost>'),
  /** Unset: payments are off, the billing page says so, and admins grant credits by hand. */
  STRIPE_SECRET_KEY: z.string().optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  STRIPE_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().positive().default(300),
  /** Another Stripe API endpoint (stripe-mock, or the tests' local double), e.g. http://127.0.0.1:12111. */
  STRIPE_API_URL: z.string().url().optional(),
  /** Recurring price ids of the plans' subscriptions (`npm run stripe:seed` creates them in test mode). */
  STRIPE_PRICE_BASIC: z.string().optional(),
  STRIPE_PRICE_PRO: z.string().optional(),
  /** Blocked prompts within the window after which the user is warned, and then suspended pending review. */
  SAFETY_STRIKES_WARN: z.coerce.number().int().positive().default(3),
  SAFETY_STRIKES_SUSPEND: z.coerce.number().int().positive().default(5),
  SAFETY_STRIKE_WINDOW_HOURS: z.coerce.number().positive().default(24),
  /**
   * NSFW score (porn + hentai + half of sexy, 0 to 1) from which a generated or uploaded image is
   * blurred and queued for review, and from which it is blocked. Admins can override both in /admin/policy.
   */
  NSFW_REVIEW_AT: z.coerce.number().min(0).max(1).default(0.4),
  NSFW_BLOCK_AT: z.coerce.number().min(0).max(1).default(0.8),
  /** Lets outgoing webhooks reach private, loopback and link-local addresses: for self-hosters on a LAN, and tests. */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string };

/**
 * Without AUTH_SECRET, a random secret is made once and kept in DATA_DIR so that web and
 * worker processes on this machine, and restarts, agree on it. Multi-host deployments set it.
 */
function ensureSecret(dataDir: string): string {
  const file = path.join(dataDir, '.auth-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(dataDir, { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      fs.writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      return fs.readFileSync(file, 'utf8').trim(); // another process won the race
    }
  }
}

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const data = parsed.data;
  const dataDir = path.resolve(data.DATA_DIR);
  return {
    ...data,
    DATA_DIR: dataDir,
    MODELS_DIR: path.resolve(data.MODELS_DIR),
    AUTH_SECRET: data.AUTH_SECRET ?? ensureSecret(dataDir),
  };
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function adminEmails(): Set<string> {
  return new Set(
    env()
      .ADMIN_EMAILS.split(',')
      .map((e) => e.trim().toLowerCase())
      .filter(Boolean),
  );
}
