// SQL of 社会评议: surveys, questions, answers and 整改 items.
import { and, asc, desc, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { surveyQuestions, surveyRectifications, surveyResponses, surveys } from './schema.ts';
import type { Question } from './domain.ts';
import type { QuestionKind, RectifyStatus, SurveyStatus } from './model.ts';

export type SurveyRow = typeof surveys.$inferSelect & { status: SurveyStatus };
export type SurveyView = SurveyRow & { orgName: string; targetOrgName: string | null };
export type RectificationRow = typeof surveyRectifications.$inferSelect & { status: RectifyStatus };
export type RectificationView = RectificationRow & { orgName: string; surveyTitle: string };

const target = alias(orgUnits, 'target_org');
/** Which organisations' rows a list shows: every one, or those ids. */
export type Scope = { all: true } | { all: false; orgIds: number[] };
const inScope = (col: typeof surveys.orgId | typeof surveyRectifications.orgId, s: Scope) =>
  (s.all ? undefined : s.orgIds.length ? inArray(col, s.orgIds) : sql`false`);

// --- surveys ----------------------------------------------------------------------------------------

const surveyView = { s: surveys, orgName: orgUnits.name, targetOrgName: target.name };
const toView = (r: { s: typeof surveys.$inferSelect; orgName: string; targetOrgName: string | null }): SurveyView =>
  ({ ...(r.s as SurveyRow), orgName: r.orgName, targetOrgName: r.targetOrgName });

export async function findSurvey(db: Executor, id: number): Promise<SurveyView | undefined> {
  const r = await db.select(surveyView).from(surveys).innerJoin(orgUnits, eq(orgUnits.id, surveys.orgId))
    .leftJoin(target, eq(target.id, surveys.targetOrgId)).where(eq(surveys.id, id));
  return r[0] ? toView(r[0]) : undefined;
}

export async function lockSurvey(tx: Tx, id: number): Promise<SurveyRow | undefined> {
  return (await tx.select().from(surveys).where(eq(surveys.id, id)).for('update'))[0] as SurveyRow | undefined;
}

export async function insertSurvey(tx: Tx, row: typeof surveys.$inferInsert): Promise<SurveyRow> {
  return (await tx.insert(surveys).values(row).returning())[0] as SurveyRow;
}

export async function updateSurvey(tx: Tx, id: number, patch: Partial<typeof surveys.$inferInsert>): Promise<void> {
  await tx.update(surveys).set({ ...patch, version: sql`${surveys.version} + 1`, updatedAt: sql`now()` }).where(eq(surveys.id, id));
}

export type SurveyListRow = SurveyView & { responses: number };

export async function listSurveys(db: Executor, scope: Scope): Promise<SurveyListRow[]> {
  const n = sql<number>`(select count(*)::int from ${surveyResponses} where ${surveyResponses.surveyId} = ${surveys.id})`;
  const rows = await db.select({ ...surveyView, responses: n }).from(surveys).innerJoin(orgUnits, eq(orgUnits.id, surveys.orgId))
    .leftJoin(target, eq(target.id, surveys.targetOrgId)).where(inScope(surveys.orgId, scope)).orderBy(desc(surveys.id)).limit(500);
  return rows.map((r) => ({ ...toView(r), responses: r.responses }));
}

/** Published surveys the public may see on `today`: open ones and ended ones (newest first). */
export async function listPublicSurveys(db: Executor, today: string, limit = 200): Promise<SurveyView[]> {
  const rows = await db.select(surveyView).from(surveys).innerJoin(orgUnits, eq(orgUnits.id, surveys.orgId))
    .leftJoin(target, eq(target.id, surveys.targetOrgId))
    .where(and(ne(surveys.status, 'draft'), lte(surveys.startsOn, today)))
    .orderBy(desc(surveys.endsOn), desc(surveys.id)).limit(limit);
  return rows.map(toView);
}

// --- questions --------------------------------------------------------------------------------------

export async function listQuestions(db: Executor, surveyId: number): Promise<Question[]> {
  const rows = await db.select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(asc(surveyQuestions.position), asc(surveyQuestions.id));
  return rows.map((r) => ({ ...r, kind: r.kind as QuestionKind }));
}

export async function insertQuestions(tx: Tx, rows: (typeof surveyQuestions.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(surveyQuestions).values(rows);
}

export async function updateQuestion(tx: Tx, surveyId: number, id: number, patch: Partial<typeof surveyQuestions.$inferInsert>): Promise<boolean> {
  const r = await tx.update(surveyQuestions).set(patch).where(and(eq(surveyQuestions.id, id), eq(surveyQuestions.surveyId, surveyId))).returning({ id: surveyQuestions.id });
  return r.length > 0;
}

export async function deleteQuestion(tx: Tx, surveyId: number, id: number): Promise<boolean> {
  const r = await tx.delete(surveyQuestions).where(and(eq(surveyQuestions.id, id), eq(surveyQuestions.surveyId, surveyId))).returning({ id: surveyQuestions.id });
  return r.length > 0;
}

// --- answers ----------------------------------------------------------------------------------------

/** Serialises answers from one address to one survey (the hourly count is then exact). */
export async function lockAddress(tx: Tx, surveyId: number, addressIndex: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`survey:${surveyId}:${addressIndex}`}, 0))`);
}

export async function countFromAddressSince(tx: Executor, surveyId: number, addressIndex: string, since: Date): Promise<number> {
  const r = await tx.select({ n: sql<number>`count(*)::int` }).from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.addressIndex, addressIndex), gte(surveyResponses.createdAt, since)));
  return r[0]?.n ?? 0;
}

export async function phoneUsed(tx: Executor, surveyId: number, phoneIndex: string): Promise<boolean> {
  const r = await tx.select({ id: surveyResponses.id }).from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.phoneIndex, phoneIndex))).limit(1);
  return r.length > 0;
}

export async function insertResponse(tx: Tx, row: typeof surveyResponses.$inferInsert): Promise<number> {
  return (await tx.insert(surveyResponses).values(row).returning({ id: surveyResponses.id }))[0]!.id;
}

export type ResponseRow = { id: number; answers: Record<string, string | number | string[]>; createdAt: Date };

export async function listResponses(db: Executor, surveyId: number, limit = 100_000): Promise<ResponseRow[]> {
  return db.select({ id: surveyResponses.id, answers: surveyResponses.answers, createdAt: surveyResponses.createdAt })
    .from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId)).orderBy(asc(surveyResponses.id)).limit(limit);
}

export async function findResponse(db: Executor, surveyId: number, id: number): Promise<ResponseRow | undefined> {
  return (await db.select({ id: surveyResponses.id, answers: surveyResponses.answers, createdAt: surveyResponses.createdAt })
    .from(surveyResponses).where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.id, id))))[0];
}

export async function countResponses(db: Executor, surveyId: number): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(surveyResponses).where(eq(surveyResponses.surveyId, surveyId));
  return r[0]?.n ?? 0;
}

// --- 整改 --------------------------------------------------------------------------------------------

export async function insertRectification(tx: Tx, row: typeof surveyRectifications.$inferInsert): Promise<number> {
  return (await tx.insert(surveyRectifications).values(row).returning({ id: surveyRectifications.id }))[0]!.id;
}

export async function lockRectification(tx: Tx, id: number): Promise<RectificationRow | undefined> {
  return (await tx.select().from(surveyRectifications).where(eq(surveyRectifications.id, id)).for('update'))[0] as RectificationRow | undefined;
}

export async function updateRectification(tx: Tx, id: number, patch: Partial<typeof surveyRectifications.$inferInsert>): Promise<void> {
  await tx.update(surveyRectifications).set({ ...patch, version: sql`${surveyRectifications.version} + 1` }).where(eq(surveyRectifications.id, id));
}

const rectView = { r: surveyRectifications, orgName: orgUnits.name, surveyTitle: surveys.title };
const toRect = (x: { r: typeof surveyRectifications.$inferSelect; orgName: string; surveyTitle: string }): RectificationView =>
  ({ ...(x.r as RectificationRow), orgName: x.orgName, surveyTitle: x.surveyTitle });

export async function findRectification(db: Executor, id: number): Promise<RectificationView | undefined> {
  const r = await db.select(rectView).from(surveyRectifications).innerJoin(orgUnits, eq(orgUnits.id, surveyRectifications.orgId))
    .innerJoin(surveys, eq(surveys.id, surveyRectifications.surveyId)).where(eq(surveyRectifications.id, id));
  return r[0] ? toRect(r[0]) : undefined;
}

/** 整改 items of the scope: open ones first (soonest due), then closed ones (last closed first). */
export async function listRectifications(db: Executor, scope: Scope, f: { status?: 'open' | 'closed'; surveyId?: number } = {}): Promise<RectificationView[]> {
  const status = f.status === 'open' ? eq(surveyRectifications.status, 'open') : f.status === 'closed' ? ne(surveyRectifications.status, 'open') : undefined;
  const rows = await db.select(rectView).from(surveyRectifications).innerJoin(orgUnits, eq(orgUnits.id, surveyRectifications.orgId))
    .innerJoin(surveys, eq(surveys.id, surveyRectifications.surveyId))
    .where(and(inScope(surveyRectifications.orgId, scope), status, f.surveyId ? eq(surveyRectifications.surveyId, f.surveyId) : undefined))
    .orderBy(sql`${surveyRectifications.status} <> 'open'`, asc(surveyRectifications.dueOn), desc(surveyRectifications.closedAt), desc(surveyRectifications.id)).limit(500);
  return rows.map(toRect);
}

/**
 * Who is told of a new item: active users of the item's organisation with an e-mail address who hold
 * one of `roles` there (a grant on the organisation itself, or on an ancestor with its subtree).
 */
export async function orgUsersWithRoles(db: Executor, orgId: number, roles: readonly string[], limit = 50): Promise<{ id: number; email: string; name: string }[]> {
  const r = await db.execute<{ id: number; email: string; name: string }>(sql`
    with recursive up(id, parent_id) as (
      select o.id, o.parent_id from org_units o where o.id = ${orgId}
      union select o.id, o.parent_id from org_units o join up on o.id = up.parent_id)
    select distinct u.id, u.email, u.display_name as name from users u join role_grants g on g.user_id = u.id
    where u.active and u.org_id = ${orgId} and coalesce(u.email, '') <> ''
      and g.role in (${sql.join(roles.map((x) => sql`${x}`), sql`, `)})
      and (g.org_id = ${orgId} or (g.include_subtree and g.org_id in (select id from up)))
    order by u.id limit ${limit}`);
  return r.rows.map((x) => ({ id: Number(x.id), email: x.email, name: x.name }));
}

/** Open and overdue (due before `today`) items of the scope, for the desk. */
export async function rectificationCounts(db: Executor, scope: Scope, today: string): Promise<{ open: number; overdue: number }> {
  const r = await db.select({
    open: sql<number>`count(*)::int`,
    overdue: sql<number>`(count(*) filter (where ${surveyRectifications.dueOn} < ${today}))::int`,
  }).from(surveyRectifications).where(and(eq(surveyRectifications.status, 'open'), inScope(surveyRectifications.orgId, scope)));
  return { open: r[0]?.open ?? 0, overdue: r[0]?.overdue ?? 0 };
}

/** Published surveys for sitemap.xml and the API. */
export async function sitemapSurveys(db: Executor, today: string, limit: number): Promise<{ id: number; updatedAt: Date }[]> {
  return db.select({ id: surveys.id, updatedAt: surveys.updatedAt }).from(surveys)
    .where(and(ne(surveys.status, 'draft'), lte(surveys.startsOn, today))).orderBy(desc(surveys.id)).limit(limit);
}

/** Demo: whether any survey exists. */
export async function anySurvey(db: Executor): Promise<boolean> {
  return (await db.select({ id: surveys.id }).from(surveys).limit(1)).length > 0;
}

