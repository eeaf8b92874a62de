import 'server-only';
import { fail, ok, type Result } from '../../../domain/result';
import { createGeneration } from '../../generations/create';
import { generationOptionsOf } from '../authenticate';
import type { OpenAiContext } from './route';
import { rememberRequest, retriedGeneration, isSdkRetry } from './retry-attach';
import { imagesGenerationRequestSchema, type ImagesGenerationRequest } from './schemas';
import { toGenerationInput } from './to-generation-input';

export type StartedImages = { request: ImagesGenerationRequest; generationId: string; attached: boolean };

/** The request's body as OpenAI's schema reads it; a refusal names the field as OpenAI's `param`. */
export function parseImagesRequest(body: unknown): Result<{ request: ImagesGenerationRequest }> {
  const parsed = imagesGenerationRequestSchema.safeParse(body);
  if (parsed.success) {
    const present = Object.entries(parsed.data).filter(([, value]) => value !== null);
    return ok({ request: Object.fromEntries(present) as ImagesGenerationRequest });
  }
  const issue = parsed.error.issues[0];
  const param = String(issue?.path[0] ?? 'prompt');
  const message = issue?.code === 'invalid_type' && issue.input === undefined ? `Missing required parameter: '${param}'.` : (issue?.message ?? 'Invalid request.');
  return fail('invalid', message, { [param]: message });
}

/**
 * Queues the generation an images request asks for, through the same use case as the page and
 * /api/v1 (validation, prompt policy, price, plan limits, one debit). A retry of a request that
 * already started one (same key, same body, `X-Stainless-Retry-Count` > 0) gets that generation
 * back instead, and pays nothing.
 */
export async function startImages(ctx: OpenAiContext): Promise<Result<StartedImages>> {
  const parsed = parseImagesRequest(ctx.body);
  if (!parsed.ok) return parsed;
  const { request } = parsed;
  return queueImages(ctx, request, ctx.rawBody ?? Buffer.alloc(0), async () => ok({ input: await toGenerationInput(request) }));
}

/**
 * The queueing half, shared with the edits endpoint: `fingerprint` identifies the request for a
 * retry to attach to its first attempt, `input` builds the generation input only when work is
 * queued (an edit stores its uploads there, so a retry that attaches stores nothing).
 */
export async function queueImages(
  ctx: OpenAiContext,
  request: ImagesGenerationRequest,
  fingerprint: Buffer,
  input: () => Promise<Result<{ input: Record<string, unknown> }>>,
): Promise<Result<StartedImages>> {
  const path = new URL(ctx.req.url).pathname;
  if (isSdkRetry(ctx.req)) {
    const earlier = await retriedGeneration(ctx.caller, path, fingerprint);
    if (earlier) return ok({ request, generationId: earlier, attached: true });
  }
  const allowed = await ctx.takeGeneration();
  if (!allowed.ok) return allowed;
  const built = await input();
  if (!built.ok) return built;
  const created = await createGeneration(ctx.caller.user.id, built.input, 'api', generationOptionsOf(ctx.caller));
  if (!created.ok) return created;
  await rememberRequest(ctx.caller, path, fingerprint, created.id).catch((err: Error) =>
    console.error(`[openai] could not remember request for generation ${created.id}: ${err.message}`),
  );
  return ok({ request, generationId: created.id, attached: false });
}
