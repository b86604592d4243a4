// SQL of 舆情 handling: the incident list (scoped, filtered, paged, with each incident's nearest open
// deadline), one incident with its items, deadlines, timeline and responses, the row lock and the
// versioned update every 研判 step goes through, item moves (merge, split), corrections, and the
// people and contacts a 重大 incident is reported to.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { opinionCorrections, opinionDeadlines, opinionDutyContacts, opinionEvents, opinionIncidents, opinionItems, opinionResponses, opinionRoutingRules, opinionSources } from './schema.ts';

export type IncidentRow = typeof opinionIncidents.$inferSelect;
export type DeadlineRow = typeof opinionDeadlines.$inferSelect;
export type EventRow = typeof opinionEvents.$inferSelect;
export type ResponseRow = typeof opinionResponses.$inferSelect;

const ints = (xs: readonly number[]) => sql`${sql.param([...xs])}::int[]`;
const texts = (xs: readonly string[]) => sql`${sql.param([...xs])}::text[]`;

/**
 * Which incidents a user sees: `all` (a monitor over the whole county), else those led or co-handled
 * by the organisations of `orgIds`, plus the unassigned ones when `unassigned` (monitors, assigners).
 */
export type ListScope = { all: boolean; orgIds: readonly number[]; unassigned: boolean };

export type ListFilter = {
  status?: string | null; grade?: string | null; category?: string | null; orgId?: number | null; q?: string | null;
  /** 'soon': an open deadline due within the hour; 'breached': a deadline passed and not met. */
  due?: 'soon' | 'breached' | null;
  /** Only these incidents (e.g. those with a response waiting for the user's review). */
  ids?: readonly number[] | null;
  now: Date;
};

function scopeSql(s: ListScope): SQL {
  if (s.all) return sql`true`;
  const own = sql`(i.lead_org_id = any(${ints(s.orgIds)}) or exists (select 1 from jsonb_array_elements_text(i.co_org_ids) c where c::int = any(${ints(s.orgIds)})))`;
  return s.unassigned ? sql`(${own} or i.lead_org_id is null)` : own;
}

function whereOf(s: ListScope, f: ListFilter): SQL {
  const parts: SQL[] = [scopeSql(s)];
  if (f.status === 'open') parts.push(sql`i.status in ('candidate', 'confirmed', 'responding')`);
  else if (f.status) parts.push(sql`i.status = ${f.status}`);
  if (f.grade) parts.push(sql`coalesce(i.grade, i.suggested_grade) = ${f.grade}`);
  if (f.category) parts.push(sql`coalesce(i.category, i.suggested_category) = ${f.category}`);
  if (f.ids) parts.push(sql`i.id = any(${ints(f.ids)})`);
  if (f.orgId) parts.push(sql`(i.lead_org_id = ${f.orgId} or i.co_org_ids @> ${JSON.stringify([f.orgId])}::jsonb)`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(i.no ilike ${like} or i.title ilike ${like} or exists (select 1 from opinion_items t where t.incident_id = i.id and (t.title ilike ${like} or t.text ilike ${like})))`);
  }
  const now = f.now.toISOString();
  if (f.due === 'soon') {
    parts.push(sql`i.status in ('candidate', 'confirmed', 'responding') and exists (select 1 from opinion_deadlines d where d.incident_id = i.id and d.met_at is null and d.breached_at is null
      and d.due_at >= ${now}::timestamptz and d.due_at < ${now}::timestamptz + interval '1 hour')`);
  } else if (f.due === 'breached') {
    parts.push(sql`i.status in ('candidate', 'confirmed', 'responding') and exists (select 1 from opinion_deadlines d where d.incident_id = i.id and d.met_at is null and d.breached_at is not null)`);
  }
  return sql.join(parts, sql` and `);
}

export type ListRow = {
  id: number; no: string; title: string; status: string; origin: string; grade: string | null; suggestedGrade: string | null;
  category: string | null; suggestedCategory: string | null; riskScore: number; leadOrgName: string | null; itemCount: number; repostCount: number;
  lastItemAt: Date | null; nextKind: string | null; nextDueAt: Date | null;
};

export async function listIncidents(db: Executor, scope: ListScope, f: ListFilter, page: number, per: number): Promise<{ total: number; rows: ListRow[] }> {
  const where = whereOf(scope, f);
  const [count, list] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_incidents i where ${where}`),
    db.execute<Record<string, unknown>>(sql`
      select i.id, i.no, i.title, i.status, i.origin, i.grade, i.suggested_grade, i.category, i.suggested_category, i.risk_score,
        o.name as lead_org_name, i.item_count, i.repost_count, i.last_item_at, d.kind as next_kind, d.due_at as next_due_at
      from opinion_incidents i
      left join org_units o on o.id = i.lead_org_id
      left join lateral (
        select kind, due_at from opinion_deadlines where incident_id = i.id and met_at is null order by due_at limit 1
      ) d on i.status in ('candidate', 'confirmed', 'responding')
      where ${where}
      order by (i.status = 'candidate') desc, d.due_at asc nulls last, i.last_item_at desc nulls last, i.id desc
      limit ${per} offset ${(page - 1) * per}`),
  ]);
  const date = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    rows: list.rows.map((r) => ({
      id: Number(r.id), no: r.no as string, title: r.title as string, status: r.status as string, origin: r.origin as string,
      grade: r.grade as string | null, suggestedGrade: r.suggested_grade as string | null, category: r.category as string | null,
      suggestedCategory: r.suggested_category as string | null, riskScore: Number(r.risk_score), leadOrgName: r.lead_org_name as string | null,
      itemCount: Number(r.item_count), repostCount: Number(r.repost_count), lastItemAt: date(r.last_item_at),
      nextKind: r.next_kind as string | null, nextDueAt: date(r.next_due_at),
    })),
  };
}

