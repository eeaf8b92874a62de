import { apiRoute, reply } from '@/server/api/v1/handler';
import { generationPath, listGenerations, submitGeneration } from '@/server/api/v1/generations';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ scope: 'generate', post: true, generates: true, location: (body) => generationPath(String(body.id)) }, async ({ caller, body }) => {
  const created = await submitGeneration(caller, body);
  return created.ok ? reply(created.generation, 202) : created;
});

export const GET = apiRoute({ scope: 'read' }, async ({ req, caller }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const listed = await listGenerations(caller.user.id, query);
  return listed.ok ? reply(listed.page) : listed;
});
