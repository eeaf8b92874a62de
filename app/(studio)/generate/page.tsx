import { Generator } from '@/components/generator/Generator';
import { requireUser } from '@/server/auth/session';
import { latestActiveGeneration } from '@/server/generations/read';
import { installedModels } from '@/server/models/installed';
import { env } from '@/server/env';
import { planOf } from '@/server/billing/user-plan';
import { cancelGenerationAction, createGenerationAction } from './actions';

export const metadata = { title: 'Generate · Kumori' };
export const dynamic = 'force-dynamic';

export default async function GeneratePage() {
  const user = await requireUser();
  const [active, models, plan] = await Promise.all([latestActiveGeneration(user.id), installedModels(), planOf(user.id)]);
  return (
    <Generator
      create={createGenerationAction}
      cancel={cancelGenerationAction}
      initial={active}
      models={models}
      defaultModel={env().DEFAULT_MODEL}
      plan={plan}
    />
  );
}
