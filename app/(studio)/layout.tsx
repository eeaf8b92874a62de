import type { ReactNode } from 'react';
import { requireUser } from '@/server/auth/session';
import { SocketBridge } from '@/components/realtime/SocketBridge';

export default async function StudioLayout({ children }: { children: ReactNode }) {
  await requireUser();
  return (
    <>
      <SocketBridge />
      {children}
    </>
  );
}
