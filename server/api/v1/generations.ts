import 'server-only';
import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { fail, ok, type Result } from '../../../domain/result';
import { db } from '../../db/client';
import { generationStatusEnum, generations } from '../../db/schema';
import { TIERS } from '../../../domain/plans';
import { decodeCursor, encodeCursor } from '../../db/keyset-cursor';
import { accountOf } from '../../billing/account';
import { createGeneration } from '../../generations/create';
import { cancelGeneration } from '../../generations/cancel';
import { getGeneration } from '../../generations/read';
import { signedImagesOf } from '../../generations/signed-images';
import { estimateWaitSeconds } from '../../queue/eta';
import { withStyleSettings } from '../../styles/style-settings';
import { styleEffectSchema } from '../../../domain/styles/effects';
import { effectiveSteps, generationInputSchema } from '../../../domain/generation-params';
import { env } from '../../env';
import { EDIT_MODES } from '../../../domain/edit-modes';
import { generationOptionsOf, type ApiCaller } from '../authenticate';

/** Signed image URLs in API answers stay valid this long; a client fetches the generation again for fresh ones. */
export const IMAGE_URL_TTL_SECONDS = 60 * 60;

export const generationPath = (id: string) => `/api/v1/generations/${id}`;

// The answers' shapes, for the OpenAPI document (server/api/openapi) and the tests that parse real answers with them.
const generationStatusSchema = z.enum(generationStatusEnum.enumValues);
const tierSchema = z.enum(TIERS);

export const generationCreatedSchema = z.object({
  id: z.uuid(),
  status: generationStatusSchema,
  position: z.number().int().nullable().meta({ description: 'Place in the tier\'s queue, 1 = next; null when unknown.' }),
  eta: z.number().nullable().meta({ description: 'Estimated seconds until it starts; null until a worker has measured its speed.' }),
  cost: z.number().int().meta({ description: 'Credits charged.' }),
  balance: z.number().int().meta({ description: 'Credits left after the charge.' }),
  tier: tierSchema,
});

/** A generation's request as stored: resolved (the seed picked, the model named). */
export const generationParamsSchema = z.object({
  prompt: z.string(),
  negativePrompt: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  steps: z.number().int(),
  guidance: z.number(),
  seed: z.number().int(),
  sampler: z.string(),
  model: z.string(),
  initImage: z.uuid().optional().meta({ description: 'The upload the run started from (a copy when you named one of your images).' }),
  strength: z.number().optional(),
  mode: z.enum(EDIT_MODES).optional(),
  parentImage: z.uuid().optional().meta({ description: 'The image this one edits, when the request named one of your images.' }),
  mask: z.uuid().optional(),
  maskFeather: z.number().int().optional(),
  onlyMasked: z.boolean().optional(),
  extend: z.object({ left: z.number().int(), right: z.number().int(), top: z.number().int(), bottom: z.number().int() }).optional(),
  n: z.number().int().optional(),
  style: z.string().optional().meta({ description: 'The style slug (GET /api/v1/styles).' }),
  styleEffects: z.array(styleEffectSchema).optional().meta({ description: "The style's post effects as they were when the generation was queued." }),
  expandedPrompt: z.string().optional().meta({ description: 'The prompt the model ran: the style template around yours.' }),
  expandedNegativePrompt: z.string().optional(),
});

export const generationSchema = z.object({
  id: z.uuid(),
  status: generationStatusSchema,
  tier: tierSchema,
  cost: z.number().int(),
  refunded: z.number().int(),
  progress: z.object({ step: z.number().int(), steps: z.number().int() }),
  position: z.number().int().nullable(),
  eta: z.number().nullable(),
  params: generationParamsSchema,
  images: z.array(
    z.object({
      id: z.uuid(),
      url: z.url().meta({ description: `Signed, valid ${IMAGE_URL_TTL_SECONDS / 60} minutes; while the image awaits review, its blurred thumbnail.` }),
      width: z.number().int(),
      height: z.number().int(),
      seed: z.number().int(),
      pending: z.boolean(),
    }),
  ),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  timings: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.iso.datetime(),
});

export const generationListSchema = z.object({
  data: z.array(
    z.object({
      id: z.uuid(),
      status: generationStatusSchema,
      tier: tierSchema,
      cost: z.number().int(),
      prompt: z.string(),
      error: z.string().nullable(),
      createdAt: z.iso.datetime(),
      url: z.string().meta({ description: 'The generation\'s path in this API.' }),
    }),
  ),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' }),
});