/** Organisations at the top of the tree (the county government): a monitor granted there sees every incident. */
export async function rootOrgIds(db: Executor): Promise<number[]> {
  return (await db.select({ id: orgUnits.id }).from(orgUnits).where(sql`${orgUnits.parentId} is null`)).map((r) => r.id);
}

export type OrgChoice = { id: number; name: string; parentId: number | null; kind: string; vertical: boolean };

/** Active organisations (for filters and assignment), each marked when a routing rule calls it vertically managed. */
export async function orgChoices(db: Executor): Promise<OrgChoice[]> {
  const r = await db.execute<{ id: number; name: string; parent_id: number | null; kind: string; vertical: boolean }>(sql`
    select o.id, o.name, o.parent_id, o.kind,
      exists (select 1 from ${opinionRoutingRules} r where r.org_id = o.id and r.vertical) as vertical
    from org_units o where o.active order by o.sort, o.id`);
  return r.rows.map((x) => ({ id: Number(x.id), name: x.name, parentId: x.parent_id === null ? null : Number(x.parent_id), kind: x.kind, vertical: !!x.vertical }));
}

export async function orgKindOf(db: Executor, id: number): Promise<string | null> {
  return (await db.select({ kind: orgUnits.kind }).from(orgUnits).where(eq(orgUnits.id, id)))[0]?.kind ?? null;
}

// --- one incident ------------------------------------------------------------------------------

export async function findIncident(db: Executor, id: number): Promise<IncidentRow | undefined> {
  return (await db.select().from(opinionIncidents).where(eq(opinionIncidents.id, id)))[0];
}

export async function findIncidentByNo(db: Executor, no: string): Promise<IncidentRow | undefined> {
  return (await db.select().from(opinionIncidents).where(eq(opinionIncidents.no, no)))[0];
}

/** Locks incidents in id order (merge locks two), returning them by id. */
export async function lockIncidents(tx: Tx, ids: readonly number[]): Promise<Map<number, IncidentRow>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, IncidentRow>();
  for (const id of sorted) {
    const r = (await tx.select().from(opinionIncidents).where(eq(opinionIncidents.id, id)).for('update'))[0];
    if (r) out.set(id, r);
  }
  return out;
}

export type IncidentPatch = Partial<Omit<typeof opinionIncidents.$inferInsert, 'id' | 'version' | 'no'>>;

/** Every change of an incident moves its version on (the forms carry it: optimistic locking). */
export async function updateIncident(tx: Tx, id: number, patch: IncidentPatch, at: Date): Promise<number> {
  const r = await tx.update(opinionIncidents).set({ ...patch, updatedAt: at, version: sql`${opinionIncidents.version} + 1` })
    .where(eq(opinionIncidents.id, id)).returning({ version: opinionIncidents.version });
  return r[0]!.version;
}

