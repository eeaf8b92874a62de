import { integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { StyleEffect } from '../../domain/styles/effects';
import type { StyleOverrides } from '../../domain/styles/style-schema';

/**
 * Styles users pick in the generator. The shipped ones are rows like any other, inserted once by
 * migration 0014, so an admin's edits, order and retirements are never overwritten at a restart.
 */
export const styles = pgTable('styles', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  /** A path under public/ (`/styles/neon.webp`), or null for a style without a preview yet. */
  previewPath: text('preview_path'),
  template: text('template').notNull().default('{prompt}'),
  tokens: jsonb('tokens').$type<string[]>().notNull().default([]),
  negativePrompt: text('negative_prompt').notNull().default(''),
  overrides: jsonb('overrides').$type<StyleOverrides>().notNull().default({}),
  effects: jsonb('effects').$type<StyleEffect[]>().notNull().default([]),
  /** Order in the picker, ascending; ties broken by name. */
  position: integer('position').notNull().default(0),
  /** Counts edits, so the audit log and a generation's params can say which version ran. */
  version: integer('version').notNull().default(1),
  /** A retired style is hidden from the picker and refused in new requests; generations that used it keep their params. */
  retiredAt: timestamp('retired_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type StyleRow = typeof styles.$inferSelect;
