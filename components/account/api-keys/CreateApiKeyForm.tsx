'use client';
import { useActionState, useRef } from 'react';
import type { ActionState } from '@/domain/result';
import { fieldError, FormMessage, panel, primaryButton } from '../FormMessage';
import { NewApiKey } from './NewApiKey';

type Created = { key: string; id: string; prefix: string };
/** Called with a plain object: a form's several `scopes` checkboxes would collapse into one value. */
type CreateAction = (input: Record<string, unknown>) => Promise<ActionState<Created>>;

type Props = { action: CreateAction; scopes: readonly string[]; expiryDays: readonly number[] };

const input = 'rounded-md border border-edge bg-ink px-3 py-2 text-sm';

export function CreateApiKeyForm({ action, scopes, expiryDays }: Props) {
  const form = useRef<HTMLFormElement>(null);
  const [state, run, pending] = useActionState(async (_prev: ActionState<Created>, data: FormData) => {
    const next = await action({
      name: data.get('name') ?? '',
      scopes: data.getAll('scopes'),
      expiresInDays: data.get('expiresInDays') ?? 'none',
      monthlyCreditCap: data.get('monthlyCreditCap') ?? '',
    });
    if (next?.ok) form.current?.reset();
    return next;
  }, undefined);
  const error = (name: string) => fieldError(state, name);
  return (
    <section aria-labelledby="create-key-title" className={panel}>
      <h2 id="create-key-title" className="text-lg font-semibold">Create a key</h2>
      <p className="text-sm text-zinc-400">
        What a key can call, with examples: the <a href="/docs/api" className="text-link underline underline-offset-2 hover:decoration-2">API reference</a>.
      </p>
      <form ref={form} action={run} className="space-y-4">
        <label className="flex flex-col gap-1 text-sm">
          Name (optional)
          <input name="name" maxLength={60} placeholder="e.g. CI pipeline" aria-invalid={!!error('name')} className={input} />
          {error('name') && <span className="text-red-300">{error('name')}</span>}
        </label>
        <fieldset className="space-y-1 text-sm" aria-invalid={!!error('scopes')}>
          <legend className="mb-1">Scopes</legend>
          {scopes.map((scope) => (
            <label key={scope} className="mr-4 inline-flex items-center gap-2">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={scope !== 'webhooks'} />
              {scope}
            </label>
          ))}
          {error('scopes') && <p className="text-red-300">{error('scopes')}</p>}
        </fieldset>
        <div className="flex flex-wrap gap-4">
          <label className="flex flex-col gap-1 text-sm">
            Expires
            <select name="expiresInDays" defaultValue="90" className={input}>
              {expiryDays.map((d) => (
                <option key={d} value={d}>
                  after {d} days
                </option>
              ))}
              <option value="none">never</option>
            </select>
            {error('expiresInDays') && <span className="text-red-300">{error('expiresInDays')}</span>}
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Monthly credit cap (optional)
            <input name="monthlyCreditCap" type="number" min={1} step={1} inputMode="numeric" aria-invalid={!!error('monthlyCreditCap')} className={input} />
            {error('monthlyCreditCap') && <span className="text-red-300">{error('monthlyCreditCap')}</span>}
          </label>
        </div>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Creating…' : 'Create key'}
        </button>
      </form>
      <FormMessage state={state} />
      {state?.ok && <NewApiKey key={state.id} apiKey={state.key} />}
    </section>
  );
}
