import { sql } from 'drizzle-orm';
import type { Db } from '../../server/db/client';

/**
 * Model-aware dispatch: a worker that fetched a job for a model it has not loaded hands the job
 * back once if another worker is idle with that model warm (from the workers table that every
 * worker heartbeats), and waits a moment so that worker, woken by the job's return, takes it.
 * Loading a Stable Diffusion model costs seconds to minutes, so one hand-off is cheap.
 */
export async function warmElsewhere(db: Db, selfId: string, model: string): Promise<boolean> {
  const rows = await db.execute(sql`
    select 1 from workers
    where id <> ${selfId} and current_job is null and ${model} = any(warm_models)
      and heartbeat_at > now() - interval '30 seconds'
    limit 1`);
  return rows.length > 0;
}
