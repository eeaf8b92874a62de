'use client';
import { useQuery } from '@tanstack/react-query';

export type Me = { id: string; email: string; role: 'user' | 'admin'; balance: number; plan: 'free' | 'basic' | 'pro' };

export function useMe() {
  return useQuery<Me>({
    queryKey: ['me'],
    queryFn: async () => {
      const res = await fetch('/api/me');
      if (!res.ok) throw new Error('Could not load your account');
      return res.json();
    },
  });
}

export function Balance() {
  const { data } = useMe();
  return (
    // A status: the balance changes live (a payment, a refund), and the label names what the number is.
    <span role="status" className="whitespace-nowrap rounded-full border border-edge px-3 py-1 tabular-nums" aria-label="Credit balance">
      {data ? `${data.balance.toLocaleString('en-US')} credits` : '… credits'}
    </span>
  );
}
