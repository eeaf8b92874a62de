'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { FEED_KEY, feedHas, type FeedData, type GenerationState } from '../generator/generation-state';
import type { Me } from '../layout/Balance';
import { getSocket } from './socket';

function toDataUrl(preview: ArrayBuffer | null): string | null {
  if (!preview) return null;
  const bytes = new Uint8Array(preview);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `data:image/webp;base64,${btoa(binary)}`;
}

/**
 * Feeds Socket.IO events into the TanStack Query cache, so every view of a generation
 * (generator page, header balance) updates from one place.
 */
export function SocketBridge() {
  const qc = useQueryClient();
  const router = useRouter();
  useEffect(() => {
    const s = getSocket();
    const patch = (id: string, p: Partial<GenerationState>) =>
      qc.setQueryData<GenerationState>(['generation', id], (old) => (old ? { ...old, ...p } : old));
    // Position and ETA come from the server's state, which knows the other tiers' load.
    s.on('generation:queued', (e) => {
      patch(e.id, { status: 'queued', position: e.position });
      void qc.invalidateQueries({ queryKey: ['generation', e.id] });
      // A job started elsewhere (the API, another tab) gets its card in the open feed.
      if (!feedHas(qc.getQueryData<FeedData>(FEED_KEY), e.id)) void qc.invalidateQueries({ queryKey: FEED_KEY });
    });
    s.on('generation:started', (e) => patch(e.id, { status: 'running', position: null }));
    s.on('generation:progress', (e) => patch(e.id, { status: 'running', step: e.step, steps: e.steps, preview: toDataUrl(e.preview) }));
    s.on('generation:done', (e) => {
      patch(e.id, { status: 'succeeded', images: e.images });
      void qc.invalidateQueries({ queryKey: ['generation', e.id] });
      void qc.invalidateQueries({ queryKey: ['gallery'] });
    });
    s.on('generation:failed', (e) => {
      patch(e.id, { status: 'failed', error: e.error });
      // The server's row says how much came back, and whether the filter blocked it.
      void qc.invalidateQueries({ queryKey: ['generation', e.id] });
      void qc.invalidateQueries({ queryKey: ['me'] });
      void qc.invalidateQueries({ queryKey: ['billing'] });
    });
    s.on('generation:cancelled', (e) => {
      patch(e.id, { status: 'cancelled', refunded: e.refunded });
      void qc.invalidateQueries({ queryKey: ['me'] });
      void qc.invalidateQueries({ queryKey: ['billing'] });
    });
    s.on('image:moderated', (e) => {
      void qc.invalidateQueries({ queryKey: ['gallery'] });
      void qc.invalidateQueries({ queryKey: ['generation', e.generationId] });
      // Server-rendered views (an image's page, the gallery's notices) read it afresh.
      router.refresh();
    });
    s.on('billing:updated', (e) => {
      qc.setQueryData<Me>(['me'], (old) => (old ? { ...old, balance: e.balance, plan: e.plan } : old));
      void qc.invalidateQueries({ queryKey: ['billing'] });
    });
    // Events missed while disconnected are recovered from the server's state.
    s.on('connect', () => {
      void qc.invalidateQueries({ queryKey: ['generation'] });
      void qc.invalidateQueries({ queryKey: FEED_KEY });
    });
    // The server closes a socket, or refuses one, only when its session ended (signed out
    // elsewhere, password changed, account suspended): reloading shows the page as a visitor sees it.
    s.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') window.location.reload();
    });
    s.on('connect_error', (err) => {
      if (err.message === 'unauthorized') window.location.reload();
    });
    return () => {
      s.off('generation:queued').off('generation:started').off('generation:progress').off('generation:done').off('generation:failed').off('generation:cancelled').off('image:moderated').off('billing:updated').off('connect').off('disconnect').off('connect_error');
    };
  }, [qc, router]);
  return null;
}
