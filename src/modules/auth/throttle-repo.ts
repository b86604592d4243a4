// SQL of the sign-in throttle (login_throttle): rows per (user name, source address) and per user name ('*').
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

export const ACCOUNT_SOURCE = '*';

export interface ThrottleRow {
  source: string;
  failures: number;
  windowStart: Date;
  lockedUntil: Date | null;
  lastSuccessAt: Date | null;
  alertedAt: Date | null;
}

const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/**
 * Creates the name's account row and address row if missing and locks both (FOR UPDATE, always in
 * the same order: '*' sorts before any address), so concurrent attempts on one name are counted one
 * after another. Returns the database's clock with them.
 */
export async function lockThrottle(tx: Executor, username: string, source: string): Promise<{ now: Date; account: ThrottleRow; address: ThrottleRow }> {
  await tx.execute(sql`insert into login_throttle (username, source) values (${username}, ${ACCOUNT_SOURCE}), (${username}, ${source})
    on conflict (username, source) do nothing`);
  const r = await tx.execute<Record<string, unknown>>(sql`select source, failures, window_start as "windowStart", locked_until as "lockedUntil",
      last_success_at as "lastSuccessAt", alerted_at as "alertedAt", now() as now
    from login_throttle where username = ${username} and source in (${ACCOUNT_SOURCE}, ${source}) order by source for update`);
  const rows = r.rows.map((x) => ({
    source: String(x.source), failures: Number(x.failures), windowStart: toDate(x.windowStart)!, lockedUntil: toDate(x.lockedUntil),
    lastSuccessAt: toDate(x.lastSuccessAt), alertedAt: toDate(x.alertedAt),
  }));
  return {
    now: toDate(r.rows[0].now)!,
    account: rows.find((x) => x.source === ACCOUNT_SOURCE)!,
    address: rows.find((x) => x.source === source)!,
  };
}

export async function saveThrottle(tx: Executor, username: string, row: ThrottleRow): Promise<void> {
  await tx.execute(sql`update login_throttle set failures = ${row.failures}, window_start = ${row.windowStart}, locked_until = ${row.lockedUntil},
    last_success_at = ${row.lastSuccessAt}, alerted_at = ${row.alertedAt}, updated_at = now()
    where username = ${username} and source = ${row.source}`);
}

/** Mirrors the throttle onto users (failed_logins = failures across addresses, locked_until = latest lock) for the admin screens. */
export async function syncUserLock(tx: Executor, username: string): Promise<void> {
  await tx.execute(sql`update users u set
      failed_logins = coalesce((select t.failures from login_throttle t where t.username = ${username} and t.source = ${ACCOUNT_SOURCE}), 0),
      locked_until = (select max(t.locked_until) from login_throttle t where t.username = ${username} and t.locked_until > now())
    where lower(u.username) = ${username}`);
}

/** Rows with nothing left to remember: no lock, no recent failure, no recent success. */
export async function purgeThrottle(db: Executor, knownDays: number): Promise<number> {
  const r = await db.execute(sql`delete from login_throttle where updated_at < now() - interval '1 day'
    and (locked_until is null or locked_until < now())
    and (last_success_at is null or last_success_at < now() - make_interval(days => ${knownDays}))`);
  return r.rowCount ?? 0;
}