export type ItemView = {
  id: number; title: string; text: string; url: string | null; publishedAt: Date; mediaType: string; sourceName: string;
  authorEnc: string | null; duplicateOfId: number | null; repostCount: number;
};

/** An incident's items, originals first in publication order (at most `limit`). */
export async function incidentItems(db: Executor, incidentId: number, limit = 200): Promise<ItemView[]> {
  return db.select({
    id: opinionItems.id, title: opinionItems.title, text: opinionItems.text, url: opinionItems.url, publishedAt: opinionItems.publishedAt,
    mediaType: opinionItems.mediaType, sourceName: opinionSources.name, authorEnc: opinionItems.authorEnc, duplicateOfId: opinionItems.duplicateOfId,
    repostCount: opinionItems.repostCount,
  }).from(opinionItems).innerJoin(opinionSources, eq(opinionSources.id, opinionItems.sourceId))
    .where(eq(opinionItems.incidentId, incidentId))
    .orderBy(sql`${opinionItems.duplicateOfId} is not null`, asc(opinionItems.publishedAt), asc(opinionItems.id)).limit(limit);
}

export async function incidentDeadlines(db: Executor, incidentId: number): Promise<DeadlineRow[]> {
  return db.select().from(opinionDeadlines).where(eq(opinionDeadlines.incidentId, incidentId)).orderBy(asc(opinionDeadlines.dueAt), asc(opinionDeadlines.kind));
}

export async function incidentEvents(db: Executor, incidentId: number): Promise<EventRow[]> {
  return db.select().from(opinionEvents).where(eq(opinionEvents.incidentId, incidentId)).orderBy(asc(opinionEvents.at), asc(opinionEvents.id));
}

export async function incidentResponses(db: Executor, incidentId: number): Promise<(ResponseRow & { orgName: string })[]> {
  return db.select({ r: opinionResponses, orgName: orgUnits.name }).from(opinionResponses).innerJoin(orgUnits, eq(orgUnits.id, opinionResponses.orgId))
    .where(eq(opinionResponses.incidentId, incidentId)).orderBy(asc(opinionResponses.createdAt), asc(opinionResponses.id))
    .then((rows) => rows.map((x) => ({ ...x.r, orgName: x.orgName })));
}

export async function insertCorrections(tx: Tx, rows: (typeof opinionCorrections.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(opinionCorrections).values(rows);
}

export async function correctionsOf(db: Executor, incidentId: number) {
  return db.select().from(opinionCorrections).where(eq(opinionCorrections.incidentId, incidentId)).orderBy(asc(opinionCorrections.id));
}

// --- deadlines written by 研判 -----------------------------------------------------------------

export type DeadlineWrite = { kind: string; dueAt: Date; basis: string };

/** Inserts the deadlines, or moves those of the same kind that are still open (neither met nor breached). */
export async function upsertDeadlines(tx: Tx, incidentId: number, rows: readonly DeadlineWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(opinionDeadlines).values(rows.map((d) => ({ incidentId, kind: d.kind, dueAt: d.dueAt, basis: d.basis })))
    .onConflictDoUpdate({
      target: [opinionDeadlines.incidentId, opinionDeadlines.kind],
      set: { dueAt: sql`excluded.due_at`, basis: sql`excluded.basis` },
      setWhere: sql`${opinionDeadlines.metAt} is null and ${opinionDeadlines.breachedAt} is null`,
    });
}

export async function deleteOpenDeadlines(tx: Tx, incidentId: number, kinds: readonly string[]): Promise<void> {
  if (kinds.length === 0) return;
  await tx.delete(opinionDeadlines).where(and(eq(opinionDeadlines.incidentId, incidentId), inArray(opinionDeadlines.kind, [...kinds]),
    sql`${opinionDeadlines.metAt} is null and ${opinionDeadlines.breachedAt} is null`));
}

// --- merge and split ---------------------------------------------------------------------------

/** Moves items (and the duplicates of those originals) to another incident; `itemIds` null moves them all. */
export async function moveItems(tx: Tx, fromId: number, toId: number, itemIds: readonly number[] | null): Promise<number> {
  const r = itemIds === null
    ? await tx.execute(sql`update opinion_items set incident_id = ${toId} where incident_id = ${fromId}`)
    : await tx.execute(sql`update opinion_items set incident_id = ${toId}
        where incident_id = ${fromId} and (id = any(${ints(itemIds)}) or duplicate_of_id = any(${ints(itemIds)}))`);
  return r.rowCount ?? 0;
}

/** Original items of the incident among `ids`. */
export async function originalsAmong(db: Executor, incidentId: number, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  return (await db.select({ id: opinionItems.id }).from(opinionItems)
    .where(and(eq(opinionItems.incidentId, incidentId), inArray(opinionItems.id, [...ids]), sql`${opinionItems.duplicateOfId} is null`))).map((r) => r.id);
}

export async function countOriginals(db: Executor, incidentId: number): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionItems).where(and(eq(opinionItems.incidentId, incidentId), sql`${opinionItems.duplicateOfId} is null`));
  return r[0]?.n ?? 0;
}

