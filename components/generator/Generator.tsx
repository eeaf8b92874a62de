'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Plan } from '@/domain/plans';
import type { ActionState } from '@/server/auth/action';
import type { CancelOutcome } from '@/server/generations/cancel';
import type { CreatedGeneration } from '@/server/generations/create';
import type { InstalledModel } from '@/server/models/installed';
import { GenerationPanel } from './GenerationPanel';
import { GeneratorForm } from './GeneratorForm';
import { fetchGeneration, isActive, type GenerationState } from './generation-state';

type Props = {
  create: (input: Record<string, unknown>) => Promise<ActionState<CreatedGeneration>>;
  cancel: (input: { id: string }) => Promise<ActionState<CancelOutcome>>;
  initial: GenerationState | null;
  models: InstalledModel[];
  defaultModel: string;
  plan: Plan;
};

export function Generator({ create, cancel, initial, models, defaultModel, plan }: Props) {
  const qc = useQueryClient();
  const [currentId, setCurrentId] = useState<string | null>(initial?.id ?? null);

  const { data: generation, error } = useQuery({
    queryKey: ['generation', currentId],
    queryFn: () => fetchGeneration(currentId!),
    enabled: currentId !== null,
    initialData: currentId !== null && currentId === initial?.id ? initial : undefined,
    // Socket events keep it live; this poll only covers a missed event or a dropped connection.
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 5000 : false),
  });

  async function submit(input: Record<string, unknown>): Promise<ActionState<CreatedGeneration>> {
    const result = await create(input);
    if (result?.ok) {
      await qc.prefetchQuery({ queryKey: ['generation', result.id], queryFn: () => fetchGeneration(result.id) });
      setCurrentId(result.id);
      qc.setQueryData(['me'], (me: { balance: number } | undefined) => (me ? { ...me, balance: result.balance } : me));
    }
    return result;
  }

  const busy = generation ? isActive(generation.status) : false;
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,380px)_1fr]">
      <GeneratorForm onSubmit={submit} busy={busy} models={models} defaultModel={defaultModel} plan={plan} />
      <GenerationPanel generation={generation ?? null} loadError={error ? (error as Error).message : null} cancel={cancel} />
    </div>
  );
}
