import { sql } from 'drizzle-orm';
import type { GenerationParams } from '../../domain/generation-params';
import { PLANS, TIERS } from '../../domain/plans';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  bigint,
  boolean,
  customType,
} from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

// What the gallery's search reads: prompt, negative prompt, style and model. One expression for the
// two generated columns below, so the text the trigram index sees is the text the tsvector was made from.
const SEARCHED_TEXT = sql.raw(
  `coalesce("params"->>'prompt', '') || ' ' || coalesce("params"->>'negativePrompt', '') || ' ' || coalesce("params"->>'style', '') || ' ' || coalesce("params"->>'model', '')`,
);

export const roleEnum = pgEnum('role', ['user', 'admin']);
export const generationStatusEnum = pgEnum('generation_status', [
  'queued',
  'running',
  'succeeded',
  'failed',
  'cancelled',
  'blocked',
]);
/** clear: shown as is; review: blurred for its owner until an admin decides; approved / rejected: decided. */
export const imageModerationEnum = pgEnum('image_moderation', ['clear', 'review', 'approved', 'rejected']);
// Built from the one list in domain/plans.ts; a new plan or tier there needs a migration here.
export const planEnum = pgEnum('plan', PLANS);
export const tierEnum = pgEnum('tier', TIERS);
/**
 * grant: welcome and admin grants; purchase: a paid credit pack; subscription: a plan's monthly
 * credits; debit/refund: generations; clawback: a refunded or disputed payment taken back;
 * adjustment: an admin's correction (either sign).
 */
export const ledgerKindEnum = pgEnum('ledger_kind', ['grant', 'debit', 'refund', 'purchase', 'subscription', 'clawback', 'adjustment']);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  role: roleEnum('role').notNull().default('user'),
  plan: planEnum('plan').notNull().default('free'),
  /** Running total of credit_ledger.amount, kept by a trigger on insert (drizzle/0004); never written by code. */
  credits: integer('credits').notNull().default(0),
  stripeCustomerId: text('stripe_customer_id').unique(),
  /** Set when strikes or an admin suspend the account: it can sign in and read, not generate. */
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  suspendedReason: text('suspended_reason'),
  /** Blocked prompts before this count no more: set when an admin lifts a suspension, having judged them. */
  strikesSince: timestamp('strikes_since', { withTimezone: true }),
  /** Set when the owner proves the address (or at sign-up while mail is off); unverified accounts get no starting credits. */
  emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
  /** Set when the owner deleted the account: the row stays, anonymised, so payment and ledger records keep their owner. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export type { GenerationParams };

export const generations = pgTable(
  'generations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: generationStatusEnum('status').notNull().default('queued'),
    tier: tierEnum('tier').notNull().default('relax'),
    params: jsonb('params').$type<GenerationParams>().notNull(),
    cost: integer('cost').notNull(),
    error: text('error'),
    attempts: integer('attempts').notNull().default(0),
    timings: jsonb('timings').$type<Record<string, unknown>>(),
    /** Things the user should know about how the request was read (e.g. a prompt truncated). */
    warnings: text('warnings').array().notNull().default(sql`'{}'::text[]`),
    /** The prompt policy category that flagged the prompt for review; its images go to the review queue. */
    flaggedCategory: text('flagged_category'),
    /** Policy hits in the negative prompt of categories allowed there: recorded, neither blocked nor counted as strikes. */
    /** The API key that created it (null: the web page), for the key's monthly credit cap and its last use. */
    apiKeyId: uuid('api_key_id'),
    negativePromptHits: jsonb('negative_prompt_hits').$type<Array<{ category: string; term: string }>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /**
     * Gallery search (server/gallery/search.ts), kept by Postgres itself: on generations because a
     * generation's images share its prompt, and a generated column needs no trigger nor worker change.
     */
    searchText: text('search_text').generatedAlwaysAs(sql`lower(${SEARCHED_TEXT})`),
    searchVector: tsvector('search_vector').generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, ${SEARCHED_TEXT})`),
  },
  (t) => [
    index('generations_user_created_idx').on(t.userId, t.createdAt),
    index('generations_user_status_idx').on(t.userId, t.status),
    index('generations_search_vector_idx').using('gin', t.searchVector),
    // Partial words ("astro" for "astronaut"): LIKE '%astro%' on the lower-cased text, through trigrams (pg_trgm, drizzle/0015).
    index('generations_search_trgm_idx').using('gin', t.searchText.op('gin_trgm_ops')),
  ],
);

export const images = pgTable(
  'images',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    generationId: uuid('generation_id')
      .notNull()
      .references(() => generations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    index: integer('index').notNull().default(0),
    key: text('key').notNull().unique(),
    thumbKey: text('thumb_key').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    sha256: text('sha256').notNull(),
    seed: bigint('seed', { mode: 'number' }).notNull(),
    /** The NSFW classifier's class probabilities (drawing, hentai, neutral, porn, sexy). */
    nsfwScores: jsonb('nsfw_scores').$type<Record<string, number>>(),
    moderation: imageModerationEnum('moderation').notNull().default('clear'),
    /** The 64-bit id hidden in the pixels by the invisible watermark, as a decimal string. */
    watermarkId: text('watermark_id').unique(),
    /** The owner's star; the gallery's "Favourites" filter. */
    favourite: boolean('favourite').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('images_user_created_idx').on(t.userId, t.createdAt, t.id),
    uniqueIndex('images_generation_index_idx').on(t.generationId, t.index),
    // The review queue reads only these, oldest first; a partial index stays small.
    index('images_review_queue_idx').on(t.createdAt, t.id).where(sql`${t.moderation} = 'review'`),
    // The favourites filter walks only starred images, in the gallery's order.
    index('images_user_favourite_idx').on(t.userId, t.createdAt.desc(), t.id).where(sql`${t.favourite}`),
  ],
);

// Append-only (a trigger refuses updates and deletes). The unique key makes a charge, refund,
// purchase or clawback happen at most once.
export const creditLedger = pgTable(
  'credit_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: ledgerKindEnum('kind').notNull(),
    amount: integer('amount').notNull(),
    reason: text('reason').notNull(),
    uniqueKey: text('unique_key').notNull().unique(),
    generationId: uuid('generation_id').references(() => generations.id, { onDelete: 'set null' }),
    /** The Stripe payment (checkout session or invoice id) a purchase or clawback belongs to. */
    paymentId: text('payment_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('credit_ledger_user_idx').on(t.userId, t.id), index('credit_ledger_payment_idx').on(t.paymentId)],
);

/** Models some worker has installed, registered by workers at start (MODELS_DIR on their host). */
export const models = pgTable('models', {
  id: text('id').primaryKey(),
  displayName: text('display_name').notNull(),
  nativeWidth: integer('native_width').notNull(),
  nativeHeight: integer('native_height').notNull(),
  /** A folder's kumori.json marked it a test model: offered to admins only. */
  isTest: boolean('is_test').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const workers = pgTable('workers', {
  id: text('id').primaryKey(),
  host: text('host').notNull(),
  executionProvider: text('execution_provider').notNull(),
  installedModels: text('installed_models').array().notNull().default(sql`'{}'::text[]`),
  warmModels: text('warm_models').array().notNull().default(sql`'{}'::text[]`),
  currentJob: uuid('current_job'),
  stepsPerSecond: real('steps_per_second'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  heartbeatAt: timestamp('heartbeat_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
});

export type User = typeof users.$inferSelect;
export type Generation = typeof generations.$inferSelect;
export type Image = typeof images.$inferSelect;
export type LedgerEntry = typeof creditLedger.$inferSelect;
export type Worker = typeof workers.$inferSelect;
