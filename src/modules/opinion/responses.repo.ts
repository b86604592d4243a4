// SQL of answering an incident: the small incident read the respond / close / referral screens need,
// responses, the deadlines a response meets, referrals, and the public 回应关切 column (/hygq/).
import { and, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { opinionDeadlines, opinionIncidents, opinionReferrals, opinionResponses } from './schema.ts';

export type IncidentRow = typeof opinionIncidents.$inferSelect;
export type ResponseRow = typeof opinionResponses.$inferSelect;
export type DeadlineRow = typeof opinionDeadlines.$inferSelect;
export type ReferralRow = typeof opinionReferrals.$inferSelect;

/** The incident with its lead organisation's name. */
export type IncidentView = IncidentRow & { leadOrgName: string | null };

export async function findIncident(db: Executor, id: number): Promise<IncidentView | undefined> {
  const r = await db.select({ i: opinionIncidents, leadOrgName: orgUnits.name }).from(opinionIncidents)
    .leftJoin(orgUnits, eq(orgUnits.id, opinionIncidents.leadOrgId)).where(eq(opinionIncidents.id, id));
  return r[0] ? { ...r[0].i, leadOrgName: r[0].leadOrgName } : undefined;
}

export async function lockIncident(tx: Tx, id: number): Promise<IncidentRow | undefined> {
  return (await tx.select().from(opinionIncidents).where(eq(opinionIncidents.id, id)).for('update'))[0];
}

export async function updateIncident(tx: Tx, id: number, patch: Partial<typeof opinionIncidents.$inferInsert>): Promise<void> {
  await tx.update(opinionIncidents).set({ ...patch, version: sql`${opinionIncidents.version} + 1`, updatedAt: sql`now()` }).where(eq(opinionIncidents.id, id));
}

// --- responses ---------------------------------------------------------------------------------

export async function listResponses(db: Executor, incidentId: number): Promise<ResponseRow[]> {
  return db.select().from(opinionResponses).where(eq(opinionResponses.incidentId, incidentId)).orderBy(opinionResponses.id);
}

/** The incidents the responses belong to. */
export async function incidentsOfResponses(db: Executor, responseIds: readonly number[]): Promise<number[]> {
  if (responseIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: opinionResponses.incidentId }).from(opinionResponses).where(inArray(opinionResponses.id, [...responseIds]));
  return rows.map((r) => r.id);
}

/**
 * The incidents of these responses (review returned them to their drafter) whose response is still
 * 退回修改 and which may still be answered (incident status among `answerable`).
 */
export async function incidentsOfReturned(db: Executor, responseIds: readonly number[], answerable: readonly string[]): Promise<number[]> {
  if (responseIds.length === 0) return [];
  const rows = await db.selectDistinct({ id: opinionResponses.incidentId }).from(opinionResponses)
    .innerJoin(opinionIncidents, eq(opinionIncidents.id, opinionResponses.incidentId))
    .where(and(inArray(opinionResponses.id, [...responseIds]), eq(opinionResponses.status, 'returned'), inArray(opinionIncidents.status, [...answerable])));
  return rows.map((r) => r.id);
}

export async function findResponse(db: Executor, id: number): Promise<ResponseRow | undefined> {
  return (await db.select().from(opinionResponses).where(eq(opinionResponses.id, id)))[0];
}

export async function lockResponse(tx: Tx, id: number): Promise<ResponseRow | undefined> {
  return (await tx.select().from(opinionResponses).where(eq(opinionResponses.id, id)).for('update'))[0];
}

export async function insertResponse(tx: Tx, r: typeof opinionResponses.$inferInsert): Promise<ResponseRow> {
  return (await tx.insert(opinionResponses).values(r).returning())[0]!;
}

export async function updateResponse(tx: Tx, id: number, patch: Partial<typeof opinionResponses.$inferInsert>): Promise<void> {
  await tx.update(opinionResponses).set({ ...patch, updatedAt: sql`now()` }).where(eq(opinionResponses.id, id));
}

export async function countResponses(db: Executor, incidentId: number, status: string): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionResponses)
    .where(and(eq(opinionResponses.incidentId, incidentId), eq(opinionResponses.status, status)));
  return r[0]?.n ?? 0;
}

// --- deadlines ---------------------------------------------------------------------------------

export async function listDeadlines(db: Executor, incidentId: number): Promise<DeadlineRow[]> {
  return db.select().from(opinionDeadlines).where(eq(opinionDeadlines.incidentId, incidentId)).orderBy(opinionDeadlines.dueAt, opinionDeadlines.kind);
}

