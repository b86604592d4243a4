// SQL of the moderated public submissions (comments on drafts, questions to interviews).
import { and, asc, count, desc, eq, gte, inArray, ne, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { interactionDrafts, interactionInterviews, interactionSubmissions } from './schema.ts';
import type { RecentCounts, SubjectKind } from './submissions.ts';

export type SubmissionRow = typeof interactionSubmissions.$inferSelect;


export type SubmissionInsert = typeof interactionSubmissions.$inferInsert;

/** Inserts unless the same text is already on the subject: the new id, or null for a duplicate. */
export async function insertSubmission(tx: Tx, v: SubmissionInsert): Promise<number | null> {
  const r = await tx.insert(interactionSubmissions).values(v).onConflictDoNothing({
    target: [interactionSubmissions.subjectKind, interactionSubmissions.subjectId, interactionSubmissions.textKey],
  }).returning({ id: interactionSubmissions.id });
  return r[0]?.id ?? null;
}

/** How many submissions came in the rate windows ending at `now`. */
export async function recentCounts(tx: Executor, kind: SubjectKind, subjectId: number, addressKey: string, now: Date): Promise<RecentCounts> {
  const minute = new Date(now.getTime() - 60_000);
  const day = new Date(now.getTime() - 86_400_000);
  const s = interactionSubmissions;
  const r = await tx.select({
    addressMinute: sql<number>`count(*) filter (where ${s.addressKey} = ${addressKey} and ${s.createdAt} > ${minute})::int`,
    addressDay: sql<number>`count(*) filter (where ${s.addressKey} = ${addressKey})::int`,
    addressSubjectDay: sql<number>`count(*) filter (where ${s.addressKey} = ${addressKey} and ${s.subjectKind} = ${kind} and ${s.subjectId} = ${subjectId})::int`,
    subjectMinute: sql<number>`count(*) filter (where ${s.subjectKind} = ${kind} and ${s.subjectId} = ${subjectId} and ${s.createdAt} > ${minute})::int`,
  }).from(s).where(and(gte(s.createdAt, day), sql`(${s.addressKey} = ${addressKey} or (${s.subjectKind} = ${kind} and ${s.subjectId} = ${subjectId}))`));
  return r[0]!;
}

/** Approved submissions of a subject, oldest first (what the public sees). */
export async function listApproved(db: Executor, kind: SubjectKind, subjectId: number, limit = 500): Promise<SubmissionRow[]> {
  const s = interactionSubmissions;
  return db.select().from(s).where(and(eq(s.subjectKind, kind), eq(s.subjectId, subjectId), eq(s.status, 'approved')))
    .orderBy(asc(s.createdAt), asc(s.id)).limit(limit);
}

/** Every submission of a subject for staff: pending first, then newest. */
export async function listForStaff(db: Executor, kind: SubjectKind, subjectId: number, limit = 500): Promise<SubmissionRow[]> {
  const s = interactionSubmissions;
  return db.select().from(s).where(and(eq(s.subjectKind, kind), eq(s.subjectId, subjectId)))
    .orderBy(sql`(${s.status} = 'pending') desc`, desc(s.id)).limit(limit);
}

export async function lockSubmission(tx: Tx, id: number): Promise<SubmissionRow | undefined> {
  return (await tx.select().from(interactionSubmissions).where(eq(interactionSubmissions.id, id)).for('update'))[0];
}

export async function findSubmission(db: Executor, id: number): Promise<SubmissionRow | undefined> {
  return (await db.select().from(interactionSubmissions).where(eq(interactionSubmissions.id, id)))[0];
}

export async function updateSubmission(tx: Tx, id: number, patch: Partial<SubmissionInsert>): Promise<void> {
  await tx.update(interactionSubmissions).set(patch).where(eq(interactionSubmissions.id, id));
}

/** Submissions waiting for moderation on subjects of the given organisations. */
export async function countPendingInScope(db: Executor, kind: SubjectKind, orgIds: readonly number[]): Promise<number> {
  if (!orgIds.length) return 0;
  const s = interactionSubmissions;
  const subject = kind === 'draft' ? interactionDrafts : interactionInterviews;
  const r = await db.select({ n: count() }).from(s).innerJoin(subject, eq(subject.id, s.subjectId))
    .where(and(eq(s.subjectKind, kind), eq(s.status, 'pending'), inArray(subject.orgId, [...orgIds]), ne(subject.status, 'withdrawn')));
  return r[0]!.n;
}

/** Serialises the submissions of one address (its rate counts) until the transaction ends. */
export async function lockAddress(tx: Tx, addressKey: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${'interaction:' + addressKey}, 0))`);
}
