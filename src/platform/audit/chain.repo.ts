// SQL of the hash chain: the head (locked while a row is appended), the next id and time, the
// append, and batches for verification. Only writeAudit and verifyAudit (index.ts) call these.
import { sql } from 'drizzle-orm';
import type { Executor } from '../db/index.ts';

/** Serialises appenders (one chain): held until the caller's transaction ends. */
const LOCK_KEY = 7_301_001;

type Head = { last_id: number; last_hash: string };

export async function head(db: Executor): Promise<Head | null> {
  const r = await db.execute<Head>(sql`select last_id, last_hash from audit_head where id = 1`);
  return r.rows[0] ?? null;
}

export async function lockHead(tx: Executor): Promise<Head | null> {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY})`);
  return head(tx);
}

/** The row's id and its time (UTC, microseconds) as hashed. */
export async function nextIdAndTime(tx: Executor): Promise<{ id: number; at: string }> {
  const r = await tx.execute<{ id: number; at: string }>(
    sql`select nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 as id, to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at`);
  return r.rows[0]!;
}

export async function append(tx: Executor, f: {
  id: number; at: string; actorId: number | null; actorName: string; action: string; entityType: string; entityId: string | null;
  summaryJson: string; ip: string | null; prevHash: string; hash: string;
}): Promise<void> {
  await tx.execute(sql`insert into audit_log (id, at, actor_id, actor_name, action, entity_type, entity_id, summary, ip, prev_hash, hash)
    values (${f.id}, ${f.at}, ${f.actorId}, ${f.actorName}, ${f.action}, ${f.entityType}, ${f.entityId},
            ${f.summaryJson}::jsonb, ${f.ip}, ${f.prevHash}, ${f.hash})`);
  await tx.execute(sql`insert into audit_head (id, last_id, last_hash) values (1, ${f.id}, ${f.hash})
    on conflict (id) do update set last_id = excluded.last_id, last_hash = excluded.last_hash`);
}

export type ChainRow = { id: number; at: string; actor_id: number | null; actor_name: string; action: string; entity_type: string; entity_id: string | null; summary: unknown; ip: string | null; prev_hash: string; hash: string };

export async function batchAfter(db: Executor, lastId: number, batch: number): Promise<ChainRow[]> {
  const r = await db.execute<ChainRow>(
    sql`select id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, actor_id, actor_name, action, entity_type, entity_id, summary, ip, prev_hash, hash
        from audit_log where id > ${lastId} order by id limit ${batch}`);
  return r.rows;
}
