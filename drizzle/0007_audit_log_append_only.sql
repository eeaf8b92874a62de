-- The audit log is append-only: entries are never changed or removed. The one change let through
-- is the foreign key's: a deleted admin's entries keep their email but lose the user id.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW."actor_id" IS NULL
     AND (NEW."id", NEW."actor_email", NEW."action", NEW."target_type", NEW."target_id", NEW."before", NEW."after", NEW."created_at")
         IS NOT DISTINCT FROM (OLD."id", OLD."actor_email", OLD."action", OLD."target_type", OLD."target_id", OLD."before", OLD."after", OLD."created_at") THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'check_violation';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
