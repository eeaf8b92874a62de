import 'server-only';
import { installedModels } from '../../models/installed';
import { openAiRoute } from './route';

/** `GET /v1/models` in OpenAI's list shape: the installed Kumori models, by the names requests use. */
export const getOpenAiModels = openAiRoute({ scope: 'read' }, async () => {
  const models = await installedModels();
  return Response.json({
    object: 'list',
    // Kumori does not record when a model was installed; 0 (the epoch) says "unknown" in a number field.
    data: models.map((m) => ({ id: m.id, object: 'model', created: 0, owned_by: 'kumori' })),
  });
});
