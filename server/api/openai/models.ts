import 'server-only';
import { modelsOfferedTo } from '../../models/offered';
import { openAiRoute } from './route';

/** `GET /v1/models` in OpenAI's list shape: the Kumori models the caller may use (test models for admins only), by the names requests use. */
export const getOpenAiModels = openAiRoute({ scope: 'read' }, async ({ caller }) => {
  const models = await modelsOfferedTo(caller.user.role);
  return Response.json({
    object: 'list',
    // Kumori does not record when a model was installed; 0 (the epoch) says "unknown" in a number field.
    data: models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: 'kumori' })),
  });
});
