// SQL of the accountability findings after they are created (deadlines.repo.ts creates them): the
// government office a finding falls on when no lead unit was named, open findings whose deadline is
// still unmet (the job raises them), one finding locked for 决定 / 撤销, the list of
// /admin/opinion/findings with its status filter, and the decided findings the assessment reads.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { beijingMidnight } from '../../platform/time/index.ts';
import { addDays } from '../../calendar/calendar.ts';
import { opinionFindings } from './schema.ts';

const ints = (xs: readonly number[]) => sql`${sql.param([...xs])}::int[]`;
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

/**
 * The county government office (县政府办公室): the active `office` organisation directly under a
 * root of the tree, else the root government itself; null in a tree that has neither.
 */
export async function governmentOfficeId(db: Executor): Promise<number | null> {
  const r = await db.execute<{ id: number }>(sql`
    select o.id from org_units o left join org_units p on p.id = o.parent_id
    where o.active and ((o.kind = 'office' and p.parent_id is null and p.id is not null) or (o.kind = 'government' and o.parent_id is null))
    order by (o.kind = 'office') desc, o.sort, o.id limit 1`);
  return r.rows[0] ? Number(r.rows[0].id) : null;
}

export type RisingFinding = {
  id: number; kind: string; orgId: number; orgName: string; createdAt: Date; withoutLead: boolean;
  incidentId: number; no: string; title: string; grade: string | null; leadOrgId: number | null; leadOrgName: string | null;
  deadlineKind: string; dueAt: Date; basis: string;
};

/**
 * Open findings whose deadline was breached and is still unmet, on incidents still open: the ones
 * the job looks at again. Locked (skip locked, like the breaches); a decided or withdrawn finding
 * is never among them.
 */
export async function lockRisingFindings(tx: Tx, limit = 500): Promise<RisingFinding[]> {
  const r = await tx.execute<Record<string, unknown>>(sql`
    select f.id, f.kind, f.org_id, fo.name as org_name, f.created_at, f.without_lead, i.id as incident_id, i.no, i.title, i.grade, i.lead_org_id,
      lo.name as lead_org_name, d.kind as deadline_kind, d.due_at, d.basis
    from opinion_findings f
    join opinion_incidents i on i.id = f.incident_id
    join opinion_deadlines d on d.incident_id = f.incident_id and d.kind = f.deadline_kind
    join org_units fo on fo.id = f.org_id
    left join org_units lo on lo.id = i.lead_org_id
    where f.status = 'open' and f.kind <> 'accountability' and d.met_at is null and d.breached_at is not null
      and i.status in ('candidate', 'confirmed', 'responding')
    order by f.id
    limit ${limit}
    for update of f skip locked`);
  return r.rows.map((x) => ({
    id: Number(x.id), kind: x.kind as string, orgId: Number(x.org_id), orgName: x.org_name as string, createdAt: new Date(x.created_at as string), withoutLead: Boolean(x.without_lead),
    incidentId: Number(x.incident_id), no: x.no as string, title: x.title as string, grade: x.grade as string | null,
    leadOrgId: x.lead_org_id === null ? null : Number(x.lead_org_id), leadOrgName: x.lead_org_name as string | null,
    deadlineKind: x.deadline_kind as string, dueAt: new Date(x.due_at as string), basis: x.basis as string,
  }));
}

/** The organisation's findings (not withdrawn) in the window before this one: the repeat count it was proposed with. */
export async function priorFindingsOf(db: Executor, f: { id: number; orgId: number; createdAt: Date }, windowDays: number): Promise<number> {
  const since = new Date(f.createdAt.getTime() - windowDays * 86_400_000);
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionFindings).where(and(
    eq(opinionFindings.orgId, f.orgId), sql`${opinionFindings.id} < ${f.id}`, sql`${opinionFindings.status} <> 'withdrawn'`,
    sql`${opinionFindings.createdAt} >= ${since.toISOString()}::timestamptz`,
  ));
  return r[0]?.n ?? 0;
}

/** The raised proposal, only while the finding is still open; false when it was decided meanwhile. */
export async function raiseFindingKind(tx: Tx, id: number, kind: string, reason: string, at: Date): Promise<boolean> {
  const r = await tx.update(opinionFindings).set({ kind, reason, raisedAt: at })
    .where(and(eq(opinionFindings.id, id), eq(opinionFindings.status, 'open'))).returning({ id: opinionFindings.id });
  return r.length > 0;
}

export type FindingView = {
  id: number; incidentId: number; no: string; title: string; grade: string | null; orgId: number; orgName: string; deadlineKind: string;
  kind: string; reason: string; status: string; createdAt: Date; raisedAt: Date | null;
  decidedKind: string | null; decidedAt: Date | null; decidedByName: string | null; note: string | null;
};

const VIEW_COLUMNS = sql`f.id, f.incident_id, i.no, i.title, i.grade, f.org_id, o.name as org_name, f.deadline_kind, f.kind, f.reason, f.status,
  f.created_at, f.raised_at, f.decided_kind, f.decided_at, u.display_name as decided_by_name, f.note`;
const VIEW_FROM = sql`opinion_findings f join opinion_incidents i on i.id = f.incident_id join org_units o on o.id = f.org_id
  left join users u on u.id = f.decided_by`;

