// SQL of 舆情日志, 舆情统计 and 专报: the rows reports.domain.ts aggregates, in the reader's scope
// (incidents led or co-handled by an organisation in scope; monitors also the unassigned ones and
// every item). Timestamps come back as Date, counts as numbers.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { BEIJING_TZ } from '../../platform/time/index.ts';
import { opinionIncidents } from './schema.ts';
import type {
  Bounds, DashDeadlineRow, DashIncidentRow, DayItemRow, LogDeadlineRow, LogIncidentRow, LogResponseRow, ReportScope, SourceCountRow, TermRow,
} from './reports.domain.ts';

const ints = (xs: readonly number[]) => sql`${sql.param([...xs])}::int[]`;
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const date = (v: string | Date | null): Date | null => (v === null ? null : v instanceof Date ? v : new Date(v));
const dateOf = (v: string | Date): Date => (v instanceof Date ? v : new Date(v));

/** The incidents (alias i) the scope may read. */
function incidentScope(scope: ReportScope): SQL {
  return sql`(i.lead_org_id = any(${ints(scope.orgIds)})
    or exists (select 1 from jsonb_array_elements_text(i.co_org_ids) c where c::int = any(${ints(scope.orgIds)}))
    ${scope.unassigned ? sql`or i.lead_org_id is null` : sql``})`;
}

/** Items (alias it, left-joined incident i) the scope may read: monitors every item, others those of their incidents. */
const itemScope = (scope: ReportScope): SQL => (scope.unassigned ? sql`true` : sql`(i.id is not null and ${incidentScope(scope)})`);

// --- 舆情日志 ------------------------------------------------------------------------------------

export async function logSourceCounts(db: Executor, scope: ReportScope, b: Bounds): Promise<SourceCountRow[]> {
  const r = await db.execute<{ source: string; media_type: string; originals: number; duplicates: number }>(sql`
    select s.name as source, s.media_type,
      count(*) filter (where it.duplicate_of_id is null)::int as originals,
      count(*) filter (where it.duplicate_of_id is not null)::int as duplicates
    from opinion_items it
    join opinion_sources s on s.id = it.source_id
    left join opinion_incidents i on i.id = it.incident_id
    where it.published_at >= ${ts(b.from)} and it.published_at < ${ts(b.to)} and ${itemScope(scope)}
    group by s.name, s.media_type`);
  return r.rows.map((x) => ({ source: x.source, mediaType: x.media_type, originals: Number(x.originals), duplicates: Number(x.duplicates) }));
}

type IncidentSql = {
  id: number; no: string; title: string; status: string; grade: string | null; suggested_grade: string | null; lead_org: string | null;
  created_at: string; confirmed_at: string | null; closed_at: string | null;
};

/** Incidents opened, confirmed or closed within the bounds. */
export async function logIncidents(db: Executor, scope: ReportScope, b: Bounds): Promise<LogIncidentRow[]> {
  const inB = (col: SQL) => sql`(${col} >= ${ts(b.from)} and ${col} < ${ts(b.to)})`;
  const r = await db.execute<IncidentSql>(sql`
    select i.id, i.no, i.title, i.status, i.grade, i.suggested_grade, o.name as lead_org, i.created_at, i.confirmed_at, i.closed_at
    from opinion_incidents i left join org_units o on o.id = i.lead_org_id
    where ${incidentScope(scope)} and (${inB(sql`i.created_at`)} or ${inB(sql`i.confirmed_at`)} or ${inB(sql`i.closed_at`)})
    order by i.id`);
  return r.rows.map((x) => ({
    id: Number(x.id), no: x.no, title: x.title, status: x.status, grade: x.grade, suggestedGrade: x.suggested_grade, leadOrg: x.lead_org,
    createdAt: dateOf(x.created_at), confirmedAt: date(x.confirmed_at), closedAt: date(x.closed_at),
  }));
}

/** Responses published (responded_at) within the bounds. */
export async function logResponses(db: Executor, scope: ReportScope, b: Bounds): Promise<LogResponseRow[]> {
  const r = await db.execute<{ incident_id: number; no: string; title: string; channel: string; org: string; responded_at: string }>(sql`
    select r.incident_id, i.no, i.title, r.channel, o.name as org, r.responded_at
    from opinion_responses r
    join opinion_incidents i on i.id = r.incident_id
    join org_units o on o.id = r.org_id
    where r.responded_at >= ${ts(b.from)} and r.responded_at < ${ts(b.to)} and ${incidentScope(scope)}
    order by r.responded_at, r.id`);
  return r.rows.map((x) => ({ incidentId: Number(x.incident_id), no: x.no, title: x.title, channel: x.channel, org: x.org, respondedAt: dateOf(x.responded_at) }));
}

