// Read-side SQL of the audit log screen (writes go through writeAudit in index.ts only).
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

export type AuditRow = {
  id: number;
  /** Asia/Shanghai wall time, 'YYYY-MM-DD HH:mm:ss'. */
  at: string;
  actorId: number | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  summary: unknown;
  ip: string | null;
};

export interface AuditQuery {
  actor?: string;
  /** Exact action code, or a prefix when it ends with '.*' (e.g. 'calendar.*'). */
  action?: string;
  entityType?: string;
  entityId?: string;
  /** Inclusive calendar dates in Asia/Shanghai. */
  from?: string;
  to?: string;
  /** Keyset cursors: rows older than `before`, or newer than `after`. */
  before?: number;
  after?: number;
  limit: number;
}

/**
 * One page, newest first, plus whether older/newer rows exist beyond it. Keyset paging on id:
 * ids are taken under the chain lock, so id order is time order and deep pages stay cheap.
 */
export async function listAudit(db: Executor, q: AuditQuery): Promise<{ rows: AuditRow[]; hasOlder: boolean; hasNewer: boolean }> {
  const where: SQL[] = [];
  if (q.actor) where.push(sql`actor_name = ${q.actor}`);
  if (q.action) {
    if (q.action.endsWith('.*')) where.push(sql`action like ${q.action.slice(0, -1).replace(/[\\%_]/g, '\\$&') + '%'}`);
    else where.push(sql`action = ${q.action}`);
  }
  if (q.entityType) where.push(sql`entity_type = ${q.entityType}`);
  if (q.entityId) where.push(sql`entity_id = ${q.entityId}`);
  if (q.from) where.push(sql`at >= (${q.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (q.to) where.push(sql`at < (${q.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  const filters = [...where];
  const newerFirst = q.after === undefined;
  if (q.before !== undefined) where.push(sql`id < ${q.before}`);
  if (q.after !== undefined) where.push(sql`id > ${q.after}`);
  const cond = (parts: SQL[]) => (parts.length ? sql`where ${sql.join(parts, sql` and `)}` : sql``);
  const r = await db.execute<AuditRow>(sql`select id, to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI:SS') as at,
      actor_id as "actorId", actor_name as "actorName", action, entity_type as "entityType", entity_id as "entityId", summary, ip
    from audit_log ${cond(where)}
    order by id ${newerFirst ? sql`desc` : sql`asc`} limit ${q.limit + 1}`);
  const more = r.rows.length > q.limit;
  const rows = r.rows.slice(0, q.limit).map((x) => ({ ...x, id: Number(x.id) }));
  if (!newerFirst) rows.reverse();
  if (rows.length === 0) return { rows, hasOlder: false, hasNewer: false };
  // The far side of the page needs one cheap existence probe on the same filters.
  const probe = async (dir: 'older' | 'newer') => {
    const edge = dir === 'older' ? rows[rows.length - 1].id : rows[0].id;
    const p = await db.execute<{ x: number }>(sql`select 1 as x from audit_log
      ${cond([...filters, dir === 'older' ? sql`id < ${edge}` : sql`id > ${edge}`])} limit 1`);
    return p.rows.length > 0;
  };
  return newerFirst
    ? { rows, hasOlder: more, hasNewer: q.before !== undefined ? await probe('newer') : false }
    : { rows, hasOlder: await probe('older'), hasNewer: more };
}
