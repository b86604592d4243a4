// Runs the background jobs that are due now, in the test process (no worker): what the server's
// pg-boss worker would do within seconds. `includeRetries` also runs jobs waiting for a retry.
import type { AppContext } from '../../src/app-context.ts';
import { withTx } from '../../src/platform/db/index.ts';
import { enqueue, runPendingJobs as run } from '../../src/platform/jobs/index.ts';
import { APP_JOBS } from '../../src/jobs.ts';

export function runPendingJobs(ctx: AppContext, opts: { includeRetries?: boolean; only?: string[] } = {}) {
  const defs = opts.only ? APP_JOBS.filter((j) => opts.only!.includes(j.name)) : APP_JOBS;
  return run(ctx, defs, ctx.database.pool, opts);
}

/** What the scheduler does when a cron job's minute comes: queues it with its cron payload; then runs it. */
export async function runCronJob(ctx: AppContext, name: string) {
  const def = APP_JOBS.find((j) => j.name === name);
  if (!def?.cron) throw new Error(`${name} is not a cron job`);
  await withTx(ctx.db, (tx) => enqueue(tx, def, def.cronPayload ?? {}));
  return runPendingJobs(ctx, { only: [name] });
}

/** Jobs of a queue by state (e.g. to check a mail is waiting for its retry). */
export async function jobStates(ctx: AppContext, name: string): Promise<Record<string, number>> {
  const r = await ctx.database.pool.query<{ state: string; n: number }>('select state, count(*)::int as n from pgboss.job where name = $1 group by state', [name]);
  return Object.fromEntries(r.rows.map((x) => [x.state, Number(x.n)]));
}
