// SQL of the deadline check (deadlines.job.ts) and of the accountability findings: open deadlines
// past due, marking them breached, earlier findings of an organisation, the people told of a breach,
// (the findings afterwards: findings.repo.ts).
import { and, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { opinionDeadlines, opinionFindings } from './schema.ts';

const texts = (xs: readonly string[]) => sql`${sql.param([...xs])}::text[]`;

export type DueBreach = {
  deadlineId: number; kind: string; dueAt: Date; basis: string;
  incidentId: number; no: string; title: string; grade: string | null; leadOrgId: number | null; leadOrgName: string | null;
};

/**
 * Deadlines past due, neither met nor yet marked breached, of incidents still open; locked (skip
 * locked: a second run at the same moment takes the others, never the same ones).
 */
export async function lockDueBreaches(tx: Tx, now: Date, limit = 200): Promise<DueBreach[]> {
  const r = await tx.execute<Record<string, unknown>>(sql`
    select d.id, d.kind, d.due_at, d.basis, i.id as incident_id, i.no, i.title, i.grade, i.lead_org_id, o.name as lead_org_name
    from opinion_deadlines d
    join opinion_incidents i on i.id = d.incident_id
    left join org_units o on o.id = i.lead_org_id
    where d.met_at is null and d.breached_at is null and d.due_at <= ${now.toISOString()}::timestamptz
      and i.status in ('candidate', 'confirmed', 'responding')
    order by d.due_at, d.id
    limit ${limit}
    for update of d skip locked`);
  return r.rows.map((x) => ({
    deadlineId: Number(x.id), kind: x.kind as string, dueAt: new Date(x.due_at as string), basis: x.basis as string,
    incidentId: Number(x.incident_id), no: x.no as string, title: x.title as string, grade: x.grade as string | null,
    leadOrgId: x.lead_org_id === null ? null : Number(x.lead_org_id), leadOrgName: x.lead_org_name as string | null,
  }));
}

export async function markBreached(tx: Tx, deadlineId: number, at: Date, escalated: boolean): Promise<void> {
  await tx.update(opinionDeadlines).set({ breachedAt: at, ...(escalated ? { escalatedAt: at } : {}) }).where(eq(opinionDeadlines.id, deadlineId));
}

/** Findings of the organisation created since `since` (the repeat count of the accountability rule). */
export async function countFindingsSince(db: Executor, orgId: number, since: Date): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionFindings)
    .where(and(eq(opinionFindings.orgId, orgId), sql`${opinionFindings.createdAt} >= ${since.toISOString()}::timestamptz`, sql`${opinionFindings.status} <> 'withdrawn'`));
  return r[0]?.n ?? 0;
}

/** One finding per incident, deadline kind and organisation; false when it already existed. */
export async function insertFinding(tx: Tx, f: typeof opinionFindings.$inferInsert): Promise<boolean> {
  const r = await tx.insert(opinionFindings).values(f).onConflictDoNothing({ target: [opinionFindings.incidentId, opinionFindings.deadlineKind, opinionFindings.orgId] })
    .returning({ id: opinionFindings.id });
  return r.length > 0;
}

/**
 * Who is told of a breach: holders of `officeRoles` covering the organisation (the disclosure office:
 * opinion.accountability), and the organisation's heads (`headRoles` granted on it directly).
 */
export async function breachRecipients(db: Executor, orgId: number | null, officeRoles: readonly string[], headRoles: readonly string[]): Promise<{ id: number; email: string }[]> {
  const r = await db.execute<{ id: number; email: string }>(sql`
    with recursive up(id, depth) as (
      select ${orgId ?? 0}::int, 0
      union all select o.parent_id, up.depth + 1 from up join org_units o on o.id = up.id where o.parent_id is not null and up.depth < 20
    )
    select distinct u.id, u.email from users u join role_grants g on g.user_id = u.id
    where u.active and u.email is not null and u.email <> '' and (
      (g.role = any(${texts(officeRoles)}) and (${orgId === null} or g.org_id = ${orgId ?? 0} or (g.include_subtree and g.org_id in (select id from up))))
      or (g.role = any(${texts(headRoles)}) and g.org_id = ${orgId ?? 0})
    ) order by u.id`);
  return r.rows.map((x) => ({ id: Number(x.id), email: x.email }));
}