/** Deadlines due within the bounds, and those still unmet at `asOf` on incidents being handled then. */
export async function logDeadlines(db: Executor, scope: ReportScope, b: Bounds, asOf: Date): Promise<LogDeadlineRow[]> {
  const r = await db.execute<{
    incident_id: number; no: string; title: string; kind: string; lead_org: string | null; due_at: string; met_at: string | null; breached_at: string | null;
    started_at: string; closed_at: string | null; status: string;
  }>(sql`
    select d.incident_id, i.no, i.title, d.kind, o.name as lead_org, d.due_at, d.met_at, d.breached_at,
      coalesce(i.confirmed_at, i.created_at) as started_at, i.closed_at, i.status
    from opinion_deadlines d
    join opinion_incidents i on i.id = d.incident_id
    left join org_units o on o.id = i.lead_org_id
    where ${incidentScope(scope)} and (
      (d.due_at >= ${ts(b.from)} and d.due_at < ${ts(b.to)})
      or ((d.met_at is null or d.met_at >= ${ts(asOf)}) and coalesce(i.confirmed_at, i.created_at) < ${ts(asOf)}
          and (i.closed_at is null or i.closed_at >= ${ts(asOf)}) and i.status not in ('dismissed', 'merged')))
    order by d.due_at, d.id`);
  return r.rows.map((x) => ({
    incidentId: Number(x.incident_id), no: x.no, title: x.title, kind: x.kind, leadOrg: x.lead_org,
    dueAt: dateOf(x.due_at), metAt: date(x.met_at), breachedAt: date(x.breached_at),
    startedAt: dateOf(x.started_at), closedAt: date(x.closed_at), status: x.status,
  }));
}

// --- 舆情统计 ------------------------------------------------------------------------------------

/** Items per Beijing calendar day and source. */
export async function dayItemCounts(db: Executor, scope: ReportScope, b: Bounds): Promise<DayItemRow[]> {
  const r = await db.execute<{ date: string; source: string; originals: number; duplicates: number }>(sql`
    select to_char(it.published_at at time zone ${BEIJING_TZ}, 'YYYY-MM-DD') as date, s.name as source,
      count(*) filter (where it.duplicate_of_id is null)::int as originals,
      count(*) filter (where it.duplicate_of_id is not null)::int as duplicates
    from opinion_items it
    join opinion_sources s on s.id = it.source_id
    left join opinion_incidents i on i.id = it.incident_id
    where it.published_at >= ${ts(b.from)} and it.published_at < ${ts(b.to)} and ${itemScope(scope)}
    group by 1, 2`);
  return r.rows.map((x) => ({ date: x.date, source: x.source, originals: Number(x.originals), duplicates: Number(x.duplicates) }));
}

/** Incidents opened within the bounds (not dismissed or merged), with the grade and category in force. */
export async function dashIncidents(db: Executor, scope: ReportScope, b: Bounds): Promise<DashIncidentRow[]> {
  const r = await db.execute<{ id: number; created_at: string; category: string | null; grade: string | null; lead_org: string | null }>(sql`
    select i.id, i.created_at, coalesce(i.category, i.suggested_category) as category, coalesce(i.grade, i.suggested_grade) as grade, o.name as lead_org
    from opinion_incidents i left join org_units o on o.id = i.lead_org_id
    where i.created_at >= ${ts(b.from)} and i.created_at < ${ts(b.to)} and i.status not in ('dismissed', 'merged') and ${incidentScope(scope)}`);
  return r.rows.map((x) => ({ id: Number(x.id), createdAt: dateOf(x.created_at), category: x.category, grade: x.grade, leadOrg: x.lead_org }));
}

/** Deadlines due within the bounds on incidents in scope. */
export async function dashDeadlines(db: Executor, scope: ReportScope, b: Bounds): Promise<DashDeadlineRow[]> {
  const r = await db.execute<{ kind: string; due_at: string; met_at: string | null; breached_at: string | null }>(sql`
    select d.kind, d.due_at, d.met_at, d.breached_at
    from opinion_deadlines d join opinion_incidents i on i.id = d.incident_id
    where d.due_at >= ${ts(b.from)} and d.due_at < ${ts(b.to)} and i.status not in ('dismissed', 'merged') and ${incidentScope(scope)}`);
  return r.rows.map((x) => ({ kind: x.kind, dueAt: dateOf(x.due_at), metAt: date(x.met_at), breachedAt: date(x.breached_at) }));
}

/** How many items carried each keyword within the bounds (the 200 most frequent). */
export async function termCounts(db: Executor, scope: ReportScope, b: Bounds): Promise<TermRow[]> {
  const r = await db.execute<{ term: string; count: number }>(sql`
    select k.term, count(*)::int as count
    from opinion_items it
    left join opinion_incidents i on i.id = it.incident_id
    cross join lateral jsonb_array_elements_text(it.keywords) as k(term)
    where it.published_at >= ${ts(b.from)} and it.published_at < ${ts(b.to)} and ${itemScope(scope)}
    group by k.term order by count(*) desc, k.term limit 200`);
  return r.rows.map((x) => ({ term: x.term, count: Number(x.count) }));
}

