import 'server-only';
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { env } from '../env';
import { clientAddressOf } from '../http/client-address';
import { authorize } from './authorize';
import { createSession, isSessionId, liveSessionOwner, revokeSession } from './sessions';

export { SIGNIN_ERRORS } from './authorize';

/** What authorize hands the jwt callback: the user, and where the sign-in came from (for the session row). */
type SignedInUser = { id: string; role: 'user' | 'admin'; clientAddress?: string; userAgent?: string };

function userAgentOf(headers: Record<string, unknown> | undefined): string | undefined {
  const ua = headers?.['user-agent'];
  return typeof ua === 'string' && ua ? ua : undefined;
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
        authorize: async (raw, req) => {
          const user = await authorize(raw, req?.headers);
          const signedIn: SignedInUser = { ...user, clientAddress: clientAddressOf(req?.headers), userAgent: userAgentOf(req?.headers) };
          return signedIn as unknown as User;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          // A sign-in: the token names a new server-side session, which sign-out, a password
          // change or a suspension can end before the cookie expires.
          const u = user as unknown as SignedInUser;
          token.sub = u.id;
          token.role = u.role;
          token.sid = await createSession(u.id, { clientAddress: u.clientAddress, userAgent: u.userAgent });
          return token;
        }
        // Only /api/auth/session reads the token through here (pages, routes and actions use
        // currentUser): an ended session is answered as signed out, like everywhere else.
        const live = isSessionId(token.sid) && (await liveSessionOwner(token.sid)) === token.sub;
        return live ? token : {};
      },
      session({ session, token }) {
        // An empty body is next-auth's "no session" (see the jwt callback).
        if (!token.sub || !token.sid) return {} as typeof session;
        if (session.user) {
          session.user.id = token.sub;
          session.user.role = token.role ?? 'user';
        }
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (isSessionId(token?.sid)) await revokeSession(token.sid);
      },
    },
  };
}
