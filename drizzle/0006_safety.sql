CREATE TYPE "public"."image_moderation" AS ENUM('clear', 'review', 'approved', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."policy_action" AS ENUM('block', 'flag');--> statement-breakpoint
ALTER TYPE "public"."generation_status" ADD VALUE 'blocked';--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"actor_id" uuid,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_allow" (
	"phrase" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_categories" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"action" "policy_action" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "policy_terms" (
	"id" serial PRIMARY KEY NOT NULL,
	"category_id" text NOT NULL,
	"term" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prompt_incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"action" "policy_action" NOT NULL,
	"source" text NOT NULL,
	"field" text NOT NULL,
	"category" text NOT NULL,
	"term" text NOT NULL,
	"prompt" text NOT NULL,
	"negative_prompt" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_notices" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "flagged_category" text;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "nsfw_scores" jsonb;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "moderation" "image_moderation" DEFAULT 'clear' NOT NULL;--> statement-breakpoint
ALTER TABLE "images" ADD COLUMN "watermark_id" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "suspended_reason" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "policy_terms" ADD CONSTRAINT "policy_terms_category_id_policy_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."policy_categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prompt_incidents" ADD CONSTRAINT "prompt_incidents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_notices" ADD CONSTRAINT "user_notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "policy_terms_category_term_idx" ON "policy_terms" USING btree ("category_id","term");--> statement-breakpoint
CREATE INDEX "prompt_incidents_user_idx" ON "prompt_incidents" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "prompt_incidents_created_idx" ON "prompt_incidents" USING btree ("created_at");--> statement-breakpoint
ALTER TABLE "images" ADD CONSTRAINT "images_watermark_id_unique" UNIQUE("watermark_id");