// --- 专报 ----------------------------------------------------------------------------------------

export type ReportIncident = typeof opinionIncidents.$inferSelect;

export async function findReportIncident(db: Executor, id: number): Promise<ReportIncident | undefined> {
  return (await db.select().from(opinionIncidents).where(eq(opinionIncidents.id, id)))[0];
}

export async function orgNamesOf(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; name: string }>(sql`select id, name from org_units where id = any(${ints(ids)})`);
  return new Map(r.rows.map((x) => [Number(x.id), x.name]));
}

export interface ReportItemRow { id: number; title: string; text: string; url: string | null; publishedAt: Date; authorEnc: string | null; source: string; mediaType: string; repostCount: number }

/** The incident's most reposted originals (then the earliest), `limit` of them; the author comes encrypted. */
export async function reportItems(db: Executor, incidentId: number, limit: number): Promise<ReportItemRow[]> {
  const r = await db.execute<{ id: number; title: string; text: string; url: string | null; published_at: string; author_enc: string | null; source: string; media_type: string; repost_count: number }>(sql`
    select it.id, it.title, left(it.text, 120) as text, it.url, it.published_at, it.author_enc, s.name as source, it.media_type, it.repost_count
    from opinion_items it join opinion_sources s on s.id = it.source_id
    where it.incident_id = ${incidentId} and it.duplicate_of_id is null
    order by it.repost_count desc, it.published_at, it.id limit ${limit}`);
  return r.rows.map((x) => ({
    id: Number(x.id), title: x.title, text: x.text, url: x.url, publishedAt: dateOf(x.published_at), authorEnc: x.author_enc,
    source: x.source, mediaType: x.media_type, repostCount: Number(x.repost_count),
  }));
}

/** Items of the incident by media type: originals and reposts (duplicates collapsed into them). */
export async function reportMediaCounts(db: Executor, incidentId: number): Promise<{ mediaType: string; originals: number; duplicates: number }[]> {
  const r = await db.execute<{ media_type: string; originals: number; duplicates: number }>(sql`
    select it.media_type,
      count(*) filter (where it.duplicate_of_id is null)::int as originals,
      count(*) filter (where it.duplicate_of_id is not null)::int as duplicates
    from opinion_items it where it.incident_id = ${incidentId} group by it.media_type order by count(*) desc, it.media_type`);
  return r.rows.map((x) => ({ mediaType: x.media_type, originals: Number(x.originals), duplicates: Number(x.duplicates) }));
}

export interface ReportEventRow { type: string; data: Record<string, unknown>; at: Date; actorName: string }

export async function reportEvents(db: Executor, incidentId: number): Promise<ReportEventRow[]> {
  const r = await db.execute<{ type: string; data: Record<string, unknown>; at: string; actor_name: string }>(sql`
    select type, data, at, actor_name from opinion_events where incident_id = ${incidentId} order by at, id`);
  return r.rows.map((x) => ({ type: x.type, data: x.data ?? {}, at: dateOf(x.at), actorName: x.actor_name }));
}

export interface ReportDeadlineRow { kind: string; dueAt: Date; basis: string; metAt: Date | null; breachedAt: Date | null }

export async function reportDeadlines(db: Executor, incidentId: number): Promise<ReportDeadlineRow[]> {
  const r = await db.execute<{ kind: string; due_at: string; basis: string; met_at: string | null; breached_at: string | null }>(sql`
    select kind, due_at, basis, met_at, breached_at from opinion_deadlines where incident_id = ${incidentId} order by due_at, id`);
  return r.rows.map((x) => ({ kind: x.kind, dueAt: dateOf(x.due_at), basis: x.basis, metAt: date(x.met_at), breachedAt: date(x.breached_at) }));
}

export interface ReportResponseRow { channel: string; title: string; url: string | null; org: string; status: string; respondedAt: Date | null; publishedAt: Date | null }

export async function reportResponses(db: Executor, incidentId: number): Promise<ReportResponseRow[]> {
  const r = await db.execute<{ channel: string; title: string; url: string | null; org: string; status: string; responded_at: string | null; published_at: string | null }>(sql`
    select r.channel, r.title, r.url, o.name as org, r.status, r.responded_at, r.published_at
    from opinion_responses r join org_units o on o.id = r.org_id
    where r.incident_id = ${incidentId} order by r.responded_at nulls last, r.id`);
  return r.rows.map((x) => ({ channel: x.channel, title: x.title, url: x.url, org: x.org, status: x.status, respondedAt: date(x.responded_at), publishedAt: date(x.published_at) }));
}
