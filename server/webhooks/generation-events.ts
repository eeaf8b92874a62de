import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { generations } from '../db/schema';
import { appUrl } from '../mail/messages';
import { signedImagesOf } from '../generations/signed-images';
import { emitWebhookEvent, trackEmission } from './emit';

/** As in the API's answers: a receiver fetches the images at once, or the generation again for fresh links. */
export const WEBHOOK_IMAGE_URL_TTL_SECONDS = 60 * 60;

type Generation = typeof generations.$inferSelect;

const summary = (g: Pick<Generation, 'id' | 'status' | 'tier' | 'cost'>) => ({ id: g.id, status: g.status, tier: g.tier, cost: g.cost });

export function emitGenerationQueued(ex: Executor, userId: string, g: { id: string; tier: string; cost: number; position: number | null }): void {
  emitWebhookEvent(ex, userId, 'generation.queued', () => ({ id: g.id, status: 'queued', tier: g.tier, cost: g.cost, position: g.position }));
}

/** A job retried after a crash starts again: `attempt` tells the starts apart. */
export function emitGenerationStarted(ex: Executor, row: Generation): void {
  emitWebhookEvent(ex, row.userId, 'generation.started', () => ({ ...summary(row), attempt: row.attempts }));
}

/** A prompt refused by the content policy: no generation was made, so there is no id. */
export function emitPromptBlocked(ex: Executor, userId: string, refusal: { message: string; fields?: Partial<Record<string, string>> }): void {
  emitWebhookEvent(ex, userId, 'generation.blocked', () => ({ id: null, status: 'blocked', stage: 'prompt', reason: refusal.message, fields: refusal.fields ?? {} }));
}

const SETTLED = { succeeded: 'generation.succeeded', failed: 'generation.failed', cancelled: 'generation.cancelled', blocked: 'generation.blocked' } as const;

/** After the settle gate changed a generation's status; a requeue is not an event. */
export function emitGenerationSettled(ex: Executor, id: string, status: string, result: { refunded?: number | boolean }): void {
  if (!(status in SETTLED)) return;
  const type = SETTLED[status as keyof typeof SETTLED];
  trackEmission((async () => {
    const [row] = await ex.select().from(generations).where(eq(generations.id, id));
    if (!row) return;
    emitWebhookEvent(ex, row.userId, type, async () => {
      const base = { ...summary(row), finishedAt: row.finishedAt?.toISOString() ?? null };
      if (type === 'generation.succeeded') return { ...base, images: await signedImagesOf(id, { ex, base: appUrl('/'), ttlSeconds: WEBHOOK_IMAGE_URL_TTL_SECONDS }), timings: row.timings, warnings: row.warnings };
      const refunded = typeof result.refunded === 'number' ? result.refunded : result.refunded ? row.cost : 0;
      if (type === 'generation.cancelled') return { ...base, refunded };
      return { ...base, ...(type === 'generation.blocked' ? { stage: 'image' } : {}), error: row.error, refunded };
    });
  })().catch((err: Error) => console.error(`[webhooks] ${type} of ${id} was not recorded: ${err.message}`)));
}

export function emitImageModerated(ex: Executor, userId: string, m: { id: string; generationId: string; decision: 'approve' | 'reject' }): void {
  emitWebhookEvent(ex, userId, 'image.moderated', () => ({
    id: m.id,
    generationId: m.generationId,
    decision: m.decision,
    moderation: m.decision === 'approve' ? 'approved' : 'rejected',
  }));
}
