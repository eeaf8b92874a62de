import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user?: { id: string; role: 'user' | 'admin'; email?: string | null; name?: string | null; image?: string | null };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    role?: 'user' | 'admin';
    /** The server-side session (user_sessions row) this token belongs to; see server/auth/sessions.ts. */
    sid?: string;
  }
}
