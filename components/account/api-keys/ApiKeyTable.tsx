'use client';
import { useState, useTransition } from 'react';
import type { ActionState } from '@/domain/result';
import type { ApiKeySummary } from '@/server/api/keys/manage-keys';
import { Time } from '../../ui/Time';
import { FormMessage } from '../FormMessage';
import { ScrollBox } from '../../ui/ScrollBox';

type RevokeAction = (input: { keyId: string }) => Promise<ActionState>;
type Props = { keys: ApiKeySummary[]; revoke: RevokeAction; caption: string; empty: string };

const hasPassed = (at: Date | string) => new Date(at).getTime() <= Date.now();

function StatusOf({ k }: { k: ApiKeySummary }) {
  if (k.revokedAt) return <>revoked <Time value={k.revokedAt} /></>;
  if (!k.expiresAt) return <>never expires</>;
  return <>{hasPassed(k.expiresAt) ? 'expired' : 'expires'} <Time value={k.expiresAt} /></>;
}

/** Keys with a two-step revoke: the first click asks, the second revokes. */
export function ApiKeyTable({ keys, revoke, caption, empty }: Props) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [state, setState] = useState<ActionState>(undefined);
  const [pending, startTransition] = useTransition();
  const confirm = (keyId: string) =>
    startTransition(async () => {
      setState(await revoke({ keyId }));
      setConfirming(null);
    });
  return (
    <div className="space-y-2">
      <ScrollBox label="API keys table" className="">
        <table className="w-full min-w-[36rem] text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="text-left text-zinc-400">
            <tr>
              <th scope="col" className="py-1 pr-3 font-medium">Name</th>
              <th scope="col" className="py-1 pr-3 font-medium">Key</th>
              <th scope="col" className="py-1 pr-3 font-medium">Scopes</th>
              <th scope="col" className="py-1 pr-3 font-medium">Created</th>
              <th scope="col" className="py-1 pr-3 font-medium">Last used</th>
              <th scope="col" className="py-1 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id} className="border-t border-edge align-top">
                <td className="py-2 pr-3">{k.name || <span className="text-muted">unnamed</span>}</td>
                <td className="py-2 pr-3">
                  <code>{k.prefix}</code>
                  <div className="text-xs text-zinc-400">
                    <StatusOf k={k} />
                    {k.monthlyCreditCap !== null && ` · cap ${k.monthlyCreditCap.toLocaleString('en-US')} credits/month`}
                  </div>
                </td>
                <td className="py-2 pr-3">{k.scopes.join(', ')}</td>
                <td className="whitespace-nowrap py-2 pr-3"><Time value={k.createdAt} /></td>
                <td className="whitespace-nowrap py-2 pr-3"><Time value={k.lastUsedAt} /></td>
                <td className="py-2 text-right">
                  {k.revokedAt ? null : confirming === k.id ? (
                    <span className="inline-flex flex-wrap items-center justify-end gap-2">
                      <span>Revoke {k.prefix}? Apps using it stop working.</span>
                      <button type="button" disabled={pending} onClick={() => confirm(k.id)} className="rounded-md bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-500 disabled:opacity-60">
                        {pending ? 'Revoking…' : 'Yes, revoke'}
                      </button>
                      <button type="button" disabled={pending} onClick={() => setConfirming(null)} className="rounded-md border border-edge px-3 py-1 hover:bg-edge/60">
                        Cancel
                      </button>
                    </span>
                  ) : (
                    <button type="button" aria-label={`Revoke ${k.prefix}`} onClick={() => setConfirming(k.id)} className="rounded-md border border-red-500/60 px-3 py-1 text-red-200 hover:bg-red-500/10">
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {keys.length === 0 && (
              <tr>
                <td colSpan={6} className="py-3 text-center text-zinc-400">{empty}</td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollBox>
      <FormMessage state={state} />
    </div>
  );
}