export const cancelOutcomeSchema = z.object({
  id: z.uuid(),
  state: z.enum(['cancelled', 'stopping', 'already_finished']),
  refunded: z.number().int(),
  message: z.string(),
  balance: z.number().int(),
});

/** The steps a valid request will run, as the page's ETA counts them (read.ts). */
function stepsOf(input: unknown): number {
  const parsed = generationInputSchema.safeParse(input);
  return parsed.success ? effectiveSteps(parsed.data) : 0;
}

/** Queues a generation for an API caller; the answer is the 202 body. */
export async function submitGeneration(caller: ApiCaller, input: unknown): Promise<Result<{ generation: Record<string, unknown> }>> {
  const created = await createGeneration(caller.user.id, await withStyleSettings(input), 'api', generationOptionsOf(caller));
  if (!created.ok) return created;
  // Only the ETA is still unknown; reading the whole generation back would cost three more round trips.
  const eta = created.position === null ? null : await estimateWaitSeconds(created.tier, created.position, stepsOf(input)).catch(() => null);
  return ok({
    generation: {
      id: created.id,
      status: 'queued',
      position: created.position,
      eta,
      cost: created.cost,
      balance: created.balance,
      tier: created.tier,
    },
  });
}

// Local storage signs paths (/api/files/…); an API client needs the whole address.
export const absolute = (url: string, origin: string) => new URL(url, env().PUBLIC_URL ?? origin).toString();

/** One generation as the API shows it: status, progress, place in the queue, images and timings. */
export async function describeGeneration(userId: string, id: string, origin: string): Promise<Result<{ generation: Record<string, unknown> }>> {
  const view = await getGeneration(userId, id);
  if (!view) return fail('not_found', 'Generation not found.');
  return ok({
    generation: {
      id: view.id,
      status: view.status,
      tier: view.tier,
      cost: view.cost,
      refunded: view.refunded,
      // Live progress is cleared once a generation ends; a finished one reports every step done.
      progress: { step: view.status === 'succeeded' ? view.steps : view.step, steps: view.steps },
      position: view.position,
      eta: view.etaSeconds,
      params: view.params,
      images: view.status === 'succeeded' ? await signedImagesOf(view.id, { base: absolute('/', origin), ttlSeconds: IMAGE_URL_TTL_SECONDS }) : [],
      error: view.error,
      warnings: view.warnings,
      timings: view.timings,
      createdAt: view.createdAt,
    },
  });
}

export const listQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Newest first, keyset-paged over (created_at, id); `nextCursor` is null on the last page. */
export async function listGenerations(userId: string, query: unknown): Promise<Result<{ page: Record<string, unknown> }>> {
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    const param = String(parsed.error.issues[0]?.path[0] ?? 'limit');
    return fail('invalid', parsed.error.issues[0]?.message ?? 'Invalid query.', { [param]: 'Invalid.' });
  }
  const { cursor, limit } = parsed.data;
  const after = decodeCursor(cursor);
  if (cursor && !after) return fail('invalid', 'This cursor is not one this API returned.', { cursor: 'Invalid.' });
  // Postgres keeps microseconds and the cursor milliseconds: compare at the cursor's precision, or
  // rows created within the same millisecond as a page's last one would be skipped.
  const createdMs = sql<Date>`date_trunc('milliseconds', ${generations.createdAt})`;
  const afterMs = after ? sql`${after.createdAt.toISOString()}::timestamptz` : null;
  const rows = await db()
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.userId, userId),
        after && afterMs
          ? or(lt(createdMs, afterMs), and(eq(createdMs, afterMs), lt(generations.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(createdMs), desc(generations.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return ok({
    page: {
      data: page.map((g) => ({
        id: g.id,
        status: g.status,
        tier: g.tier,
        cost: g.cost,
        prompt: g.params.prompt,
        error: g.error,
        createdAt: g.createdAt.toISOString(),
        url: generationPath(g.id),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    },
  });
}

/** Cancels a queued or running generation; the answer carries the refund and the balance after it. */
export async function cancelForApi(userId: string, id: string): Promise<Result<{ outcome: Record<string, unknown> }>> {
  const cancelled = await cancelGeneration(userId, id);
  if (!cancelled.ok) return cancelled;
  const { balance } = await accountOf(userId);
  const refunded = cancelled.state === 'cancelled' ? cancelled.refunded : 0;
  return ok({ outcome: { id, state: cancelled.state, refunded, message: cancelled.message, balance } });
}