/** Marks these kinds met by the response (late ones too: breached stays as history). */
export async function meetDeadlines(tx: Tx, incidentId: number, kinds: readonly string[], at: Date, responseId: number): Promise<void> {
  for (const kind of kinds) {
    await tx.update(opinionDeadlines).set({ metAt: at, metByResponseId: responseId })
      .where(and(eq(opinionDeadlines.incidentId, incidentId), eq(opinionDeadlines.kind, kind), isNull(opinionDeadlines.metAt)));
  }
}

/** The next 持续发布 deadline: one row per incident and kind, so it replaces the one just met. */
export async function planUpdateDeadline(tx: Tx, incidentId: number, dueAt: Date, basis: string): Promise<void> {
  await tx.insert(opinionDeadlines).values({ incidentId, kind: 'update', dueAt, basis })
    .onConflictDoUpdate({
      target: [opinionDeadlines.incidentId, opinionDeadlines.kind],
      set: { dueAt, basis, metAt: null, metByResponseId: null, breachedAt: null, escalatedAt: null },
    });
}

// --- referrals ---------------------------------------------------------------------------------

export async function insertReferral(tx: Tx, r: typeof opinionReferrals.$inferInsert): Promise<ReferralRow> {
  return (await tx.insert(opinionReferrals).values(r).returning())[0]!;
}

export async function listReferrals(db: Executor, incidentId: number): Promise<ReferralRow[]> {
  return db.select().from(opinionReferrals).where(eq(opinionReferrals.incidentId, incidentId)).orderBy(opinionReferrals.referredAt, opinionReferrals.id);
}

// --- the catalogue record a misread policy is about --------------------------------------------

/** A catalogue record by its number, or by its 索引号 when `id` is a string that is not a number. */
export async function findCatalogRecord(db: Executor, id: number | string): Promise<{ id: number; title: string; status: string; indexNo: string } | undefined> {
  const by = typeof id === 'number' ? sql`id = ${id}` : sql`index_no = ${id}`;
  const r = await db.execute<{ id: number; title: string; status: string; index_no: string }>(
    sql`select id, title, status, index_no from catalog_records where ${by}`);
  const x = r.rows[0];
  return x ? { id: Number(x.id), title: x.title, status: x.status, indexNo: x.index_no } : undefined;
}

// --- the public 回应关切 column ----------------------------------------------------------------

/** What the portal shows: the incident's title as the public title; no item, author or person. */
export type PublicResponse = {
  id: number; title: string; text: string; channel: string; url: string | null; respondedAt: Date | null; publishedAt: Date; orgName: string;
};

const publicCols = {
  id: opinionResponses.id, title: opinionIncidents.title, text: opinionResponses.text, channel: opinionResponses.channel,
  url: opinionResponses.url, respondedAt: opinionResponses.respondedAt, publishedAt: opinionResponses.publishedAt, orgName: orgUnits.name,
};
const isPublic = and(isNotNull(opinionResponses.publishedAt), eq(opinionResponses.status, 'approved'));

export async function listPublished(db: Executor, limit: number, offset: number): Promise<{ total: number; rows: PublicResponse[] }> {
  const [count, rows] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(opinionResponses).where(isPublic),
    db.select(publicCols).from(opinionResponses)
      .innerJoin(opinionIncidents, eq(opinionIncidents.id, opinionResponses.incidentId))
      .innerJoin(orgUnits, eq(orgUnits.id, opinionResponses.orgId))
      .where(isPublic).orderBy(desc(opinionResponses.publishedAt), desc(opinionResponses.id)).limit(limit).offset(offset),
  ]);
  return { total: count[0]?.n ?? 0, rows: rows.map((r) => ({ ...r, publishedAt: r.publishedAt! })) };
}

export async function findPublished(db: Executor, id: number): Promise<PublicResponse | undefined> {
  const r = (await db.select(publicCols).from(opinionResponses)
    .innerJoin(opinionIncidents, eq(opinionIncidents.id, opinionResponses.incidentId))
    .innerJoin(orgUnits, eq(orgUnits.id, opinionResponses.orgId))
    .where(and(eq(opinionResponses.id, id), isPublic)))[0];
  return r ? { ...r, publishedAt: r.publishedAt! } : undefined;
}

/** Every published response's id and publication instant, for sitemap.xml. */
export async function sitemapResponses(db: Executor, limit: number): Promise<{ id: number; publishedAt: Date }[]> {
  const rows = await db.select({ id: opinionResponses.id, publishedAt: opinionResponses.publishedAt }).from(opinionResponses)
    .where(isPublic).orderBy(desc(opinionResponses.publishedAt)).limit(limit);
  return rows.map((r) => ({ id: r.id, publishedAt: r.publishedAt! }));
}
