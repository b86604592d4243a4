// Background jobs on pg-boss 10 (the last line for Node 20), kept in the schema `pgboss` of the app's
// database — no other service to run. A job is defined once (queue name, TypeBox payload schema,
// handler, optional cron in Beijing time, retry policy); modules export arrays of definitions.
// `enqueue(tx, job, payload)` inserts the job on the caller's transaction: it exists if and only if
// the change committed. One pg-boss instance per process works every queue (`startJobs`).
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { createPool, isConnectionError, rootMessage, type Tx } from '../db/index.ts';
import { retryNow } from './repo.ts';

export const JOBS_SCHEMA = 'pgboss';
/** Crons are read in Beijing time, whatever the server's TZ. */
export const JOBS_TZ = 'Asia/Shanghai';
const APP_NAME = 'gongkai-jobs';
/** Jobs fetched at once by a worker. */
const BATCH = 5;
/** How long a worker keeps a job it holds through a database outage before leaving it to expire. */
const OUTAGE_RETRY_SECONDS = 120;

export interface JobInfo { id: string; name: string; retryCount: number }

export interface JobDefinition<S extends TSchema = TSchema, C = unknown> {
  /** Queue name, `<module>.<what>` (e.g. `mail.send`). */
  name: string;
  schema: S;
  handler(ctx: C, payload: Static<S>, job: JobInfo): Promise<void>;
  /** Five-field cron, Asia/Shanghai; the scheduled job gets `cronPayload`. */
  cron?: string;
  cronPayload?: Static<S>;
  /** Attempts after the first failure (default 5), seconds before the first retry (default 30), doubling when backoff (default true). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  retryBackoff?: boolean;
  /** A job running longer than this is failed and retried (default 15 minutes). */
  expireInSeconds?: number;
}

// Definitions are stored heterogeneously; the handler's ctx is the context startJobs was given.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJob = JobDefinition<any, any>;

export function defineJob<S extends TSchema, C>(def: JobDefinition<S, C>): JobDefinition<S, C> {
  if (!/^[a-z][a-z0-9]*(\.[a-z][a-z0-9-]*)+$/.test(def.name)) throw new Error(`job name ${def.name}: use <module>.<what> in lower case`);
  return def;
}

export class JobPayloadError extends Error {}

function check<S extends TSchema>(job: JobDefinition<S, unknown>, payload: unknown): asserts payload is Static<S> {
  if (!Value.Check(job.schema, payload)) {
    const first = Value.Errors(job.schema, payload).First();
    throw new JobPayloadError(`job ${job.name}: invalid payload${first ? ` at ${first.path || '/'}: ${first.message}` : ''}`);
  }
}

// pg-boss builds the insert (queue defaults, retry policy); the SQL runs on the executor passed
// to send(), so this instance is never started and never connects.
let sender: PgBoss | undefined;
function senderBoss(): PgBoss {
  return (sender ??= new PgBoss({ connectionString: 'postgres://unused@127.0.0.1/unused', schema: JOBS_SCHEMA }));
}

/** The pg client under a Drizzle transaction: pg-boss's insert runs on it, inside the transaction. */
function txExecutor(tx: Tx): { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> } {
  const client = (tx as unknown as { session?: { client?: pg.PoolClient | pg.Pool } }).session?.client;
  if (!client || typeof client.query !== 'function' || 'totalCount' in client) throw new Error('enqueue needs a transaction (withTx)');
  return { executeSql: (text, values) => client.query(text, values as unknown[]) };
}

