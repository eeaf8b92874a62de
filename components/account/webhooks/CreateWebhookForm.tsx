'use client';
import { useActionState, useRef } from 'react';
import type { ActionState } from '@/domain/result';
import { fieldError, FormMessage, panel, primaryButton } from '../FormMessage';
import { NewWebhookSecret } from './NewWebhookSecret';

type Created = { id: string; secret: string };
/** Called with a plain object: a form's several `events` checkboxes would collapse into one value. */
type CreateAction = (input: Record<string, unknown>) => Promise<ActionState<Created>>;

export function CreateWebhookForm({ action, events }: { action: CreateAction; events: readonly string[] }) {
  const form = useRef<HTMLFormElement>(null);
  const [state, run, pending] = useActionState(async (_prev: ActionState<Created>, data: FormData) => {
    const next = await action({ url: data.get('url') ?? '', events: data.getAll('events') });
    if (next?.ok) form.current?.reset();
    return next;
  }, undefined);
  const error = (name: string) => fieldError(state, name);
  return (
    <section aria-labelledby="add-webhook-title" className={panel}>
      <h2 id="add-webhook-title" className="text-lg font-semibold">Add an endpoint</h2>
      <form ref={form} action={run} className="space-y-4">
        <label className="flex flex-col gap-1 text-sm">
          Endpoint URL
          <input name="url" type="url" required maxLength={2000} placeholder="https://example.com/kumori-webhooks" aria-invalid={!!error('url')} className="rounded-md border border-edge bg-ink px-3 py-2 text-sm" />
          {error('url') && <span className="text-red-300">{error('url')}</span>}
        </label>
        <fieldset className="space-y-1 text-sm" aria-invalid={!!error('events')}>
          <legend className="mb-1">Events</legend>
          {events.map((event) => (
            <label key={event} className="mr-4 inline-flex items-center gap-2">
              <input type="checkbox" name="events" value={event} defaultChecked={event.startsWith('generation.') && event !== 'generation.queued' && event !== 'generation.started'} />
              {event}
            </label>
          ))}
          {error('events') && <p className="text-red-300">{error('events')}</p>}
        </fieldset>
        <button type="submit" disabled={pending} className={primaryButton}>
          {pending ? 'Adding…' : 'Add endpoint'}
        </button>
      </form>
      <FormMessage state={state} />
      {state?.ok && <NewWebhookSecret key={state.id} secret={state.secret} />}
    </section>
  );
}
