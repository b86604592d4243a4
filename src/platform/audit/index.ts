// Hash-chained audit log. write() runs inside the caller's transaction, so a change and its audit
// row commit together; an advisory lock serialises writers so the chain has no forks.
import { sql } from 'drizzle-orm';
import { sm3Hex } from '../crypto/index.ts';
import type { Executor } from '../db/index.ts';

export interface Actor {
  id: number | null;
  name: string;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: '系统' };

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  /** Before/after summary; never put secrets or unmasked personal data here. */
  summary?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);
const LOCK_KEY = 7_301_001; // arbitrary constant identifying the audit chain lock

/** Canonical JSON (sorted keys) so the hash does not depend on key order or jsonb normalisation. */
export function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  const o = v as Record<string, unknown>;
  return '{' + Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonical(o[k])).join(',') + '}';
}

export interface ChainFields {
  id: number; at: string; actorId: number | null; actorName: string; action: string;
  entityType: string; entityId: string | null; summary: unknown; ip: string | null; prevHash: string;
}

export function rowHash(r: ChainFields): string {
  return sm3Hex(canonical([r.id, r.at, r.actorId, r.actorName, r.action, r.entityType, r.entityId, r.summary, r.ip, r.prevHash]));
}

export async function writeAudit(tx: Executor, actor: Actor, entry: AuditEntry): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
  const head = await tx.execute<{ last_id: number; last_hash: string }>(sql`select last_id, last_hash from audit_head where id = 1`);
  const prevHash = head.rows[0]?.last_hash ?? GENESIS;
  const idRow = await tx.execute<{ id: number; at: string }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at`);
  const { id, at } = idRow.rows[0];
  const fields: ChainFields = {
    id: Number(id), at, actorId: actor.id, actorName: actor.name, action: entry.action,
    entityType: entry.entityType, entityId: entry.entityId == null ? null : String(entry.entityId),
    summary: JSON.parse(canonical(entry.summary ?? {})), ip: actor.ip ?? null, prevHash,
  };
  const hash = rowHash(fields);
  await tx.execute(sql`insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, summary, ip, prev_hash, hash)
    values (${fields.id}, ${at}, ${fields.actorId}, ${fields.actorName}, ${fields.action}, ${fields.entityType}, ${fields.entityId},
            ${canonical(fields.summary)}::jsonb, ${fields.ip}, ${prevHash}, ${hash})`);
  await tx.execute(sql`insert into audit_head (id, last_id, last_hash) values (1, ${fields.id}, ${hash})
    on conflict (id) do update set last_id = excluded.last_id, last_hash = excluded.last_hash`);
  return fields.id;
}

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number | null; reason: string };

/** Walks the whole chain in id order, in batches. Reports the first row whose hash or link is wrong. */
export async function verifyAudit(db: Executor, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const res = await db.execute<{ id: number; at: string; actor_id: number | null; actor_name: string; action: string; entity_type: string; entity_id: string | null; summary: unknown; ip: string | null; prev_hash: string; hash: string }>(
      sql`select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id, actor_name, action, entity_type, entity_id, summary, ip, prev_hash, hash
          from audit_log where id > ${lastId} order by id limit ${batch}`);
    for (const r of res.rows) {
      const id = Number(r.id);
      if (r.prev_hash !== prev) {
        return { ok: false, rows: count, brokenAt: id, reason: `第 ${id} 条记录与前一条记录的链接不一致（前一条记录可能被删除或修改）` };
      }
      const expect = rowHash({ id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type, entityId: r.entity_id, summary: r.summary, ip: r.ip, prevHash: r.prev_hash });
      if (expect !== r.hash) {
        return { ok: false, rows: count, brokenAt: id, reason: `第 ${id} 条记录的内容与其校验值不符（记录被修改）` };
      }
      prev = r.hash;
      lastId = id;
      count++;
    }
    if (res.rows.length < batch) break;
  }
  const head = await db.execute<{ last_id: number; last_hash: string }>(sql`select last_id, last_hash from audit_head where id = 1`);
  const h = head.rows[0];
  if (h && (Number(h.last_id) !== lastId || h.last_hash !== prev)) {
    return { ok: false, rows: count, brokenAt: Number(h.last_id), reason: `日志末尾与链头记录不一致：链头指向第 ${h.last_id} 条，实际最后一条为第 ${lastId} 条（末尾记录可能被删除）` };
  }
  if (!h && count > 0) return { ok: false, rows: count, brokenAt: null, reason: '链头记录缺失' };
  return { ok: true, rows: count };
}
