// Hash-chained audit log. write() runs inside the caller's transaction, so a change and its audit
// row commit together; an advisory lock serialises writers so the chain has no forks.
import { sm3Hex } from '../crypto/index.ts';
import type { Executor } from '../db/index.ts';
import * as chain from './chain.repo.ts';

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
  const prevHash = (await chain.lockHead(tx))?.last_hash ?? GENESIS;
  const { id, at } = await chain.nextIdAndTime(tx);
  const fields: ChainFields = {
    id: Number(id), at, actorId: actor.id, actorName: actor.name, action: entry.action,
    entityType: entry.entityType, entityId: entry.entityId == null ? null : String(entry.entityId),
    summary: JSON.parse(canonical(entry.summary ?? {})), ip: actor.ip ?? null, prevHash,
  };
  const hash = rowHash(fields);
  await chain.append(tx, { ...fields, summaryJson: canonical(fields.summary), hash });
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
    const res = { rows: await chain.batchAfter(db, lastId, batch) };
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
  const h = await chain.head(db);
  if (h && (Number(h.last_id) !== lastId || h.last_hash !== prev)) {
    return { ok: false, rows: count, brokenAt: Number(h.last_id), reason: `日志末尾与链头记录不一致：链头指向第 ${h.last_id} 条，实际最后一条为第 ${lastId} 条（末尾记录可能被删除）` };
  }
  if (!h && count > 0) return { ok: false, rows: count, brokenAt: null, reason: '链头记录缺失' };
  return { ok: true, rows: count };
}
