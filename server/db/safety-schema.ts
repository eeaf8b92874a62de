import { bigserial, boolean, index, jsonb, pgEnum, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './schema';

export const policyActionEnum = pgEnum('policy_action', ['block', 'flag']);

/** The prompt policy admins edit: categories with an action, their terms, and always-fine phrases. */
export const policyCategories = pgTable('policy_categories', {
  id: text('id').primaryKey(),
  label: text('label').notNull(),
  action: policyActionEnum('action').notNull(),
  /** Hits in the negative prompt are recorded, not acted on: people write "nsfw, nude" there to steer away. */
  negativeAllowed: boolean('negative_allowed').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const policyTerms = pgTable(
  'policy_terms',
  {
    id: serial('id').primaryKey(),
    categoryId: text('category_id')
      .notNull()
      .references(() => policyCategories.id, { onDelete: 'cascade' }),
    term: text('term').notNull(),
  },
  (t) => [uniqueIndex('policy_terms_category_term_idx').on(t.categoryId, t.term)],
);

export const policyAllow = pgTable('policy_allow', {
  phrase: text('phrase').primaryKey(),
});

/** Every prompt the policy stopped or flagged: the evidence behind strikes and the admins' log. */
export const promptIncidents = pgTable(
  'prompt_incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    action: policyActionEnum('action').notNull(),
    /** Where the prompt came from: the generator page, the API, a style preset. */
    source: text('source').notNull(),
    field: text('field').notNull(),
    category: text('category').notNull(),
    term: text('term').notNull(),
    prompt: text('prompt').notNull(),
    negativePrompt: text('negative_prompt').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('prompt_incidents_user_idx').on(t.userId, t.createdAt), index('prompt_incidents_created_idx').on(t.createdAt)],
);

/** Append-only record of every admin action: who, when, what, and the state before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_log_created_idx').on(t.createdAt), index('audit_log_action_idx').on(t.action, t.createdAt)],
);

/** Messages to a user from moderation (an image removed), shown in their gallery until dismissed. */
export const userNotices = pgTable('user_notices', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  message: text('message').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
});

/** Small admin-editable settings and one-time markers (e.g. that the default policy was seeded). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
