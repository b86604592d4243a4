// SQL of the online interviews (在线访谈): staff reads and writes and the public lists (announced or
// closed only).
import { and, desc, eq, gt, inArray, lte, or, sql, asc, count } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { interactionInterviews, interactionSubmissions } from './schema.ts';

export type InterviewRow = typeof interactionInterviews.$inferSelect;
export type InterviewView = InterviewRow & { orgName: string };
export type InterviewInsert = typeof interactionInterviews.$inferInsert;

const withOrg = { i: interactionInterviews, orgName: orgUnits.name };
const flat = (r: { i: InterviewRow; orgName: string }): InterviewView => ({ ...r.i, orgName: r.orgName });

export async function insertInterview(tx: Tx, v: InterviewInsert): Promise<number> {
  return (await tx.insert(interactionInterviews).values(v).returning({ id: interactionInterviews.id }))[0]!.id;
}

export async function lockInterview(tx: Tx, id: number): Promise<InterviewRow | undefined> {
  return (await tx.select().from(interactionInterviews).where(eq(interactionInterviews.id, id)).for('update'))[0];
}

export async function updateInterview(tx: Tx, id: number, patch: Partial<InterviewInsert>): Promise<void> {
  await tx.update(interactionInterviews).set({ ...patch, version: sql`${interactionInterviews.version} + 1`, updatedAt: sql`now()` }).where(eq(interactionInterviews.id, id));
}

export async function findInterview(db: Executor, id: number): Promise<InterviewView | undefined> {
  const r = await db.select(withOrg).from(interactionInterviews).innerJoin(orgUnits, eq(orgUnits.id, interactionInterviews.orgId)).where(eq(interactionInterviews.id, id));
  return r[0] ? flat(r[0]) : undefined;
}

export type InterviewListRow = InterviewView & { pending: number; unanswered: number };

export async function listInterviewsForStaff(db: Executor, orgIds: readonly number[]): Promise<InterviewListRow[]> {
  if (!orgIds.length) return [];
  const pending = sql<number>`(select count(*)::int from ${interactionSubmissions} s where s.subject_kind = 'interview' and s.subject_id = ${interactionInterviews.id} and s.status = 'pending')`;
  const unanswered = sql<number>`(select count(*)::int from ${interactionSubmissions} s where s.subject_kind = 'interview' and s.subject_id = ${interactionInterviews.id} and s.status = 'approved' and s.answer is null)`;
  const rows = await db.select({ ...withOrg, pending, unanswered }).from(interactionInterviews)
    .innerJoin(orgUnits, eq(orgUnits.id, interactionInterviews.orgId)).where(inArray(interactionInterviews.orgId, [...orgIds]))
    .orderBy(desc(interactionInterviews.startsAt)).limit(500);
  return rows.map((r) => ({ ...flat(r), pending: r.pending, unanswered: r.unanswered }));
}

export type PublicInterview = Pick<InterviewView, 'id' | 'title' | 'orgName' | 'guests' | 'startsAt' | 'endsAt' | 'status' | 'transcriptPublishedAt'>;
const publicCols = {
  id: interactionInterviews.id, title: interactionInterviews.title, orgName: orgUnits.name, guests: interactionInterviews.guests,
  startsAt: interactionInterviews.startsAt, endsAt: interactionInterviews.endsAt, status: interactionInterviews.status,
  transcriptPublishedAt: interactionInterviews.transcriptPublishedAt,
};
const isPublic = inArray(interactionInterviews.status, ['announced', 'closed']);

/** Announced interviews not yet over, soonest first. */
export async function listComingInterviews(db: Executor, now: Date): Promise<PublicInterview[]> {
  return db.select(publicCols).from(interactionInterviews).innerJoin(orgUnits, eq(orgUnits.id, interactionInterviews.orgId))
    .where(and(eq(interactionInterviews.status, 'announced'), gt(interactionInterviews.endsAt, now)))
    .orderBy(asc(interactionInterviews.startsAt)).limit(100);
}

/** Interviews that are over (or closed with their transcript), latest first, one page. */
export async function listPastInterviews(db: Executor, now: Date, limit: number, offset: number): Promise<{ total: number; rows: PublicInterview[] }> {
  const where = and(isPublic, or(eq(interactionInterviews.status, 'closed'), lte(interactionInterviews.endsAt, now)));
  const [rows, [t]] = await Promise.all([
    db.select(publicCols).from(interactionInterviews).innerJoin(orgUnits, eq(orgUnits.id, interactionInterviews.orgId)).where(where)
      .orderBy(desc(interactionInterviews.startsAt)).limit(limit).offset(offset),
    db.select({ n: count() }).from(interactionInterviews).where(where),
  ]);
  return { total: t!.n, rows };
}

export async function sitemapInterviews(db: Executor, limit: number): Promise<{ id: number; at: Date }[]> {
  return db.select({ id: interactionInterviews.id, at: interactionInterviews.updatedAt }).from(interactionInterviews)
    .where(isPublic).orderBy(desc(interactionInterviews.id)).limit(limit);
}

/** The interview made from a press event (the latest one not withdrawn, else the latest): for the press module's pages. */
export async function interviewOfPressEvent(db: Executor, pressEventId: number): Promise<InterviewRow | undefined> {
  return (await db.select().from(interactionInterviews).where(eq(interactionInterviews.pressEventId, pressEventId))
    .orderBy(sql`${interactionInterviews.status} = 'withdrawn'`, desc(interactionInterviews.id)).limit(1))[0];
}
