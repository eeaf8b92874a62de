import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../env';
import { credentialsSchema } from './credentials';
import { clearSignInFailures, isSignInBlocked, recordSignInFailure } from './rate-limit';
import { authenticate } from './users';

/** Thrown to next-auth, which passes `message` to the sign-in form as `error`. */
export const SIGNIN_ERRORS = {
  invalid: 'Wrong email or password.',
  limited: 'Too many sign-in attempts. Wait a few minutes and try again.',
} as const;

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = String(headers?.['x-forwarded-for'] ?? '').split(',')[0]?.trim();
  return forwarded || String(headers?.['x-real-ip'] ?? 'unknown');
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().AUTH_SECRET,
    session: { strategy: 'jwt', maxAge: 30 * 24 * 3600 },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(SIGNIN_ERRORS.invalid);
          const { email, password } = parsed.data;
          const keys = [`email:${email}`, `ip:${clientIp(req?.headers)}`];
          if (await isSignInBlocked(keys)) throw new Error(SIGNIN_ERRORS.limited);
          const user = await authenticate(email, password);
          if (!user) {
            await recordSignInFailure(keys);
            throw new Error(SIGNIN_ERRORS.invalid);
          }
          await clearSignInFailures(`email:${email}`);
          return user;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          const u = user as unknown as { id: string; role: 'user' | 'admin' };
          token.sub = u.id;
          token.role = u.role;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.sub as string;
          session.user.role = (token.role as 'user' | 'admin') ?? 'user';
        }
        return session;
      },
    },
  };
}
