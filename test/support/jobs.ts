// Runs the background jobs that are due now, in the test process (no worker): what the server's
// pg-boss worker would do within seconds. `includeRetries` also runs jobs waiting for a retry.
import type { AppContext } from '../../src/app-context.ts';
import { runPendingJobs as run } from '../../src/platform/jobs/index.ts';
import { APP_JOBS } from '../../src/jobs.ts';

export function runPendingJobs(ctx: AppContext, opts: { includeRetries?: boolean; only?: string[] } = {}) {
  const defs = opts.only ? APP_JOBS.filter((j) => opts.only!.includes(j.name)) : APP_JOBS;
  return run(ctx, defs, ctx.database.pool, opts);
}

/** Jobs of a queue by state (e.g. to check a mail is waiting for its retry). */
export async function jobStates(ctx: AppContext, name: string): Promise<Record<string, number>> {
  const r = await ctx.database.pool.query<{ state: string; n: number }>('select state, count(*)::int as n from pgboss.job where name = $1 group by state', [name]);
  return Object.fromEntries(r.rows.map((x) => [x.state, Number(x.n)]));
}
