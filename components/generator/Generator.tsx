'use client';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Plan } from '@/domain/plans';
import { rememberPrompt } from '@/domain/prompt-history';
import type { RemixMode, RemixSource } from '@/domain/remix';
import type { ActionState } from '@/server/auth/action';
import type { CancelOutcome } from '@/server/generations/cancel';
import type { CreatedGeneration } from '@/server/generations/create';
import type { OfferedModel } from '@/server/models/offered';
import type { GeneratedImage } from '@/server/realtime/events';
import type { StoredUpload } from '@/server/uploads/store-upload';
import { defaultValues, restoreValues } from '@/domain/generator-form';
import { FEED_KEY, fetchGeneration, prependToFeed, type FeedData, type FeedPage, type GenerationState } from './generation-state';
import { GenerationFeed } from './GenerationFeed';
import { GeneratorForm } from './GeneratorForm';
import { PhoneViewSwitch, type PhoneView } from './PhoneViewSwitch';
import type { InitImage } from './InitImagePicker';
import { useJobCounts } from './use-job-counts';
import { remixSourceOf, useRemix } from './use-remix';
import { useStoredState } from './use-stored-state';

export type GeneratorActions = {
  create: (input: Record<string, unknown>) => Promise<ActionState<CreatedGeneration>>;
  cancel: (input: { id: string }) => Promise<ActionState<CancelOutcome>>;
  loadFeed: (input: { cursor: string | null }) => Promise<ActionState<{ page: FeedPage }>>;
  uploadFromImage: (input: { imageId: string }) => Promise<ActionState<StoredUpload>>;
};

/** A remix asked for in the URL (`?remix=<imageId>&mode=…`), resolved by the page, or why it cannot be. */
export type UrlRemix = { source: RemixSource; mode: RemixMode; previewUrl: string } | { error: string } | null;

type Props = {
  actions: GeneratorActions;
  initialFeed: FeedPage;
  promptHistory: string[];
  models: OfferedModel[];
  defaultModel: string;
  plan: Plan;
  suspended: string | null;
  remix: UrlRemix;
};

