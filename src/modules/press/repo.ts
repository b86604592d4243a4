// SQL of press events: rows, the admin list and desk counts in the user's scope, 答问口径, the public
// column (/xwfb/: approved upcoming events and published texts), the counted events of the quotas,
// and the opinion incident an event answers.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { opinionIncidents } from '../opinion/schema.ts';
import { catalogRecords } from '../catalog/schema.ts';
import { pressAnswers, pressEventExperts, pressEvents } from './schema.ts';

export type EventRow = typeof pressEvents.$inferSelect;
export type EventInsert = typeof pressEvents.$inferInsert;
export type EventView = EventRow & { orgName: string; incidentNo: string | null; incidentTitle: string | null };
export type AnswerRow = typeof pressAnswers.$inferSelect;

const viewCols = { e: pressEvents, orgName: orgUnits.name, incidentNo: opinionIncidents.no, incidentTitle: opinionIncidents.title };
const toView = (r: { e: EventRow; orgName: string; incidentNo: string | null; incidentTitle: string | null }): EventView =>
  ({ ...r.e, orgName: r.orgName, incidentNo: r.incidentNo, incidentTitle: r.incidentTitle });

export async function insertEvent(tx: Tx, v: EventInsert): Promise<number> {
  const [r] = await tx.insert(pressEvents).values(v).returning({ id: pressEvents.id });
  return r!.id;
}

export async function findEvent(db: Executor, id: number): Promise<EventView | undefined> {
  const r = await db.select(viewCols).from(pressEvents).innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId))
    .leftJoin(opinionIncidents, eq(opinionIncidents.id, pressEvents.incidentId)).where(eq(pressEvents.id, id));
  return r[0] ? toView(r[0]) : undefined;
}

export async function lockEvent(tx: Tx, id: number): Promise<EventRow | undefined> {
  return (await tx.select().from(pressEvents).where(eq(pressEvents.id, id)).for('update'))[0];
}

export async function updateEvent(tx: Tx, id: number, patch: Partial<Omit<EventInsert, 'id' | 'version'>>): Promise<void> {
  await tx.update(pressEvents).set({ ...patch, version: sql`${pressEvents.version} + 1`, updatedAt: sql`now()` }).where(eq(pressEvents.id, id));
}

// --- admin list and desk ----------------------------------------------------------------------------

export interface ListFilter {
  status?: string; type?: string; orgId?: number; year?: number; overdue?: boolean;
  /** Only these events, still to be revised and submitted again (the approvals review returned to the user). */
  returnedIds?: readonly number[];
}

/** Among these events (review returned them), those still waiting for revision: 退回修改, or held with its 补批 returned. */
function stillReturned(ids: readonly number[]): SQL {
  return and(inArray(pressEvents.id, ids.length ? [...ids] : [-1]),
    or(eq(pressEvents.status, 'returned'), and(eq(pressEvents.status, 'held'), isNull(pressEvents.approvedAt))))!;
}

function filterOf(orgIds: readonly number[], f: ListFilter, now: Date): SQL {
  const parts: SQL[] = [inArray(pressEvents.orgId, orgIds.length ? [...orgIds] : [-1])];
  if (f.status) parts.push(eq(pressEvents.status, f.status));
  if (f.type) parts.push(eq(pressEvents.type, f.type));
  if (f.orgId) parts.push(eq(pressEvents.orgId, f.orgId));
  if (f.year) parts.push(sql`extract(year from ${pressEvents.plannedAt} at time zone 'Asia/Shanghai') = ${f.year}`);
  if (f.overdue) parts.push(isNull(pressEvents.approvedAt), lt(pressEvents.approvalDueAt, now));
  if (f.returnedIds) parts.push(stillReturned(f.returnedIds));
  return and(...parts)!;
}

export async function listEvents(db: Executor, orgIds: readonly number[], f: ListFilter, now: Date, page: number, per: number): Promise<{ total: number; rows: EventView[] }> {
  const where = filterOf(orgIds, f, now);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(pressEvents).where(where);
  const rows = await db.select(viewCols).from(pressEvents).innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId))
    .leftJoin(opinionIncidents, eq(opinionIncidents.id, pressEvents.incidentId))
    .where(where).orderBy(desc(pressEvents.plannedAt), desc(pressEvents.id)).limit(per).offset((page - 1) * per);
  return { total: c?.n ?? 0, rows: rows.map(toView) };
}

/** 工作台 counts in the user's scope: drafts and returned, in review, approved but not yet held, 补批 overdue. */
export async function deskCounts(db: Executor, orgIds: readonly number[], now: Date): Promise<{ drafts: number; inReview: number; toHold: number; overdue: number }> {
  const scope = inArray(pressEvents.orgId, orgIds.length ? [...orgIds] : [-1]);
  const [r] = await db.select({
    drafts: sql<number>`count(*) filter (where ${pressEvents.status} in ('draft', 'returned'))::int`,
    inReview: sql<number>`count(*) filter (where ${pressEvents.status} = 'in_review')::int`,
    toHold: sql<number>`count(*) filter (where ${pressEvents.status} = 'approved' and ${pressEvents.plannedAt} < ${now})::int`,
    overdue: sql<number>`count(*) filter (where ${pressEvents.approvedAt} is null and ${pressEvents.approvalDueAt} < ${now})::int`,
  }).from(pressEvents).where(scope);
  return r ?? { drafts: 0, inReview: 0, toHold: 0, overdue: 0 };
}