/** A uuid derived from a dedupe key: a second enqueue with the same key (same queue) adds nothing. */
function keyId(name: string, key: string): string {
  const h = createHash('sha256').update(`${name}\u0000${key}`).digest().subarray(0, 16);
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

export interface EnqueueOptions {
  /** Deduplication: a second job with the same key on the same queue is not added (returns null). */
  key?: string;
  /** Not started before this many seconds from now. */
  delaySeconds?: number;
}

/**
 * Adds a job on the caller's transaction (validated against the job's schema): it is committed or
 * rolled back with the change that asked for it. Returns the job id (null: a duplicate key).
 */
export async function enqueue<S extends TSchema>(tx: Tx, job: JobDefinition<S, any>, payload: Static<S>, opts: EnqueueOptions = {}): Promise<string | null> {
  check(job, payload);
  const id = await senderBoss().send(job.name, payload as object, {
    db: txExecutor(tx),
    ...(opts.key ? { id: keyId(job.name, opts.key) } : {}),
    ...(opts.delaySeconds ? { startAfter: Math.max(1, Math.round(opts.delaySeconds)) } : {}),
  });
  // Without a key, pg-boss returns null only when the queue does not exist (its insert joins the queue table).
  if (id === null && !opts.key) throw new Error(`job ${job.name}: the queue does not exist (installJobs not run)`);
  return id;
}

function queueOptions(def: AnyJob): PgBoss.Queue {
  return {
    name: def.name,
    policy: 'standard',
    retryLimit: def.retryLimit ?? 5,
    retryDelay: def.retryDelaySeconds ?? 30,
    retryBackoff: def.retryBackoff ?? true,
    expireInSeconds: def.expireInSeconds ?? 900,
  };
}

export interface JobLogger { info(o: object, msg?: string): void; warn(o: object, msg?: string): void; error(o: object, msg?: string): void }

const consoleLogger: JobLogger = {
  info: (o, m) => console.log(m ?? '', o),
  warn: (o, m) => console.warn(m ?? '', o),
  error: (o, m) => console.error(m ?? '', o),
};

interface BossOptions { schedule?: boolean; supervise?: boolean }

function newBoss(pool: pg.Pool, opts: BossOptions = {}): PgBoss {
  return new PgBoss({
    // Our pool (createPool): its clients never crash the process when the database goes away.
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema: JOBS_SCHEMA,
    supervise: opts.supervise ?? false,
    schedule: opts.schedule ?? false,
    // Finished jobs are of no interest after a week.
    deleteAfterDays: 7,
  });
}

async function ensureQueues(boss: PgBoss, defs: readonly AnyJob[]): Promise<void> {
  for (const def of defs) {
    if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, queueOptions(def));
    else await boss.createQueue(def.name, queueOptions(def));
  }
}

/**
 * Creates or migrates the pgboss schema and the queues of `defs` (at start-up, with the
 * migrations, and in the test template), so that enqueue works before any worker runs.
 */
export async function installJobs(url: string, defs: readonly AnyJob[]): Promise<void> {
  const pool = createPool(url, { max: 1, applicationName: APP_NAME });
  const boss = newBoss(pool);
  boss.on('error', () => {});
  try {
    await boss.start();
    await ensureQueues(boss, defs);
    await boss.stop({ graceful: false, wait: true, timeout: 2_000 });
  } finally {
    await pool.end();
  }
}

async function runJob<C>(ctx: C, def: AnyJob, job: { id: string; name: string; data: unknown; retryCount?: number }): Promise<void> {
  check(def, job.data);
  await def.handler(ctx, job.data, { id: job.id, name: job.name, retryCount: job.retryCount ?? 0 });
}

/**
 * Runs every job that is due now, in this process, without a worker: for tests and for operators
 * (after an outage). `includeRetries` also runs jobs waiting for their retry delay. Bounded: at most
 * `rounds` passes over the queues.
 */
export async function runPendingJobs<C>(ctx: C, defs: readonly AnyJob[], pool: pg.Pool, opts: { includeRetries?: boolean; rounds?: number } = {}): Promise<{ completed: number; failed: { name: string; message: string }[] }> {
  const boss = newBoss(pool);
  const names = defs.map((d) => d.name);
  const out = { completed: 0, failed: [] as { name: string; message: string }[] };
  for (let round = 0; round < (opts.rounds ?? 10); round++) {
    if (opts.includeRetries) await retryNow(pool, JOBS_SCHEMA, names);
    let ran = 0;
    for (const def of defs) {
      const jobs = await boss.fetch(def.name, { batchSize: 20, includeMetadata: true });
      for (const job of jobs) {
        ran++;
        try {
          await runJob(ctx, def, job);
          await boss.complete(def.name, job.id);
          out.completed++;
        } catch (e) {
          await boss.fail(def.name, job.id, { message: (e as Error).message });
          out.failed.push({ name: def.name, message: (e as Error).message });
        }
      }
    }
    if (!ran) break;
  }
  return out;
}