/** Counts, span and keyword terms recomputed from the items the incident holds now. */
export async function recountIncident(tx: Tx, id: number): Promise<void> {
  await tx.execute(sql`
    update opinion_incidents i set
      item_count = s.originals, repost_count = s.reposts, first_item_at = s.first_at, last_item_at = s.last_at,
      terms = coalesce(s.terms, '{}'::text[]), places = coalesce(s.places, '[]'::jsonb)
    from (
      select count(*) filter (where duplicate_of_id is null)::int as originals, count(*) filter (where duplicate_of_id is not null)::int as reposts,
        min(published_at) as first_at, max(published_at) as last_at,
        (select array_agg(distinct k) from opinion_items t, jsonb_array_elements_text(t.keywords) k where t.incident_id = ${id}) as terms,
        (select jsonb_agg(distinct p) from opinion_items t, jsonb_array_elements_text(t.places) p where t.incident_id = ${id}) as places
      from opinion_items where incident_id = ${id}
    ) s where i.id = ${id}`);
}

// --- who is told -------------------------------------------------------------------------------

/**
 * Active users with an e-mail who hold one of `roles` and work in the government office or the
 * cyberspace office (网信办); when nobody there does, every such holder.
 */
export async function reportRecipients(db: Executor, roles: readonly string[]): Promise<{ id: number; email: string; name: string }[]> {
  const r = await db.execute<{ id: number; email: string; name: string; upward: boolean }>(sql`
    select distinct u.id, u.email, u.display_name as name, (o.kind = 'office' or o.name like '%网信%' or coalesce(o.short_name, '') like '%网信%') as upward
    from users u join role_grants g on g.user_id = u.id join org_units o on o.id = u.org_id
    where u.active and u.email is not null and u.email <> '' and g.role = any(${texts(roles)})
    order by u.id`);
  const upward = r.rows.filter((x) => x.upward);
  return (upward.length ? upward : r.rows).map((x) => ({ id: Number(x.id), email: x.email, name: x.name }));
}

export type DutyContact = { id: number; orgName: string; name: string; position: string; phoneEnc: string; email: string | null; hours: string };

export async function dutyContacts(db: Executor): Promise<DutyContact[]> {
  return db.select({
    id: opinionDutyContacts.id, orgName: orgUnits.name, name: opinionDutyContacts.name, position: opinionDutyContacts.position,
    phoneEnc: opinionDutyContacts.phoneEnc, email: opinionDutyContacts.email, hours: opinionDutyContacts.hours,
  }).from(opinionDutyContacts).innerJoin(orgUnits, eq(orgUnits.id, opinionDutyContacts.orgId))
    .where(eq(opinionDutyContacts.active, true)).orderBy(asc(orgUnits.sort), asc(opinionDutyContacts.id));
}

// --- 工作台 --------------------------------------------------------------------------------------

/** How many of these incidents are in the user's list scope (a 工作台 count over an id list). */
export async function countInScope(db: Executor, scope: ListScope, ids: readonly number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  return Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_incidents i where ${whereOf(scope, { ids, now })}`)).rows[0]?.n ?? 0);
}

export async function deskCounts(db: Executor, scope: ListScope, now: Date): Promise<{ candidates: number; soon: number; breached: number }> {
  const n = async (f: Omit<ListFilter, 'now'>) =>
    Number((await db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_incidents i where ${whereOf(scope, { ...f, now })}`)).rows[0]?.n ?? 0);
  const [candidates, soon, breached] = await Promise.all([n({ status: 'candidate' }), n({ due: 'soon' }), n({ due: 'breached' })]);
  return { candidates, soon, breached };
}