/** The 工作台's 新闻发布退回修改: how many of these events (review returned them to the user) wait for revision in the scope. */
export async function countReturned(db: Executor, orgIds: readonly number[], ids: readonly number[]): Promise<number> {
  if (!ids.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(pressEvents)
    .where(and(inArray(pressEvents.orgId, orgIds.length ? [...orgIds] : [-1]), stillReturned(ids)));
  return r?.n ?? 0;
}

// --- 答问口径 ---------------------------------------------------------------------------------------

export async function listAnswers(db: Executor, eventId: number): Promise<AnswerRow[]> {
  return db.select().from(pressAnswers).where(eq(pressAnswers.eventId, eventId)).orderBy(asc(pressAnswers.id));
}

export async function countAnswers(db: Executor, eventId: number): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(pressAnswers).where(eq(pressAnswers.eventId, eventId));
  return r?.n ?? 0;
}

export async function insertAnswer(tx: Tx, v: typeof pressAnswers.$inferInsert): Promise<number> {
  const [r] = await tx.insert(pressAnswers).values(v).returning({ id: pressAnswers.id });
  return r!.id;
}

export async function deleteAnswer(tx: Tx, eventId: number, id: number): Promise<boolean> {
  const r = await tx.delete(pressAnswers).where(and(eq(pressAnswers.eventId, eventId), eq(pressAnswers.id, id))).returning({ id: pressAnswers.id });
  return r.length > 0;
}

// --- 解读专家 -----------------------------------------------------------------------------------------

export async function eventExpertIds(db: Executor, eventId: number): Promise<number[]> {
  const rows = await db.select({ id: pressEventExperts.expertId }).from(pressEventExperts)
    .where(eq(pressEventExperts.eventId, eventId)).orderBy(asc(pressEventExperts.sort), asc(pressEventExperts.expertId));
  return rows.map((r) => r.id);
}

/** Replaces the event's experts with `ids`, in that order. */
export async function replaceEventExperts(tx: Tx, eventId: number, ids: readonly number[], by: number): Promise<void> {
  await tx.delete(pressEventExperts).where(eq(pressEventExperts.eventId, eventId));
  if (ids.length) await tx.insert(pressEventExperts).values(ids.map((expertId, sort) => ({ eventId, expertId, sort, addedBy: by })));
}

// --- public ------------------------------------------------------------------------------------------

/** What the public may see of an event: announced once approved, texts once published. Never 口径, never the application. */
export type PublicEvent = Pick<EventRow, 'id' | 'type' | 'category' | 'title' | 'plannedAt' | 'place' | 'speaker' | 'guests' | 'heldAt'
  | 'releaseText' | 'releasePublishedAt' | 'transcriptText' | 'transcriptPublishedAt' | 'govName' | 'status' | 'cancelledAt'> & { orgId: number; orgName: string };

const publicCols = {
  id: pressEvents.id, type: pressEvents.type, category: pressEvents.category, title: pressEvents.title, plannedAt: pressEvents.plannedAt,
  place: pressEvents.place, speaker: pressEvents.speaker, guests: pressEvents.guests, heldAt: pressEvents.heldAt, govName: pressEvents.govName,
  releaseText: pressEvents.releaseText, releasePublishedAt: pressEvents.releasePublishedAt,
  transcriptText: pressEvents.transcriptText, transcriptPublishedAt: pressEvents.transcriptPublishedAt,
  status: pressEvents.status, cancelledAt: pressEvents.cancelledAt, orgId: pressEvents.orgId, orgName: orgUnits.name,
};

const published = or(isNotNull(pressEvents.releasePublishedAt), isNotNull(pressEvents.transcriptPublishedAt))!;
/** Approved (the approval complete) and not yet held. */
const announced = and(eq(pressEvents.status, 'approved'), isNotNull(pressEvents.approvedAt))!;
/** Announced, then cancelled: its page stays and says 已取消 (never in the upcoming list). */
const cancelledAnnounced = and(eq(pressEvents.status, 'cancelled'), isNotNull(pressEvents.approvedAt))!;

/** Upcoming announced events, soonest first (from `since`: an event of today still shows). */
export async function upcomingPublic(db: Executor, since: Date, limit: number): Promise<PublicEvent[]> {
  return db.select(publicCols).from(pressEvents).innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId))
    .where(and(announced, gte(pressEvents.plannedAt, since))).orderBy(asc(pressEvents.plannedAt)).limit(limit);
}

export interface PublicFilter { type?: string; orgId?: number; year?: number }

function publicWhere(f: PublicFilter): SQL {
  const parts: SQL[] = [published];
  if (f.type) parts.push(eq(pressEvents.type, f.type));
  if (f.orgId) parts.push(eq(pressEvents.orgId, f.orgId));
  if (f.year) parts.push(sql`extract(year from coalesce(${pressEvents.heldAt}, ${pressEvents.plannedAt}) at time zone 'Asia/Shanghai') = ${f.year}`);
  return and(...parts)!;
}

