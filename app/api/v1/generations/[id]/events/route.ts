import { generationEvents } from '@/server/api/v1/events';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  return generationEvents(req, (await ctx.params).id);
}
