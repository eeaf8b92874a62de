import 'server-only';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { httpStatusOf } from '../../../domain/error-codes';
import type { Result } from '../../../domain/result';
import { readUpload, receiveUpload } from '../../uploads/receive-upload';
import { storeUpload, type StoredUpload } from '../../uploads/store-upload';
import { apiErrorBody } from '../errors';
import {
  beginIdempotentRequest,
  completeIdempotentRequest,
  idempotencyKeyOf,
  releaseIdempotentRequest,
  requestHashOf,
  type StoredResponse,
} from '../idempotency';
import { apiRoute, reply } from './handler';

export const uploadSchema = z.object({
  id: z.uuid().meta({ description: 'Pass as `initImage` to POST /api/v1/generations.' }),
  width: z.number().int(),
  height: z.number().int(),
});

type NextCtx = { params: Promise<Record<string, never>> };

/**
 * `POST /api/v1/uploads`: an init image as multipart/form-data (field `image`), through the same
 * use case as the studio's upload. apiRoute's `post` mode reads a JSON body, so this runs as a plain
 * apiRoute (key or session, scope, rate limits) and keeps the Idempotency-Key itself, keyed on the
 * file's bytes: the multipart boundary differs on every send, the file does not.
 */
export function uploadRoute() {
  // apiRoute sets the headers it knows; a replay is only known in here.
  const replayed = new WeakSet<Request>();
  const route = apiRoute({ scope: 'generate' }, async ({ req, caller }) => {
    const userId = caller.user.id;
    const idempotency = idempotencyKeyOf(req);
    if (!idempotency.ok) return idempotency;
    const { key } = idempotency;
    if (key === null) return replyOf(storedOf(await receiveUpload(req, userId)));

    // The allowance is claimed before the body is read, replay or not: a client over its hourly
    // limit or quota cannot make the server read 10 MB bodies by adding a key.
    const received = await readUpload(req, userId);
    if (!received.ok) return received;
    const digest = createHash('sha256').update(received.bytes).digest('hex');
    const started = await beginIdempotentRequest(userId, key, requestHashOf('POST', new URL(req.url).pathname, { image: digest }));
    if (!started.ok) return started;
    if (started.replay) {
      replayed.add(req);
      return replyOf(started.replay);
    }
    let response: StoredResponse;
    try {
      response = storedOf(await storeUpload(userId, received.bytes));
    } catch (err) {
      await releaseIdempotentRequest(userId, key).catch(() => {});
      throw err;
    }
    // As apiRoute does: an outage or a rate limit is not the request's answer, so a retry does the work.
    if (response.status >= 500 || response.status === 429) await releaseIdempotentRequest(userId, key);
    else await completeIdempotentRequest(userId, key, response);
    return replyOf(response);
  });
  return async (req: Request, ctx: NextCtx): Promise<Response> => {
    const res = await route(req, ctx);
    if (replayed.has(req)) res.headers.set('Idempotent-Replayed', 'true');
    return res;
  };
}

function storedOf(result: Result<StoredUpload>): StoredResponse {
  if (!result.ok) return { status: httpStatusOf(result.error.code), body: apiErrorBody(result) };
  return { status: 201, body: { id: result.id, width: result.width, height: result.height } };
}

const replyOf = ({ status, body }: StoredResponse) => reply(body as Record<string, unknown>, status);
