import { Generator, type UrlRemix } from '@/components/generator/Generator';
import { isRemixMode } from '@/domain/remix';
import { requireUser } from '@/server/auth/session';
import { listFeed, recentPrompts } from '@/server/generations/feed';
import { getImage } from '@/server/gallery/images';
import { modelCatalog } from '@/server/models/offered';
import { env } from '@/server/env';
import { planOf } from '@/server/billing/user-plan';
import { suspensionOf } from '@/server/safety/suspension';
import { cancelGenerationAction, createGenerationAction, loadFeedAction, uploadFromImageAction } from './actions';

export const metadata = { title: 'Generate · Kumori' };
export const dynamic = 'force-dynamic';

type Search = Promise<{ remix?: string | string[]; mode?: string | string[] }>;

/** `?remix=<imageId>&mode=…` (the gallery's remix links): the image's settings, if it is the user's. */
async function remixOf(userId: string, search: Awaited<Search>): Promise<UrlRemix> {
  const id = typeof search.remix === 'string' ? search.remix : null;
  if (!id) return null;
  const mode = isRemixMode(search.mode) ? search.mode : 'settings';
  const image = await getImage(userId, id);
  if (!image) return { error: 'The image to remix is not in your gallery any more.' };
  const p = image.params;
  return {
    mode,
    previewUrl: image.url,
    source: {
      imageId: image.id,
      seed: image.seed,
      params: { prompt: p.prompt, negativePrompt: p.negativePrompt, width: p.width, height: p.height, steps: p.steps, guidance: p.guidance, sampler: p.sampler, model: p.model, style: p.style },
    },
  };
}

export default async function GeneratePage({ searchParams }: { searchParams: Search }) {
  const user = await requireUser();
  const [feed, history, models, plan, suspended, remix] = await Promise.all([
    listFeed(user.id),
    recentPrompts(user.id),
    modelCatalog(user.role),
    planOf(user.id),
    suspensionOf(user.id),
    searchParams.then((s) => remixOf(user.id, s)),
  ]);
  return (
    <Generator
      actions={{ create: createGenerationAction, cancel: cancelGenerationAction, loadFeed: loadFeedAction, uploadFromImage: uploadFromImageAction }}
      initialFeed={feed}
      promptHistory={history}
      models={models}
      defaultModel={env().DEFAULT_MODEL}
      plan={plan}
      suspended={suspended}
      remix={remix}
    />
  );
}
