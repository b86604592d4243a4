// SQL of the drafts for comment (意见征集): staff reads and writes, the public lists (published only),
// the overdue 采纳情况 list and the API page.
import { and, asc, count, desc, eq, gt, gte, inArray, isNull, isNotNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { interactionDrafts, interactionSubmissions } from './schema.ts';

export type DraftRow = typeof interactionDrafts.$inferSelect;
export type DraftView = DraftRow & { orgName: string };
export type DraftInsert = typeof interactionDrafts.$inferInsert;

const withOrg = { d: interactionDrafts, orgName: orgUnits.name };
const flat = (r: { d: DraftRow; orgName: string }): DraftView => ({ ...r.d, orgName: r.orgName });

export async function insertDraft(tx: Tx, v: DraftInsert): Promise<number> {
  return (await tx.insert(interactionDrafts).values(v).returning({ id: interactionDrafts.id }))[0]!.id;
}

export async function lockDraft(tx: Tx, id: number): Promise<DraftRow | undefined> {
  return (await tx.select().from(interactionDrafts).where(eq(interactionDrafts.id, id)).for('update'))[0];
}

export async function updateDraft(tx: Tx, id: number, patch: Partial<DraftInsert>): Promise<void> {
  await tx.update(interactionDrafts).set({ ...patch, version: sql`${interactionDrafts.version} + 1`, updatedAt: sql`now()` }).where(eq(interactionDrafts.id, id));
}

export async function findDraft(db: Executor, id: number): Promise<DraftView | undefined> {
  const r = await db.select(withOrg).from(interactionDrafts).innerJoin(orgUnits, eq(orgUnits.id, interactionDrafts.orgId)).where(eq(interactionDrafts.id, id));
  return r[0] ? flat(r[0]) : undefined;
}

export type DraftListRow = DraftView & { pending: number; approved: number };

export type AdminDraftFilter = 'all' | 'pending' | 'open' | 'overdue';

/** Staff list: drafts of the given organisations, newest first, with comment counts. */
export async function listDraftsForStaff(db: Executor, orgIds: readonly number[], filter: AdminDraftFilter, today: string, overdueCutoff: string): Promise<DraftListRow[]> {
  if (!orgIds.length) return [];
  const where: SQL[] = [inArray(interactionDrafts.orgId, [...orgIds])];
  if (filter === 'pending') where.push(eq(interactionDrafts.status, 'pending'));
  if (filter === 'open') where.push(eq(interactionDrafts.status, 'published'), lte(interactionDrafts.startDate, today), gte(interactionDrafts.endDate, today));
  if (filter === 'overdue') where.push(overdueWhere(overdueCutoff));
  const pending = sql<number>`(select count(*)::int from ${interactionSubmissions} s where s.subject_kind = 'draft' and s.subject_id = ${interactionDrafts.id} and s.status = 'pending')`;
  const approved = sql<number>`(select count(*)::int from ${interactionSubmissions} s where s.subject_kind = 'draft' and s.subject_id = ${interactionDrafts.id} and s.status = 'approved')`;
  const rows = await db.select({ ...withOrg, pending, approved }).from(interactionDrafts)
    .innerJoin(orgUnits, eq(orgUnits.id, interactionDrafts.orgId)).where(and(...where))
    .orderBy(desc(interactionDrafts.id)).limit(500);
  return rows.map((r) => ({ ...flat(r), pending: r.pending, approved: r.approved }));
}

/** Published, ended more than the grace period ago (endDate < cutoff), 采纳情况 not published. */
const overdueWhere = (cutoff: string) => and(eq(interactionDrafts.status, 'published'), isNull(interactionDrafts.summaryPublishedAt), lt(interactionDrafts.endDate, cutoff))!;

export async function countOverdue(db: Executor, orgIds: readonly number[], cutoff: string): Promise<number> {
  if (!orgIds.length) return 0;
  return (await db.select({ n: count() }).from(interactionDrafts).where(and(inArray(interactionDrafts.orgId, [...orgIds]), overdueWhere(cutoff))))[0]!.n;
}

export async function countPendingDrafts(db: Executor, orgIds: readonly number[]): Promise<number> {
  if (!orgIds.length) return 0;
  return (await db.select({ n: count() }).from(interactionDrafts).where(and(inArray(interactionDrafts.orgId, [...orgIds]), eq(interactionDrafts.status, 'pending'))))[0]!.n;
}

// --- public ------------------------------------------------------------------------------------

export type PublicDraft = Pick<DraftView, 'id' | 'title' | 'orgName' | 'startDate' | 'endDate' | 'status' | 'publishedAt' | 'summaryPublishedAt'>;
const publicCols = {
  id: interactionDrafts.id, title: interactionDrafts.title, orgName: orgUnits.name, startDate: interactionDrafts.startDate, endDate: interactionDrafts.endDate,
  status: interactionDrafts.status, publishedAt: interactionDrafts.publishedAt, summaryPublishedAt: interactionDrafts.summaryPublishedAt,
};

/** Published drafts whose period has not ended (open or upcoming), soonest end first. */
export async function listCurrentDrafts(db: Executor, today: string, limit = 100): Promise<PublicDraft[]> {
  return db.select(publicCols).from(interactionDrafts).innerJoin(orgUnits, eq(orgUnits.id, interactionDrafts.orgId))
    .where(and(eq(interactionDrafts.status, 'published'), gte(interactionDrafts.endDate, today)))
    .orderBy(asc(interactionDrafts.endDate), asc(interactionDrafts.id)).limit(limit);
}

/** Published drafts whose period has ended, latest end first, one page. */
export async function listEndedDrafts(db: Executor, today: string, limit: number, offset: number): Promise<{ total: number; rows: PublicDraft[] }> {
  const where = and(eq(interactionDrafts.status, 'published'), lt(interactionDrafts.endDate, today));
  const [rows, [t]] = await Promise.all([
    db.select(publicCols).from(interactionDrafts).innerJoin(orgUnits, eq(orgUnits.id, interactionDrafts.orgId)).where(where)
      .orderBy(desc(interactionDrafts.endDate), desc(interactionDrafts.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(interactionDrafts).where(where),
  ]);
  return { total: t!.n, rows };
}

export type ApiPhase = 'open' | 'upcoming' | 'closed';

/** The API's page of published drafts (all, or one phase), newest publication first. */
export async function listApiDrafts(db: Executor, today: string, phase: ApiPhase | undefined, limit: number, offset: number): Promise<{ total: number; rows: PublicDraft[] }> {
  const where: SQL[] = [eq(interactionDrafts.status, 'published')];
  if (phase === 'open') where.push(lte(interactionDrafts.startDate, today), gte(interactionDrafts.endDate, today));
  if (phase === 'upcoming') where.push(gt(interactionDrafts.startDate, today));
  if (phase === 'closed') where.push(lt(interactionDrafts.endDate, today));
  const [rows, [t]] = await Promise.all([
    db.select(publicCols).from(interactionDrafts).innerJoin(orgUnits, eq(orgUnits.id, interactionDrafts.orgId)).where(and(...where))
      .orderBy(desc(interactionDrafts.startDate), desc(interactionDrafts.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(interactionDrafts).where(and(...where)),
  ]);
  return { total: t!.n, rows };
}

export async function sitemapDrafts(db: Executor, limit: number): Promise<{ id: number; at: Date }[]> {
  const rows = await db.select({ id: interactionDrafts.id, at: interactionDrafts.updatedAt }).from(interactionDrafts)
    .where(and(eq(interactionDrafts.status, 'published'), isNotNull(interactionDrafts.publishedAt))).orderBy(desc(interactionDrafts.id)).limit(limit);
  return rows;
}

export async function draftCount(db: Executor): Promise<number> {
  return (await db.select({ n: count() }).from(interactionDrafts))[0]!.n;
}
