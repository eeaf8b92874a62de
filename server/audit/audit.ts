import 'server-only';
import { and, desc, eq, ilike, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { auditLog } from '../db/safety-schema';

export type Actor = { id: string; email: string };
export type AuditEntry = { action: string; targetType: string; targetId: string; before?: unknown; after?: unknown };

/**
 * Records an admin action. Call it in the transaction that makes the change, so the log holds
 * exactly the changes that happened. The table refuses updates and deletes (migration 0007).
 */
export async function recordAudit(ex: Executor, actor: Actor, entry: AuditEntry): Promise<void> {
  await ex.insert(auditLog).values({
    actorId: actor.id,
    actorEmail: actor.email,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

export type AuditFilter = { action?: string; actor?: string; target?: string; before?: number; limit?: number };

/** Newest first, optionally by action, actor email (substring) and target id, paged by entry id. */
export async function listAudit(ex: Executor, f: AuditFilter = {}) {
  const where: SQL[] = [];
  if (f.action) where.push(eq(auditLog.action, f.action));
  if (f.actor) where.push(ilike(auditLog.actorEmail, `%${f.actor.replace(/[%_\\]/g, '\\$&')}%`));
  if (f.target) where.push(eq(auditLog.targetId, f.target));
  if (f.before) where.push(lt(auditLog.id, f.before));
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const rows = await ex
    .select()
    .from(auditLog)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1].id : null };
}
