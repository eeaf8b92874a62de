import 'server-only';
import { asc } from 'drizzle-orm';
import { z } from 'zod';
import { db } from '../db/client';
import { auditLog } from '../db/safety-schema';
import { listAudit } from './audit';

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const text = z.preprocess(first, z.string().trim().max(200).optional()).transform((s) => s || undefined);

/** The audit page's query string, read into listAudit's filter; junk in one field is dropped, not fatal. */
export const auditSearchParams = z.object({
  action: text.catch(undefined),
  actor: text.catch(undefined),
  target: text.catch(undefined),
  before: z.preprocess(first, z.coerce.number().int().positive().optional()).catch(undefined),
});

export type AuditSearch = z.infer<typeof auditSearchParams>;

/** The action names the log holds, for the filter's suggestions (new kinds appear as they are used). */
async function auditActionNames(): Promise<string[]> {
  const rows = await db().selectDistinct({ action: auditLog.action }).from(auditLog).orderBy(asc(auditLog.action));
  return rows.map((r) => r.action);
}

/** The audit page: the entries the filter selects, and every action name for its suggestions. */
export async function readAuditLog(filter: AuditSearch) {
  const [page, actions] = await Promise.all([listAudit(db(), filter), auditActionNames()]);
  return { ...page, actions };
}