export interface JobRunner {
  boss: PgBoss;
  /** Adds a job now (its own transaction), e.g. a manual run of a cron job. */
  send<S extends TSchema>(job: JobDefinition<S, any>, payload: Static<S>): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * The one pg-boss of the process: creates the queues, schedules the crons (Asia/Shanghai; crons of
 * jobs no longer defined are removed) and works every queue. When the database goes away, polling
 * fails quietly (a warning) and resumes once the pool can connect again; a job cut off mid-way is
 * run again once the database is back (or, if the process died, after it expires), so handlers are
 * idempotent.
 */
export async function startJobs<C>(ctx: C, defs: readonly AnyJob[], opts: { url: string; log?: JobLogger; pollSeconds?: number; cron?: Record<string, string> }): Promise<JobRunner> {
  const log = opts.log ?? consoleLogger;
  let stopping = false;
  let lastWarn = 0;
  const quiet = (e: unknown, what: string) => {
    if (stopping || isConnectionError(e)) {
      // One line per 10 s while the database is away, not one per poll.
      if (Date.now() - lastWarn > 10_000) { lastWarn = Date.now(); log.warn({ message: rootMessage(e) }, `${what}: database unavailable, retrying`); }
    } else log.error({ err: e }, what);
  };
  // Runs fn, again every second while the database is unreachable (up to OUTAGE_RETRY_SECONDS, and
  // not once stopping); any other failure goes to onError. True when fn succeeded.
  const untilReachable = async (fn: () => Promise<unknown>, onError: (e: unknown) => unknown): Promise<boolean> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await fn();
        return true;
      } catch (e) {
        if (isConnectionError(e) && !stopping && attempt < OUTAGE_RETRY_SECONDS) {
          quiet(e, 'job');
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        await onError(e);
        return false;
      }
    }
  };
  // A small pool of its own: the web pool is not starved by job polling.
  const pool = createPool(opts.url, { max: 3, applicationName: APP_NAME, onError: (e) => quiet(e, 'job connection lost') });
  const boss = newBoss(pool, { supervise: true, schedule: true });
  boss.on('error', (e) => quiet(e, 'pg-boss error'));
  try {
    await boss.start();
    await ensureQueues(boss, defs);
    for (const s of await boss.getSchedules()) {
      if (!defs.some((d) => d.name === s.name && d.cron)) await boss.unschedule(s.name);
    }
    for (const def of defs) {
      const cron = opts.cron?.[def.name] ?? def.cron;
      if (cron) await boss.schedule(def.name, cron, (def.cronPayload ?? {}) as object, { tz: JOBS_TZ });
      // Each job of a batch is completed or failed on its own (a failure must not re-run the others, a
      // mail must not go twice); a full batch asks for the next one at once instead of after the
      // polling interval, so a backlog (after a crash or an outage) drains in seconds.
      let workerId: string | undefined;
      workerId = await boss.work(def.name, { pollingIntervalSeconds: opts.pollSeconds ?? 2, batchSize: BATCH, includeMetadata: true }, async (jobs) => {
        for (const job of jobs) {
          // A job cut off by the database going away is run again here once it is back (handlers are
          // idempotent), instead of waiting in 'active' for its expiry: a receipt is minutes late, not 15.
          const ok = await untilReachable(() => runJob(ctx, def, job), (e) => {
            quiet(e, `job ${def.name} failed`);
            // pg-boss retries it with back-off.
            return untilReachable(() => boss.fail(def.name, job.id, { message: rootMessage(e) }), () => {});
          });
          if (ok) await untilReachable(() => boss.complete(def.name, job.id), () => {});
        }
        if (jobs.length === BATCH && workerId) boss.notifyWorker(workerId);
      });
    }
  } catch (e) {
    await boss.stop({ graceful: false, wait: true, timeout: 2_000 }).catch(() => {});
    await pool.end().catch(() => {});
    throw e;
  }
  return {
    boss,
    async send(job, payload) {
      check(job, payload);
      return boss.send(job.name, payload as object);
    },
    async stop() {
      stopping = true;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch((e) => log.warn({ err: e }, 'pg-boss stop failed'));
      await pool.end().catch(() => {});
    },
  };
}
