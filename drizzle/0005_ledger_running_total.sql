-- users.credits is the running total of the user's ledger entries. Only this trigger writes it,
-- in the inserting transaction, so it cannot drift from sum(amount). AFTER INSERT (not BEFORE)
-- because ON CONFLICT DO NOTHING runs BEFORE triggers even for rows it then skips.
UPDATE "users" u SET "credits" = coalesce((SELECT sum(l."amount") FROM "credit_ledger" l WHERE l."user_id" = u."id"), 0);
--> statement-breakpoint
CREATE FUNCTION credit_ledger_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "users" SET "credits" = "credits" + NEW."amount" WHERE "id" = NEW."user_id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_apply AFTER INSERT ON "credit_ledger" FOR EACH ROW EXECUTE FUNCTION credit_ledger_apply();
--> statement-breakpoint
-- Append-only. Two changes are let through because foreign keys make them: a deleted generation
-- sets generation_id to null, and a deleted user takes their entries with them.
CREATE FUNCTION credit_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."generation_id" IS NULL
     AND (NEW."id", NEW."user_id", NEW."kind", NEW."amount", NEW."reason", NEW."unique_key", NEW."payment_id", NEW."created_at")
         IS NOT DISTINCT FROM (OLD."id", OLD."user_id", OLD."kind", OLD."amount", OLD."reason", OLD."unique_key", OLD."payment_id", OLD."created_at") THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM "users" WHERE "id" = OLD."user_id") THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'credit_ledger is append-only: add a correcting entry instead' USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER credit_ledger_append_only BEFORE UPDATE OR DELETE ON "credit_ledger" FOR EACH ROW EXECUTE FUNCTION credit_ledger_append_only();
