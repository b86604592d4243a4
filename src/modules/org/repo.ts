// Every SQL statement of the organisation module.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { OrgFields } from './domain.ts';

/** A stored organisation: its editable fields plus id and status (kind as stored). */
export type OrgRow = Omit<OrgFields, 'kind'> & { id: number; kind: string; active: boolean };

const COLS = sql`o.id, o.parent_id as "parentId", o.name, o.short_name as "shortName", o.kind, o.region_code as "regionCode",
  o.org_code as "orgCode", o.address, o.postcode, o.phone, o.fax, o.email, o.office_hours as "officeHours", o.sort, o.active`;

/** A JS number array as one SQL int[] parameter (an empty array stays valid SQL). */
export const intArray = (ids: Iterable<number>) => sql`${'{' + [...ids].filter((n) => Number.isSafeInteger(n)).join(',') + '}'}::int[]`;

export async function listOrgs(db: Executor): Promise<OrgRow[]> {
  const r = await db.execute<OrgRow>(sql`select ${COLS} from org_units o order by o.sort, o.name, o.id`);
  return r.rows;
}

/** What the public may know of every active organisation, in tree order (roots first, then by sort). */
export type PublicOrgRow = { id: number; parentId: number | null; name: string; shortName: string | null; kind: string; orgCode: string };

export async function listPublicOrgs(db: Executor): Promise<PublicOrgRow[]> {
  const r = await db.execute<PublicOrgRow>(sql`select o.id, o.parent_id as "parentId", o.name, o.short_name as "shortName", o.kind, o.org_code as "orgCode"
    from org_units o where o.active order by (o.parent_id is not null), o.sort, o.name, o.id`);
  return r.rows.map((o) => ({ ...o, id: Number(o.id), parentId: o.parentId === null ? null : Number(o.parentId) }));
}

export async function findOrg(db: Executor, id: number): Promise<OrgRow | undefined> {
  const r = await db.execute<OrgRow>(sql`select ${COLS} from org_units o where o.id = ${id}`);
  return r.rows[0];
}

/** Locks the row for the rest of the transaction (concurrent edits of one organisation serialise). */
export async function lockOrg(db: Executor, id: number): Promise<OrgRow | undefined> {
  const r = await db.execute<OrgRow>(sql`select ${COLS} from org_units o where o.id = ${id} for update`);
  return r.rows[0];
}

/** The organisation's id and all its descendants' ids (recursive CTE; `union` stops on bad cyclic data). */
export async function subtreeIds(db: Executor, id: number): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`
    with recursive t(id) as (select ${id}::int union select o.id from org_units o join t on o.parent_id = t.id)
    select id from t`);
  return r.rows.map((x) => Number(x.id));
}

export async function childKinds(db: Executor, id: number): Promise<string[]> {
  const r = await db.execute<{ kind: string }>(sql`select distinct kind from org_units where parent_id = ${id}`);
  return r.rows.map((x) => x.kind);
}

export async function rootIds(db: Executor): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`select id from org_units where parent_id is null`);
  return r.rows.map((x) => x.id);
}

export async function orgCodeOwner(db: Executor, orgCode: string, exceptId?: number): Promise<{ id: number; name: string } | undefined> {
  const r = await db.execute<{ id: number; name: string }>(sql`select id, name from org_units
    where org_code = ${orgCode} ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`);
  return r.rows[0];
}

export async function insertOrg(db: Executor, f: OrgFields): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into org_units
    (parent_id, name, short_name, kind, region_code, org_code, address, postcode, phone, fax, email, office_hours, sort)
    values (${f.parentId}, ${f.name}, ${f.shortName}, ${f.kind}, ${f.regionCode}, ${f.orgCode}, ${f.address}, ${f.postcode},
      ${f.phone}, ${f.fax}, ${f.email}, ${f.officeHours}, ${f.sort}) returning id`);
  return r.rows[0].id;
}

export async function updateOrg(db: Executor, id: number, f: OrgFields): Promise<void> {
  await db.execute(sql`update org_units set parent_id = ${f.parentId}, name = ${f.name}, short_name = ${f.shortName}, kind = ${f.kind},
    region_code = ${f.regionCode}, org_code = ${f.orgCode}, address = ${f.address}, postcode = ${f.postcode}, phone = ${f.phone},
    fax = ${f.fax}, email = ${f.email}, office_hours = ${f.officeHours}, sort = ${f.sort}, updated_at = now()
    where id = ${id}`);
}

export async function setOrgActive(db: Executor, id: number, active: boolean): Promise<void> {
  await db.execute(sql`update org_units set active = ${active}, updated_at = now() where id = ${id}`);
}

export async function activeDependants(db: Executor, id: number): Promise<{ activeUsers: number; activeChildren: number }> {
  const r = await db.execute<{ users: number; children: number }>(sql`select
    (select count(*) from users where org_id = ${id} and active) as users,
    (select count(*) from org_units where parent_id = ${id} and active) as children`);
  return { activeUsers: Number(r.rows[0].users), activeChildren: Number(r.rows[0].children) };
}

export async function countUsers(db: Executor, id: number): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*) as n from users where org_id = ${id}`);
  return Number(r.rows[0].n);
}

/** Serialises tree changes so two concurrent moves cannot together form a cycle. */
export async function lockTree(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7301002)`);
}

/** True when the error is PostgreSQL's unique violation on the named index. */
export function isUniqueViolation(e: unknown, index: string): boolean {
  const err = (e as { cause?: unknown })?.cause ?? e;
  const x = err as { code?: string; constraint?: string };
  return x?.code === '23505' && x.constraint === index;
}
