// SQL of GET /api/v1/opinion/incidents: a page of the incidents a user may see, their deadlines,
// organisations and first original items — four statements per page whatever its size.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';

export type IncidentScope = {
  /** Organisations whose incidents (as lead or co-organisation) the user may read. */
  orgIds: readonly number[];
  /** Monitors and the disclosure office also see incidents no organisation leads yet. */
  unassigned: boolean;
};

export type IncidentFilter = { status?: string; grade?: string; from?: Date; to?: Date; limit: number; offset: number };

export type ApiIncidentRow = {
  id: number; no: string; title: string; status: string; grade: string | null; suggested_grade: string | null; category: string | null;
  suggested_category: string | null; risk_score: number; lead_org_id: number | null; co_org_ids: number[]; item_count: number; repost_count: number;
  first_item_at: string | null; last_item_at: string | null;
};

const ints = (xs: readonly number[]) => sql`${sql.param([...xs])}::int[]`;

function whereOf(scope: IncidentScope, f: IncidentFilter): SQL {
  const parts: SQL[] = [sql`(i.lead_org_id = any(${ints(scope.orgIds)}) or exists (select 1 from jsonb_array_elements_text(i.co_org_ids) c where c::int = any(${ints(scope.orgIds)}))${scope.unassigned ? sql` or i.lead_org_id is null` : sql``})`];
  if (f.status) parts.push(sql`i.status = ${f.status}`);
  if (f.grade) parts.push(sql`coalesce(i.grade, i.suggested_grade) = ${f.grade}`);
  if (f.from) parts.push(sql`i.last_item_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`i.first_item_at < ${f.to.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

export async function listApiIncidents(db: Executor, scope: IncidentScope, f: IncidentFilter): Promise<{ total: number; rows: ApiIncidentRow[] }> {
  const where = whereOf(scope, f);
  const [count, page] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_incidents i where ${where}`),
    db.execute<ApiIncidentRow>(sql`
      select i.id, i.no, i.title, i.status, i.grade, i.suggested_grade, i.category, i.suggested_category, i.risk_score, i.lead_org_id, i.co_org_ids,
        i.item_count, i.repost_count, i.first_item_at, i.last_item_at
      from opinion_incidents i where ${where}
      order by i.last_item_at desc nulls last, i.id desc limit ${f.limit} offset ${f.offset}`),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), rows: page.rows.map((r) => ({ ...r, id: Number(r.id), lead_org_id: r.lead_org_id === null ? null : Number(r.lead_org_id) })) };
}

export async function orgNames(db: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const r = await db.execute<{ id: number; name: string }>(sql`select id, name from org_units where id = any(${ints(ids)})`);
  return new Map(r.rows.map((x) => [Number(x.id), x.name]));
}

export type ApiDeadlineRow = { incident_id: number; kind: string; due_at: string; basis: string; met_at: string | null; breached_at: string | null };

export async function deadlinesOf(db: Executor, ids: readonly number[]): Promise<ApiDeadlineRow[]> {
  if (ids.length === 0) return [];
  return (await db.execute<ApiDeadlineRow>(sql`
    select incident_id, kind, due_at, basis, met_at, breached_at from opinion_deadlines
    where incident_id = any(${ints(ids)}) order by incident_id, due_at`)).rows;
}

export type ApiItemRow = { incident_id: number; id: number; title: string; text: string; url: string | null; published_at: string; source: string; repost_count: number };

/** The first `per` original items of each incident, in publication order (the author is not read). */
export async function itemsOf(db: Executor, ids: readonly number[], per: number): Promise<ApiItemRow[]> {
  if (ids.length === 0 || per === 0) return [];
  return (await db.execute<ApiItemRow>(sql`
    select x.incident_id, it.id, it.title, left(it.text, 80) as text, it.url, it.published_at, s.name as source, it.repost_count
    from unnest(${ints(ids)}) as x(incident_id)
    cross join lateral (
      select id, title, text, url, published_at, source_id, repost_count from opinion_items
      where incident_id = x.incident_id and duplicate_of_id is null order by published_at, id limit ${per}
    ) it
    join opinion_sources s on s.id = it.source_id
    order by x.incident_id, it.published_at, it.id`)).rows;
}
