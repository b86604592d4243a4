// Background jobs of on-request disclosure, on pg-boss (its own schema `pgboss` in the app's
// database — no other service to run). pg-boss 10 is the last line that runs on Node 20.
// Today one job, daily at 08:30 Beijing time: close cases whose 补正 or fee deadline has passed, then
// send the reminder digest. runReminders is safe to run
// twice a day (one digest per person per day is enforced in the database), so a retried or
// duplicated job sends nothing twice.
import { BEIJING_TZ, beijingToday } from '../../platform/time/index.ts';
import PgBoss from 'pg-boss';
import { sql } from 'drizzle-orm';
import type { AppContext } from '../../app-context.ts';
import { runReminders, type RunResult } from './reminders.ts';
import { expireOverdue } from './handling.ts';

export const REMINDER_QUEUE = 'requests-reminders';
/** Every day at 08:30 in Beijing (before the working day gets busy). */
export const REMINDER_CRON = '30 8 * * *';
export const REMINDER_TZ = BEIJING_TZ;
export const JOBS_SCHEMA = 'pgboss';

const APP_NAME = 'gongkai-jobs';

async function openJobConnections(ctx: AppContext): Promise<number> {
  const r = await ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from pg_stat_activity where application_name = ${APP_NAME} and pid <> pg_backend_pid()`);
  return Number(r.rows[0]?.n ?? 0);
}

export interface RequestJobs {
  /** Queues a reminder run now (the cron's job, on demand); returns the job id. */
  trigger(): Promise<string | null>;
  stop(): Promise<void>;
}

export interface Logger { info(o: object, msg?: string): void; warn(o: object, msg?: string): void; error(o: object, msg?: string): void }

const consoleLogger: Logger = {
  info: (o, m) => console.log(m ?? '', o),
  warn: (o, m) => console.warn(m ?? '', o),
  error: (o, m) => console.error(m ?? '', o),
};

/**
 * Starts pg-boss on the app's database: creates or migrates its schema, schedules the daily
 * reminder job and works it. The caller stops it on shutdown. `cron` can be overridden (tests).
 */
export async function startRequestJobs(ctx: AppContext, opts: { cron?: string; log?: Logger; pollSeconds?: number; onRun?: (r: RunResult) => void } = {}): Promise<RequestJobs> {
  const log = opts.log ?? consoleLogger;
  const boss = new PgBoss({
    connectionString: ctx.database.url,
    schema: JOBS_SCHEMA,
    application_name: APP_NAME,
    // A small pool of its own: the web pool is not starved by job polling.
    max: 3,
    // Completed reminder jobs are of no interest after a week.
    deleteAfterDays: 7,
  });
  let stopping = false;
  boss.on('error', (e) => {
    // The database shutting down at the same moment as the server (57P01) is not a fault worth a stack trace.
    if (stopping || (e as { code?: string }).code === '57P01') log.warn({ code: (e as { code?: string }).code, message: e.message }, 'pg-boss connection closed');
    else log.error({ err: e }, 'pg-boss error');
  });
  await boss.start();
  await boss.createQueue(REMINDER_QUEUE, { name: REMINDER_QUEUE, policy: 'standard', retryLimit: 3, retryDelay: 300, expireInSeconds: 1800 });
  await boss.schedule(REMINDER_QUEUE, opts.cron ?? REMINDER_CRON, {}, { tz: REMINDER_TZ });
  await boss.work(REMINDER_QUEUE, { pollingIntervalSeconds: opts.pollSeconds ?? 30, batchSize: 1 }, async (jobs) => {
    for (const job of jobs) {
      const today = beijingToday(ctx.now());
      // First close what the law closes (补正 or fee deadline passed: 6.1 / 6.2), so no reminder is
      // sent about a case that is already over.
      const expired = await expireOverdue(ctx);
      if (expired.correction.length || expired.fee.length) log.info({ job: job.id, ...expired }, 'request deadlines expired');
      // Nobody reads a digest on a Sunday or during 国庆: the scheduled run waits for the next working day.
      const r = await runReminders(ctx, today, { workingDaysOnly: true });
      log.info({ job: job.id, ...r, failed: r.failed.length }, 'request reminders');
      opts.onRun?.(r);
      // A person whose mail failed is retried by the next run; the job itself succeeded.
    }
  });
  return {
    async trigger() {
      return boss.send(REMINDER_QUEUE, { manual: true });
    },
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((e) => log.warn({ err: e }, 'pg-boss stop failed'));
      // pg-boss resolves before a last in-flight poll hands its connection back; wait (≤ 2 s) until its
      // pool is really gone, so stopping the database right after does not cut a live connection.
      for (let i = 0; i < 40 && (await openJobConnections(ctx).catch(() => 0)) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
}
