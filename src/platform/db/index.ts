// Database access: one pg pool, a Drizzle instance over it, and the transaction helper.
import pg from 'pg';
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
 * connection (queued before its first query), not as a startup option, which some connection
 * poolers refuse; 0 leaves the server's setting.
 */
export function openDatabase(url: string, opts: { max?: number; workMemMb?: number } = {}): Database {
  const workMem = Math.trunc(opts.workMemMb ?? 32);
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 30_000 });
  if (workMem > 0) pool.on('connect', (client) => { client.query(`set work_mem = '${workMem}MB'`).catch(() => {}); });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool) as unknown as Db;
  return { pool, db, url, close: () => pool.end() };
}

/**
 * An ILIKE pattern matching `text` anywhere: `%`, `_` and `\` match literally, and NUL (which
 * PostgreSQL refuses in a text parameter) is dropped, so any typed search is safe.
 */
export function containsPattern(text: string): string {
  return '%' + text.replace(/\u0000/g, '').replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}

/** Runs fn in one transaction: the change and its audit row commit or roll back together. */
export function withTx<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn);
}
