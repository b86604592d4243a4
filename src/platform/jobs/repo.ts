// The one statement of the jobs layer outside pg-boss's own: making jobs that wait for a retry due now.
import type pg from 'pg';

/** Jobs of the given queues waiting for their retry delay become due at once (operators after an outage, tests). */
export async function retryNow(pool: pg.Pool, schema: string, names: readonly string[]): Promise<void> {
  // The schema is the layer's own constant (JOBS_SCHEMA), never user input.
  await pool.query(`update ${schema}.job set start_after = now() where name = any($1) and state = 'retry'`, [names]);
}
