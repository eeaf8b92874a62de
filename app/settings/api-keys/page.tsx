import Link from 'next/link';
import { ApiKeyTable } from '@/components/account/api-keys/ApiKeyTable';
import { CreateApiKeyForm } from '@/components/account/api-keys/CreateApiKeyForm';
import { panel } from '@/components/account/FormMessage';
import { API_SCOPES } from '@/server/api/authenticate';
import { EXPIRY_DAYS, listApiKeys, MAX_LIVE_KEYS } from '@/server/api/keys/manage-keys';
import { requireUser } from '@/server/auth/session';
import { createApiKeyAction, revokeApiKeyAction } from './actions';

export const metadata = { title: 'API keys · Kumori' };
export const dynamic = 'force-dynamic';

export default async function ApiKeysPage() {
  const user = await requireUser();
  const keys = await listApiKeys(user.id);
  return (
    <div className="mx-auto max-w-3xl space-y-8">
      <div className="space-y-2">
        <Link href="/settings" className="text-sm text-zinc-400 hover:text-white">← Settings</Link>
        <h1 className="text-2xl font-semibold">API keys</h1>
        <p className="text-sm text-zinc-400">
          Call Kumori&apos;s API with <code>Authorization: Bearer kmr_…</code>. A key acts as you, limited to its scopes; keep it secret, and revoke it when it is no
          longer needed. You may hold {MAX_LIVE_KEYS} live keys.
        </p>
      </div>
      <CreateApiKeyForm action={createApiKeyAction} scopes={API_SCOPES} expiryDays={EXPIRY_DAYS} />
      <section aria-labelledby="keys-title" className={panel}>
        <h2 id="keys-title" className="text-lg font-semibold">Your keys</h2>
        <ApiKeyTable keys={keys} revoke={revokeApiKeyAction} caption="Your live API keys" empty="No API keys yet." />
      </section>
    </div>
  );
}
