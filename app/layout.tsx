import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './globals.css';
import { Providers } from '@/components/providers';
import { SiteHeader } from '@/components/layout/SiteHeader';
import { currentUser } from '@/server/auth/session';

export const metadata: Metadata = {
  title: 'Kumori',
  description: 'Self-hosted AI image studio',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <SiteHeader user={user} />
          <main className="mx-auto w-full max-w-6xl px-4 py-8">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
