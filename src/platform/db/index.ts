// Database access: one pg pool, a Drizzle instance over it, and the transaction helper.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';

// int8 (count(*), bigserial) arrives as a string from pg; our counts and ids fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
// `date` columns are legal calendar dates: keep them as 'YYYY-MM-DD' strings, never as instants.
pg.types.setTypeParser(1082, (v) => v);

export type Db = NodePgDatabase<Record<string, never>>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  pool: pg.Pool;
  db: Db;
  url: string;
  close(): Promise<void>;
}

/**
 * `workMemMb` (PG_WORK_MEM_MB, default 32): catalogue search intersects bitmaps of up to a few
 * hundred thousand matches; with PostgreSQL's default 4MB they turn lossy and every row of a lossy
 * page is re-checked by unpacking its search vector (10× slower at 1M records). Set on each new
 * connection before the pool hands it out, not as a startup option, which some connection
 * poolers refuse; 0 leaves the server's setting.
 */
export function openDatabase(url: string, opts: { max?: number; workMemMb?: number } = {}): Database {
  const workMem = Math.trunc(opts.workMemMb ?? 32);
  const pool = createPool(url, { max: opts.max ?? 10, onConnectSql: workMem > 0 ? `set work_mem = '${workMem}MB'` : undefined });
  const db = drizzle(pool) as unknown as Db;
  return { pool, db, url, close: () => pool.end() };
}

/**
 * A pg pool that survives the database going away: pg emits 'error' on a client whose connection
 * dies — also on one checked out in a query or transaction, where pg-pool has no listener — and an
 * unhandled 'error' event ends the process. Every client gets a listener when it is created; the
 * query in flight fails with the error (answered 503), and the pool opens new connections later.
 */
export function createPool(url: string, opts: { max?: number; applicationName?: string; onError?: (e: Error) => void; onConnectSql?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 30_000, connectionTimeoutMillis: 5_000, application_name: opts.applicationName,
    ...(opts.onConnectSql ? { Client: clientRunning(opts.onConnectSql) } : {}),
  });
  const onError = opts.onError ?? (() => {});
  pool.on('connect', (client) => { client.on('error', onError); });
  // An idle client losing its connection must not crash the process either.
  pool.on('error', onError);
  return pool;
}

/**
 * A pg Client that runs `text` once connected, before connect() resolves: the pool hands the client
 * out only then. (A query sent from the pool's 'connect' event overlaps the first query, which pg
 * deprecates and pg 9 will refuse.) A failure of `text` is ignored: the setting is an optimisation.
 */
function clientRunning(text: string): typeof pg.Client {
  return class extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error) => void): void;
    override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
      const ready = super.connect().then(() => super.query(text).then(() => this, () => this));
      if (!callback) return ready;
      // pg-pool calls connect(callback) and reads a falsy error as success.
      ready.then(() => callback(undefined as unknown as Error), (e: Error) => callback(e));
    }
  };
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '53300']);
const CONNECTION_MESSAGE = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Cannot use a pool after calling end|server closed the connection unexpectedly/i;

/** The driver's own message (a Drizzle error's text repeats the query and its parameters: never log that). */
export function rootMessage(err: unknown): string {
  let e = err as { message?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e?.cause && i < 5; i++) e = e.cause as typeof e;
  return typeof e?.message === 'string' ? e.message : String(err);
}

/**
 * Whether an error means "the database cannot be reached right now" (refused, restarting, shut
 * down, SQLSTATE class 08) rather than a fault of the query: those are answered 503 and retried.
 */
export function isConnectionError(err: unknown): boolean {
  for (let e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown[] } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (CONNECTION_CODES.has(code) || /^08/.test(code)) return true;
    if (typeof e.message === 'string' && CONNECTION_MESSAGE.test(e.message)) return true;
    // AggregateError (net.connect to several addresses) carries the causes in `errors`.
    if (Array.isArray(e.errors) && e.errors.some((x) => isConnectionError(x))) return true;
  }
  return false;
}

/**
 * An ILIKE pattern matching `text` anywhere: `%`, `_` and `\` match literally, and NUL (which
 * PostgreSQL refuses in a text parameter) is dropped, so any typed search is safe.
 */
export function containsPattern(text: string): string {
  return '%' + text.replace(/\u0000/g, '').replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/** A round trip to the database (health checks). */
export async function ping(db: Executor): Promise<void> {
  await db.execute(sql`select 1`);
}

/**
 * Runs fn in one transaction: the change and its audit row commit or roll back together. Given a
 * transaction (a use case called inside its caller's transaction), fn runs in a savepoint of it:
 * a throw in fn undoes fn's writes only, and everything commits or rolls back with the caller's.
 */
export async function withTx<T>(db: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const result = await (db as Db).transaction(fn);
  for (const listener of committed) listener();
  return result;
}

const committed = new Set<() => void>();

/**
 * Calls `listener` after every transaction of withTx has committed (and after each savepoint of one
 * is released): for in-process caches that must forget what a change makes stale. It must not throw.
 */
export function onCommitted(listener: () => void): void {
  committed.add(listener);
}
