import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { users } from '../db/schema';
import { webhookEndpoints } from '../db/webhook-schema';

/**
 * Whether the user has an enabled webhook endpoint, as a column of a query that reads `users`
 * anyway: most users have none, and a generation then spares the endpoint lookup of its
 * generation.queued event (a round trip on the hot path of the API).
 */
export function hasUserWebhooksColumn(): SQL<boolean> {
  // Spelled out: drizzle leaves columns unqualified in a one-table select, and "id" inside the
  // subquery would then be the endpoint's own.
  return sql<boolean>`exists (select 1 from ${webhookEndpoints} e where e.user_id = ${users}.id and e.enabled)`;
}