const toView = (x: Record<string, unknown>): FindingView => ({
  id: Number(x.id), incidentId: Number(x.incident_id), no: x.no as string, title: x.title as string, grade: x.grade as string | null,
  orgId: Number(x.org_id), orgName: x.org_name as string, deadlineKind: x.deadline_kind as string, kind: x.kind as string, reason: x.reason as string,
  status: x.status as string, createdAt: new Date(x.created_at as string), raisedAt: date(x.raised_at),
  decidedKind: (x.decided_kind as string | null) ?? null, decidedAt: date(x.decided_at), decidedByName: (x.decided_by_name as string | null) ?? null,
  note: (x.note as string | null) ?? null,
});

export type FindingScope = { all: boolean; orgIds: readonly number[] };

export async function listFindings(db: Executor, scope: FindingScope, page: number, per: number, filter: { status?: string } = {}): Promise<{ total: number; rows: FindingView[] }> {
  const where = sql.join([
    scope.all ? sql`true` : sql`f.org_id = any(${ints(scope.orgIds)})`,
    ...(filter.status ? [sql`f.status = ${filter.status}`] : []),
  ], sql` and `);
  const [count, list] = await Promise.all([
    db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_findings f where ${where}`),
    db.execute<Record<string, unknown>>(sql`select ${VIEW_COLUMNS} from ${VIEW_FROM} where ${where} order by f.created_at desc, f.id desc limit ${per} offset ${(page - 1) * per}`),
  ]);
  return { total: Number(count.rows[0]?.n ?? 0), rows: list.rows.map(toView) };
}

/** Open findings in the scope (the 工作台 count of the disclosure office). */
export async function countOpenFindings(db: Executor, scope: FindingScope): Promise<number> {
  const r = await db.execute<{ n: number }>(sql`select count(*)::int as n from opinion_findings f
    where f.status = 'open' and ${scope.all ? sql`true` : sql`f.org_id = any(${ints(scope.orgIds)})`}`);
  return Number(r.rows[0]?.n ?? 0);
}

export async function findFinding(db: Executor, id: number): Promise<FindingView | null> {
  const r = await db.execute<Record<string, unknown>>(sql`select ${VIEW_COLUMNS} from ${VIEW_FROM} where f.id = ${id}`);
  return r.rows[0] ? toView(r.rows[0]) : null;
}

export type LockedFinding = { id: number; incidentId: number; no: string; orgId: number; orgName: string; kind: string; status: string; deadlineKind: string };

/** The finding row under a lock (决定 / 撤销 check its status inside the transaction). */
export async function lockFinding(tx: Tx, id: number): Promise<LockedFinding | null> {
  const r = await tx.execute<Record<string, unknown>>(sql`
    select f.id, f.incident_id, i.no, f.org_id, o.name as org_name, f.kind, f.status, f.deadline_kind
    from opinion_findings f join opinion_incidents i on i.id = f.incident_id join org_units o on o.id = f.org_id
    where f.id = ${id} for update of f`);
  const x = r.rows[0];
  return x ? {
    id: Number(x.id), incidentId: Number(x.incident_id), no: x.no as string, orgId: Number(x.org_id), orgName: x.org_name as string,
    kind: x.kind as string, status: x.status as string, deadlineKind: x.deadline_kind as string,
  } : null;
}

export async function closeFinding(tx: Tx, id: number, v: { status: 'decided' | 'withdrawn'; decidedKind: string | null; decidedBy: number; decidedAt: Date; note: string }): Promise<void> {
  await tx.update(opinionFindings).set(v).where(eq(opinionFindings.id, id));
}

export type AssessmentFinding = {
  id: number; orgId: number; orgName: string; incidentId: number; no: string; grade: string | null; deadlineKind: string;
  /** The decided kind (通报 / 约谈 / 问责). */
  kind: string; breachedAt: Date; decidedAt: Date;
};

/**
 * Decided findings for the assessment module (政务公开工作年度考核, seed 004 §六): the ones whose breach
 * (the finding's creation) falls on the Beijing calendar days `from`..`to` inclusive, or with
 * `on: 'decision'` the ones decided on those days; by organisation, then time. Open and withdrawn
 * findings are not counted.
 */
export async function findingsForAssessment(db: Executor, period: { from: string; to: string; on?: 'breach' | 'decision' }): Promise<AssessmentFinding[]> {
  const start = beijingMidnight(period.from).toISOString();
  const end = beijingMidnight(addDays(period.to, 1)).toISOString();
  const col = period.on === 'decision' ? sql`f.decided_at` : sql`f.created_at`;
  const r = await db.execute<Record<string, unknown>>(sql`
    select f.id, f.org_id, o.name as org_name, f.incident_id, i.no, i.grade, f.deadline_kind, f.decided_kind, f.created_at, f.decided_at
    from opinion_findings f join opinion_incidents i on i.id = f.incident_id join org_units o on o.id = f.org_id
    where f.status = 'decided' and ${col} >= ${start}::timestamptz and ${col} < ${end}::timestamptz
    order by o.sort, f.org_id, f.created_at, f.id`);
  return r.rows.map((x) => ({
    id: Number(x.id), orgId: Number(x.org_id), orgName: x.org_name as string, incidentId: Number(x.incident_id), no: x.no as string,
    grade: x.grade as string | null, deadlineKind: x.deadline_kind as string, kind: x.decided_kind as string,
    breachedAt: new Date(x.created_at as string), decidedAt: new Date(x.decided_at as string),
  }));
}
