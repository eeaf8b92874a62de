CREATE TYPE "public"."plan" AS ENUM('free', 'basic', 'pro');--> statement-breakpoint
CREATE TYPE "public"."tier" AS ENUM('turbo', 'fast', 'relax');--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "tier" "tier" DEFAULT 'relax' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "plan" "plan" DEFAULT 'free' NOT NULL;--> statement-breakpoint
CREATE INDEX "generations_user_status_idx" ON "generations" USING btree ("user_id","status");