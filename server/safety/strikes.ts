import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { promptIncidents } from '../db/safety-schema';
import { users } from '../db/schema';
import { env } from '../env';

export type StrikeState = { strikes: number; warned: boolean; suspended: boolean };

/**
 * Counts the user's blocked prompts in the window (this one included) and escalates: from
 * SAFETY_STRIKES_WARN on the user is warned, at SAFETY_STRIKES_SUSPEND the account is suspended
 * pending an admin's review. Runs in the transaction that logged the incident.
 */
export async function applyStrikes(tx: Tx, userId: string): Promise<StrikeState> {
  const { SAFETY_STRIKES_WARN: warnAt, SAFETY_STRIKES_SUSPEND: suspendAt, SAFETY_STRIKE_WINDOW_HOURS: hours } = env();
  const [row] = await tx
    .select({ n: count() })
    .from(promptIncidents)
    .where(
      and(
        eq(promptIncidents.userId, userId),
        eq(promptIncidents.action, 'block'),
        gt(promptIncidents.createdAt, sql`now() - make_interval(secs => ${hours * 3600})`),
        // An admin who lifts a suspension has judged the incidents before it; counting them
        // again would re-suspend the account at its next blocked prompt.
        gt(promptIncidents.createdAt, sql`coalesce((select ${users.strikesSince} from ${users} where ${users.id} = ${userId}), '-infinity')`),
      ),
    );
  const strikes = row.n;
  const suspended = strikes >= suspendAt;
  if (suspended) {
    await tx
      .update(users)
      .set({ suspendedAt: new Date(), suspendedReason: `${strikes} blocked prompts in ${hours} hours` })
      .where(and(eq(users.id, userId), isNull(users.suspendedAt)));
  }
  return { strikes, warned: strikes >= warnAt && !suspended, suspended };
}

export function strikeMessage(s: StrikeState): string | null {
  const { SAFETY_STRIKES_SUSPEND: suspendAt, SAFETY_STRIKE_WINDOW_HOURS: hours } = env();
  if (s.suspended) return 'Your account is suspended pending review after repeated blocked prompts. An administrator will look at it.';
  if (s.warned) return `Warning: ${s.strikes} of your prompts were blocked in the last ${hours} hours. At ${suspendAt}, your account is suspended pending review.`;
  return null;
}
