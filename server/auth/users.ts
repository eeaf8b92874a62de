import 'server-only';
import { eq } from 'drizzle-orm';
import { fail, ok, type ErrorCode, type Result } from '../../domain/result';
import { db } from '../db/client';
import { users } from '../db/schema';
import { adminEmails, env } from '../env';
import { grantCredits } from '../billing/ledger';
import { hashPassword, verifyPassword } from './passwords';
import { credentialsSchema } from './credentials';

export type SessionUser = { id: string; email: string; role: 'user' | 'admin' };

function roleFor(email: string, stored: 'user' | 'admin'): 'user' | 'admin' {
  return adminEmails().has(email) ? 'admin' : stored;
}

const failOn = (field: string, code: ErrorCode, message: string) => fail(code, message, { [field]: message });

/** Creates the account and its starting grant in one transaction. */
export async function signUp(input: unknown): Promise<Result<{ value: SessionUser }>> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return failOn(String(issue.path[0]), 'invalid', issue.message);
  }
  const { email, password } = parsed.data;
  const passwordHash = await hashPassword(password);
  const role = roleFor(email, 'user');
  const created = await db().transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email, passwordHash, role })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) return null;
    await grantCredits(tx, row.id, env().STARTING_CREDITS, 'Welcome grant', `signup:${row.id}`);
    return row;
  });
  if (!created) return failOn('email', 'exists', 'An account with this email already exists.');
  return ok({ value: { id: created.id, email, role } });
}

export async function authenticate(email: string, password: string): Promise<SessionUser | null> {
  const [row] = await db().select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!row) {
    await hashPassword(password); // same cost as a real check, so timing does not reveal accounts
    return null;
  }
  if (!(await verifyPassword(row.passwordHash, password))) return null;
  return { id: row.id, email: row.email, role: roleFor(row.email, row.role) };
}