export function Generator({ actions, initialFeed, promptHistory, models, defaultModel, plan, suspended, remix }: Props) {
  const qc = useQueryClient();
  const router = useRouter();
  const formRef = useRef<HTMLDivElement>(null);
  const defaults = useMemo(() => defaultValues(models.find((m) => m.id === defaultModel) ?? models[0], defaultModel, plan), [models, defaultModel, plan]);
  const [values, setValues, restored] = useStoredState('kumori.generator.form', defaults, (s, init) => restoreValues(s, init, models, plan));
  const [advancedOpen, setAdvancedOpen] = useStoredState('kumori.generator.advanced', false, (s) => s === true);
  const [initImage, setInitImage] = useState<InitImage | null>(null);
  const [history, setHistory] = useState(promptHistory);
  const [reveal, setReveal] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(remix && 'error' in remix ? remix.error : null);
  // Below lg only one of form and feed shows (PhoneViewSwitch); at lg and up both do, whatever this says.
  const [view, setView] = useState<PhoneView>('create');
  const rootRef = useRef<HTMLDivElement>(null);
  const [formScroll, setFormScroll] = useState(0);

  const feed = useInfiniteQuery({
    queryKey: FEED_KEY,
    queryFn: async ({ pageParam }): Promise<FeedPage> => {
      const r = await actions.loadFeed({ cursor: pageParam });
      if (!r?.ok) throw new Error(r?.error.message ?? 'Your generations could not be loaded.');
      return r.page;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialFeed], pageParams: [null] },
  });
  const items = useMemo(() => feed.data?.pages.flatMap((p) => p.items) ?? [], [feed.data]);
  const counts = useJobCounts(items);

  const onRevealed = useCallback(() => setReveal(null), []);
  const announce = useCallback((message: string) => {
    setNotice(message);
    setView('create');
    setFormScroll((n) => n + 1);
  }, []);
  // After the render that shows the form again (a remix from a card on a phone), not before it.
  useEffect(() => {
    if (formScroll > 0) formRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [formScroll]);

  function showView(next: PhoneView) {
    // Switching while scrolled down the long form would land mid-feed: go back to the panels' top.
    // (The root's top, not the sticky bar's: a stuck bar reports where it is stuck.)
    const top = rootRef.current ? rootRef.current.getBoundingClientRect().top + window.scrollY : 0;
    if (window.scrollY > top) window.scrollTo({ top });
    setView(next);
  }

  const applyRemix = useRemix({ uploadFromImage: actions.uploadFromImage, setValues, setInitImage, setAdvancedOpen, announce });
  const onCardRemix = useCallback(
    (g: GenerationState, image: GeneratedImage, mode: RemixMode) => applyRemix(remixSourceOf(g, image), mode, image.url),
    [applyRemix],
  );

  // The URL's remix is applied once, over the restored form, then dropped from the address so a
  // reload does not apply it (and make an upload) again.
  const urlRemixDone = useRef(false);
  useEffect(() => {
    if (!restored || urlRemixDone.current || !remix || 'error' in remix) return;
    urlRemixDone.current = true;
    void applyRemix(remix.source, remix.mode, remix.previewUrl).then((error) => {
      if (error) setNotice(error);
      router.replace('/generate', { scroll: false });
    });
  }, [restored, remix, applyRemix, router]);

  async function submit(input: Record<string, unknown>): Promise<ActionState<CreatedGeneration>> {
    const result = await actions.create(input);
    if (result?.ok) {
      setNotice(null);
      const view = await fetchGeneration(result.id).catch(() => null);
      if (view) {
        qc.setQueryData(['generation', view.id], view);
        qc.setQueryData<FeedData>(FEED_KEY, (f) => prependToFeed(f, view));
      } else {
        void qc.invalidateQueries({ queryKey: FEED_KEY });
      }
      // On a phone the new card is in the feed; GenerationFeed scrolls it into view once drawn.
      setView('feed');
      setReveal(result.id);
      setHistory((h) => rememberPrompt(h, String(input.prompt ?? '')));
      qc.setQueryData(['me'], (me: { balance: number } | undefined) => (me ? { ...me, balance: result.balance } : me));
    }
    return result;
  }

  return (
    <div ref={rootRef} className="grid gap-4 lg:grid-cols-[minmax(0,380px)_minmax(0,1fr)] lg:items-start lg:gap-6">
      {/* One heading names the page for screen readers and outlines (whichever panel a phone shows); the prompt box is what people see first. */}
      <h1 className="sr-only">Generate</h1>
      <PhoneViewSwitch view={view} onChange={showView} counts={counts} controls={{ create: 'generator-create', feed: 'generator-feed' }} />
      <div
        id="generator-create"
        ref={formRef}
        className={`min-w-0 scroll-mt-20 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:scroll-mt-4 lg:overflow-y-auto ${view === 'create' ? '' : 'max-lg:hidden'}`}
      >
        <GeneratorForm
          values={values}
          setValues={setValues}
          initImage={initImage}
          setInitImage={setInitImage}
          advancedOpen={advancedOpen}
          setAdvancedOpen={setAdvancedOpen}
          onSubmit={submit}
          models={models}
          plan={plan}
          history={history}
          blocked={suspended}
          notice={notice}
        />
      </div>
      <div id="generator-feed" className={`min-w-0 ${view === 'feed' ? '' : 'max-lg:hidden'}`}>
        <GenerationFeed
          items={items}
          cancel={actions.cancel}
          onRemix={onCardRemix}
          reveal={reveal}
          onRevealed={onRevealed}
          hasMore={feed.hasNextPage}
          loadingMore={feed.isFetchingNextPage}
          onMore={() => void feed.fetchNextPage()}
          loadError={feed.error ? (feed.error as Error).message : null}
        />
      </div>
    </div>
  );
}
