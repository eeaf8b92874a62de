-- Partial-word search (LIKE '%astro%') needs trigrams; pg_trgm ships with Postgres' contrib and is a trusted extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(coalesce("params"->>'prompt', '') || ' ' || coalesce("params"->>'negativePrompt', '') || ' ' || coalesce("params"->>'style', '') || ' ' || coalesce("params"->>'model', ''))) STORED;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce("params"->>'prompt', '') || ' ' || coalesce("params"->>'negativePrompt', '') || ' ' || coalesce("params"->>'style', '') || ' ' || coalesce("params"->>'model', ''))) STORED;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "favourite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "generations_search_vector_idx" ON "generations" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "generations_search_trgm_idx" ON "generations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "images_user_favourite_idx" ON "images" USING btree ("user_id","created_at" DESC NULLS LAST,"id") WHERE "images"."favourite";--> statement-breakpoint
-- The gallery filters on these request fields; without statistics the planner guesses 0.5% for
-- any jsonb value and, for a common model, walks the wrong index. drizzle-kit does not manage
-- statistics objects, so they live only here.
CREATE STATISTICS IF NOT EXISTS "generations_params_model_stats" ON ("params"->>'model') FROM "generations";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "generations_params_sampler_stats" ON ("params"->>'sampler') FROM "generations";--> statement-breakpoint
CREATE STATISTICS IF NOT EXISTS "generations_params_style_stats" ON ("params"->>'style') FROM "generations";
