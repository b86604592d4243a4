// SQL of the organisations' published office numbers that the privacy scan no longer reports.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';
import type { AllowedValues } from './workflow/domain.ts';

export type AllowedRow = {
  id: number; orgId: number; orgName: string; kind: string; value: string; recordId: number | null; recordIndexNo: string | null;
  createdByName: string | null; createdAt: string;
};

/** The organisation's allowed values, per kind, as the scanner takes them. */
export async function allowedValuesOf(db: Executor, orgId: number): Promise<AllowedValues> {
  const r = await db.execute<{ kind: string; value: string }>(sql`select kind, value from catalog_allowed_numbers where org_id = ${orgId}`);
  const out: Record<string, string[]> = {};
  for (const x of r.rows) (out[x.kind] ??= []).push(x.value);
  return out as AllowedValues;
}

/** Adds a value; returns its id, or null when the organisation already has it. */
export async function insertAllowed(db: Executor, a: { orgId: number; kind: string; value: string; recordId: number | null; createdBy: number | null }): Promise<number | null> {
  const r = await db.execute<{ id: number }>(sql`insert into catalog_allowed_numbers (org_id, kind, value, record_id, created_by)
    values (${a.orgId}, ${a.kind}, ${a.value}, ${a.recordId}, ${a.createdBy}) on conflict (org_id, kind, value) do nothing returning id`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

const COLS = sql`n.id, n.org_id as "orgId", o.name as "orgName", n.kind, n.value, n.record_id as "recordId", r.index_no as "recordIndexNo",
  u.display_name as "createdByName", n.created_at as "createdAt"`;
const FROM = sql`catalog_allowed_numbers n join org_units o on o.id = n.org_id left join catalog_records r on r.id = n.record_id
  left join users u on u.id = n.created_by`;

export async function listAllowed(db: Executor, scope: Iterable<number>): Promise<AllowedRow[]> {
  const r = await db.execute<AllowedRow>(sql`select ${COLS} from ${FROM} where n.org_id = any(${intArray(scope)}) order by o.sort, o.id, n.value limit 2000`);
  return r.rows.map((x) => ({ ...x, createdAt: new Date(x.createdAt).toISOString() }));
}

export async function lockAllowed(db: Executor, id: number): Promise<AllowedRow | undefined> {
  const r = await db.execute<AllowedRow>(sql`select ${COLS} from ${FROM} where n.id = ${id} for update of n`);
  return r.rows[0];
}

export async function deleteAllowed(db: Executor, id: number): Promise<void> {
  await db.execute(sql`delete from catalog_allowed_numbers where id = ${id}`);
}