/** Held events with a published text, newest first. */
export async function listPublished(db: Executor, f: PublicFilter, limit: number, offset: number): Promise<{ total: number; rows: PublicEvent[] }> {
  const where = publicWhere(f);
  const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(pressEvents).where(where);
  const rows = await db.select(publicCols).from(pressEvents).innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId))
    .where(where).orderBy(desc(sql`coalesce(${pressEvents.heldAt}, ${pressEvents.plannedAt})`), desc(pressEvents.id)).limit(limit).offset(offset);
  return { total: c?.n ?? 0, rows };
}

/** One public event: published texts, or announced (also once cancelled after the announcement). */
export async function findPublic(db: Executor, id: number): Promise<PublicEvent | undefined> {
  return (await db.select(publicCols).from(pressEvents).innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId))
    .where(and(eq(pressEvents.id, id), or(published, announced, cancelledAnnounced)))).at(0);
}

/** The organisations with published events and the years they span, for the public filters. */
export async function publicFacets(db: Executor): Promise<{ orgs: { id: number; name: string }[]; years: number[] }> {
  const orgs = await db.selectDistinct({ id: orgUnits.id, name: orgUnits.name, sort: orgUnits.sort }).from(pressEvents)
    .innerJoin(orgUnits, eq(orgUnits.id, pressEvents.orgId)).where(published).orderBy(orgUnits.sort, orgUnits.name);
  const years = await db.execute<{ y: number }>(sql`select distinct extract(year from coalesce(held_at, planned_at) at time zone 'Asia/Shanghai')::int as y
    from press_events where release_published_at is not null or transcript_published_at is not null order by y desc`);
  return { orgs: orgs.map((o) => ({ id: o.id, name: o.name })), years: years.rows.map((r) => Number(r.y)) };
}

export async function sitemapEvents(db: Executor, limit: number): Promise<{ id: number; at: Date }[]> {
  const rows = await db.select({ id: pressEvents.id, at: sql<Date>`greatest(${pressEvents.releasePublishedAt}, ${pressEvents.transcriptPublishedAt})` })
    .from(pressEvents).where(published).orderBy(desc(pressEvents.id)).limit(limit);
  return rows.map((r) => ({ id: r.id, at: new Date(r.at) }));
}

// --- quotas ------------------------------------------------------------------------------------------

/** Held events of a year (Beijing dates) for the quota rules. */
export async function heldInYear(db: Executor, year: number): Promise<{ type: string; orgId: number; govName: boolean; wideScope: boolean; speakerKind: string; date: string }[]> {
  const r = await db.execute<{ type: string; org_id: number; gov_name: boolean; wide_scope: boolean; speaker_kind: string; d: string }>(sql`
    select type, org_id, gov_name, wide_scope, speaker_kind, to_char(held_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as d
    from press_events where status = 'held' and held_at is not null
      and extract(year from held_at at time zone 'Asia/Shanghai') = ${year}`);
  return r.rows.map((x) => ({ type: x.type, orgId: Number(x.org_id), govName: x.gov_name, wideScope: x.wide_scope, speakerKind: x.speaker_kind, date: x.d }));
}

// --- links -------------------------------------------------------------------------------------------

export async function incidentByNoOrId(db: Executor, key: string): Promise<{ id: number; no: string; title: string } | undefined> {
  const cond = /^\d{1,9}$/.test(key) ? eq(opinionIncidents.id, Number(key)) : eq(opinionIncidents.no, key);
  return (await db.select({ id: opinionIncidents.id, no: opinionIncidents.no, title: opinionIncidents.title }).from(opinionIncidents)
    .where(and(cond, sql`${opinionIncidents.status} <> 'merged'`))).at(0);
}

export interface IncidentEvent { id: number; orgId: number; title: string; type: string; status: string; plannedAt: Date; heldAt: Date | null; approvedAt: Date | null }

/** The press events that answer an incident (shown on the incident's page in the opinion module). */
export async function eventsOfIncident(db: Executor, incidentId: number): Promise<IncidentEvent[]> {
  return db.select({
    id: pressEvents.id, orgId: pressEvents.orgId, title: pressEvents.title, type: pressEvents.type, status: pressEvents.status,
    plannedAt: pressEvents.plannedAt, heldAt: pressEvents.heldAt, approvedAt: pressEvents.approvedAt,
  })
    .from(pressEvents).where(eq(pressEvents.incidentId, incidentId)).orderBy(asc(pressEvents.plannedAt));
}

/** The catalogue records made of an event's texts: their 索引号 and status. */
export async function linkedRecords(db: Executor, ids: readonly number[]): Promise<{ id: number; indexNo: string; status: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: catalogRecords.id, indexNo: catalogRecords.indexNo, status: catalogRecords.status }).from(catalogRecords).where(inArray(catalogRecords.id, [...ids]));
}

export async function eventCount(db: Executor): Promise<number> {
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(pressEvents);
  return r?.n ?? 0;
}
