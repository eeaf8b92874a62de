import { env } from '@/server/env';
import { metricsRegistry } from '@/server/metrics/registry';

export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint. With METRICS_TOKEN set, scrapers must send it as a bearer token. */
export async function GET(req: Request) {
  const token = env().METRICS_TOKEN;
  if (token && req.headers.get('authorization') !== `Bearer ${token}`) return new Response('Unauthorized', { status: 401 });
  const registry = metricsRegistry();
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
}
