// All SQL of the spokesperson module: filed people and their filings, yearly rounds and
// confirmations, evaluations with failings, experts and 政务新媒体 accounts.
import { and, asc, desc, eq, inArray, isNotNull, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import {
  spokesConfirmations, spokesEvaluations, spokesExperts, spokesFailings, spokesFilings, spokesMediaAccounts, spokesPeople, spokesRounds,
} from './schema.ts';
import type { PersonValues } from './domain.ts';

export type PersonRow = typeof spokesPeople.$inferSelect;
export type FilingRow = typeof spokesFilings.$inferSelect & { orgName: string };
export type RoundRow = typeof spokesRounds.$inferSelect;
export type EvaluationRow = typeof spokesEvaluations.$inferSelect & { orgName: string; personName: string; personPosition: string };
export type FailingRow = typeof spokesFailings.$inferSelect;
export type ExpertRow = typeof spokesExperts.$inferSelect & { orgName: string };
export type MediaRow = typeof spokesMediaAccounts.$inferSelect & { orgName: string };

/** Active organisations in tree order (every one of them must have a spokesperson). */
export async function activeOrgs(db: Executor): Promise<{ id: number; name: string; kind: string }[]> {
  return db.select({ id: orgUnits.id, name: orgUnits.name, kind: orgUnits.kind }).from(orgUnits)
    .where(eq(orgUnits.active, true)).orderBy(asc(orgUnits.sort), asc(orgUnits.id));
}

export async function findActiveOrg(db: Executor, id: number): Promise<{ id: number; name: string } | undefined> {
  return (await db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.id, id), eq(orgUnits.active, true))))[0];
}

// --- people and filings --------------------------------------------------------------------------

export async function activePeople(db: Executor, orgIds?: readonly number[]): Promise<PersonRow[]> {
  if (orgIds && !orgIds.length) return [];
  return db.select().from(spokesPeople)
    .where(and(eq(spokesPeople.active, true), orgIds ? inArray(spokesPeople.orgId, [...orgIds]) : undefined))
    .orderBy(asc(spokesPeople.orgId), asc(spokesPeople.role));
}

export async function activePerson(db: Executor, orgId: number, role: string, lock = false): Promise<PersonRow | undefined> {
  const q = db.select().from(spokesPeople).where(and(eq(spokesPeople.orgId, orgId), eq(spokesPeople.role, role), eq(spokesPeople.active, true)));
  return (await (lock ? q.for('update') : q))[0];
}

export async function findPerson(db: Executor, id: number): Promise<PersonRow | undefined> {
  return (await db.select().from(spokesPeople).where(eq(spokesPeople.id, id)))[0];
}

export async function insertPerson(db: Executor, orgId: number, role: string, v: PersonValues, filedOn: string): Promise<number> {
  return (await db.insert(spokesPeople).values({ orgId, role, ...v, filedOn }).returning({ id: spokesPeople.id }))[0]!.id;
}

export async function updatePerson(db: Executor, id: number, v: PersonValues, filedOn: string): Promise<void> {
  await db.update(spokesPeople).set({ ...v, filedOn, updatedAt: sql`now()` }).where(eq(spokesPeople.id, id));
}

export async function endPerson(db: Executor, id: number, termTo: string): Promise<void> {
  await db.update(spokesPeople).set({ active: false, termTo: sql`coalesce(${spokesPeople.termTo}, ${termTo}::date)`, updatedAt: sql`now()` }).where(eq(spokesPeople.id, id));
}

function filingSelect(db: Executor) {
  return db.select({
    id: spokesFilings.id, orgId: spokesFilings.orgId, role: spokesFilings.role, kind: spokesFilings.kind, data: spokesFilings.data, changes: spokesFilings.changes,
    status: spokesFilings.status, submittedAt: spokesFilings.submittedAt, submittedBy: spokesFilings.submittedBy, decidedOn: spokesFilings.decidedOn,
    decidedBy: spokesFilings.decidedBy, returnReason: spokesFilings.returnReason, personId: spokesFilings.personId, orgName: orgUnits.name,
  }).from(spokesFilings).innerJoin(orgUnits, eq(orgUnits.id, spokesFilings.orgId));
}

export async function listFilings(db: Executor, p: { status?: string; orgIds?: readonly number[]; limit?: number }): Promise<FilingRow[]> {
  if (p.orgIds && !p.orgIds.length) return [];
  return filingSelect(db)
    .where(and(p.status ? eq(spokesFilings.status, p.status) : undefined, p.orgIds ? inArray(spokesFilings.orgId, [...p.orgIds]) : undefined))
    .orderBy(desc(spokesFilings.submittedAt), desc(spokesFilings.id)).limit(p.limit ?? 200);
}

export async function pendingFiling(db: Executor, orgId: number, role: string, lock = false): Promise<typeof spokesFilings.$inferSelect | undefined> {
  const q = db.select().from(spokesFilings).where(and(eq(spokesFilings.orgId, orgId), eq(spokesFilings.role, role), eq(spokesFilings.status, 'pending')));
  return (await (lock ? q.for('update') : q))[0];
}

export async function lockFiling(db: Executor, id: number): Promise<typeof spokesFilings.$inferSelect | undefined> {
  return (await db.select().from(spokesFilings).where(eq(spokesFilings.id, id)).for('update'))[0];
}

export async function insertFiling(db: Executor, v: { orgId: number; role: string; kind: string; data: PersonValues; changes: string; submittedBy: number | null }): Promise<number> {
  return (await db.insert(spokesFilings).values(v).returning({ id: spokesFilings.id }))[0]!.id;
}

export async function updatePendingFiling(db: Executor, id: number, v: { kind: string; data: PersonValues; changes: string; submittedBy: number | null }): Promise<void> {
  await db.update(spokesFilings).set({ ...v, submittedAt: sql`now()` }).where(eq(spokesFilings.id, id));
}

export async function decideFiling(db: Executor, id: number, v: { status: 'filed' | 'returned'; decidedOn: string; decidedBy: number | null; returnReason?: string; personId?: number }): Promise<void> {
  await db.update(spokesFilings).set(v).where(eq(spokesFilings.id, id));
}

export async function pendingCount(db: Executor, orgIds?: readonly number[]): Promise<number> {
  if (orgIds && !orgIds.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(spokesFilings)
    .where(and(eq(spokesFilings.status, 'pending'), orgIds ? inArray(spokesFilings.orgId, [...orgIds]) : undefined));
  return r?.n ?? 0;
}

/** The public list (/xwfb/fyr): filed active people of active organisations. */
export async function publicPeople(db: Executor): Promise<(PersonRow & { orgName: string; orgSort: number })[]> {
  const rows = await db.select({ p: spokesPeople, orgName: orgUnits.name, orgSort: orgUnits.sort }).from(spokesPeople)
    .innerJoin(orgUnits, eq(orgUnits.id, spokesPeople.orgId))
    .where(and(eq(spokesPeople.active, true), eq(orgUnits.active, true)))
    .orderBy(asc(orgUnits.sort), asc(orgUnits.id), asc(spokesPeople.role));
  return rows.map((r) => ({ ...r.p, orgName: r.orgName, orgSort: r.orgSort }));
}

// --- yearly rounds -------------------------------------------------------------------------------

export async function listRounds(db: Executor): Promise<(RoundRow & { confirmed: number })[]> {
  return db.select({
    id: spokesRounds.id, year: spokesRounds.year, openedOn: spokesRounds.openedOn, dueOn: spokesRounds.dueOn, closedOn: spokesRounds.closedOn,
    openedBy: spokesRounds.openedBy, confirmed: sql<number>`(select count(*)::int from spokes_confirmations c where c.round_id = ${spokesRounds.id})`,
  }).from(spokesRounds).orderBy(desc(spokesRounds.year));
}

export async function findRound(db: Executor, id: number): Promise<RoundRow | undefined> {
  return (await db.select().from(spokesRounds).where(eq(spokesRounds.id, id)))[0];
}

export async function roundOfYear(db: Executor, year: number): Promise<RoundRow | undefined> {
  return (await db.select().from(spokesRounds).where(eq(spokesRounds.year, year)))[0];
}

/** The open round (the newest without a closing date). */
export async function openRound(db: Executor, lock = false): Promise<RoundRow | undefined> {
  const q = db.select().from(spokesRounds).where(isNull(spokesRounds.closedOn)).orderBy(desc(spokesRounds.year)).limit(1);
  return (await (lock ? q.for('update') : q))[0];
}

export async function insertRound(db: Executor, v: { year: number; openedOn: string; dueOn: string; openedBy: number | null }): Promise<number> {
  return (await db.insert(spokesRounds).values(v).returning({ id: spokesRounds.id }))[0]!.id;
}

export async function closeRound(db: Executor, id: number, closedOn: string): Promise<void> {
  await db.update(spokesRounds).set({ closedOn }).where(eq(spokesRounds.id, id));
}

export async function confirmations(db: Executor, roundId: number): Promise<Map<number, string>> {
  const rows = await db.select({ orgId: spokesConfirmations.orgId, on: spokesConfirmations.confirmedOn }).from(spokesConfirmations).where(eq(spokesConfirmations.roundId, roundId));
  return new Map(rows.map((r) => [r.orgId, r.on]));
}

export async function insertConfirmation(db: Executor, v: { roundId: number; orgId: number; confirmedOn: string; confirmedBy: number | null }): Promise<boolean> {
  const r = await db.insert(spokesConfirmations).values(v).onConflictDoNothing().returning({ orgId: spokesConfirmations.orgId });
  return r.length > 0;
}

/** Organisations (of those given) that have not confirmed the round. */
export async function unconfirmedCount(db: Executor, roundId: number, orgIds: readonly number[]): Promise<number> {
  if (!orgIds.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(orgUnits)
    .where(and(eq(orgUnits.active, true), inArray(orgUnits.id, [...orgIds]),
      sql`not exists (select 1 from spokes_confirmations c where c.round_id = ${roundId} and c.org_id = ${orgUnits.id})`));
  return r?.n ?? 0;
}

// --- evaluations ---------------------------------------------------------------------------------

function evaluationSelect(db: Executor) {
  return db.select({
    e: spokesEvaluations, orgName: orgUnits.name, personName: spokesPeople.name, personPosition: spokesPeople.position,
  }).from(spokesEvaluations).innerJoin(orgUnits, eq(orgUnits.id, spokesEvaluations.orgId)).innerJoin(spokesPeople, eq(spokesPeople.id, spokesEvaluations.personId));
}
const flat = (r: { e: typeof spokesEvaluations.$inferSelect; orgName: string; personName: string; personPosition: string }): EvaluationRow =>
  ({ ...r.e, orgName: r.orgName, personName: r.personName, personPosition: r.personPosition });

export async function listEvaluations(db: Executor, p: { orgIds?: readonly number[]; year?: number; openRectify?: boolean }): Promise<EvaluationRow[]> {
  if (p.orgIds && !p.orgIds.length) return [];
  return (await evaluationSelect(db).where(and(
    p.orgIds ? inArray(spokesEvaluations.orgId, [...p.orgIds]) : undefined,
    p.year ? eq(spokesEvaluations.year, p.year) : undefined,
    p.openRectify ? and(isNotNull(spokesEvaluations.rectifyRequired), isNull(spokesEvaluations.rectifiedOn)) : undefined,
  )).orderBy(desc(spokesEvaluations.year), asc(orgUnits.sort), asc(spokesEvaluations.id))).map(flat);
}

export async function findEvaluation(db: Executor, id: number, lock = false): Promise<EvaluationRow | undefined> {
  const q = evaluationSelect(db).where(eq(spokesEvaluations.id, id));
  const r = (await (lock ? q.for('update', { of: spokesEvaluations }) : q))[0];
  return r && flat(r);
}

export async function insertEvaluation(db: Executor, v: { personId: number; orgId: number; year: number }): Promise<number | null> {
  const r = await db.insert(spokesEvaluations).values(v).onConflictDoNothing().returning({ id: spokesEvaluations.id });
  return r[0]?.id ?? null;
}

export async function evaluationOf(db: Executor, personId: number, year: number): Promise<number | undefined> {
  return (await db.select({ id: spokesEvaluations.id }).from(spokesEvaluations).where(and(eq(spokesEvaluations.personId, personId), eq(spokesEvaluations.year, year))))[0]?.id;
}

export async function updateEvaluation(db: Executor, id: number, v: Partial<typeof spokesEvaluations.$inferInsert>): Promise<void> {
  await db.update(spokesEvaluations).set(v).where(eq(spokesEvaluations.id, id));
}

export async function failingsOf(db: Executor, evaluationId: number): Promise<FailingRow[]> {
  return db.select().from(spokesFailings).where(eq(spokesFailings.evaluationId, evaluationId)).orderBy(asc(spokesFailings.occurredOn), asc(spokesFailings.id));
}

export async function insertFailing(db: Executor, v: { evaluationId: number; kind: string; occurredOn: string; description: string }): Promise<number> {
  return (await db.insert(spokesFailings).values(v).returning({ id: spokesFailings.id }))[0]!.id;
}

export async function deleteFailing(db: Executor, evaluationId: number, id: number): Promise<FailingRow | undefined> {
  return (await db.delete(spokesFailings).where(and(eq(spokesFailings.id, id), eq(spokesFailings.evaluationId, evaluationId))).returning())[0];
}

export async function openRectifyCount(db: Executor, orgIds: readonly number[]): Promise<number> {
  if (!orgIds.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(spokesEvaluations)
    .where(and(inArray(spokesEvaluations.orgId, [...orgIds]), isNotNull(spokesEvaluations.rectifyRequired), isNull(spokesEvaluations.rectifiedOn)));
  return r?.n ?? 0;
}

// --- experts -------------------------------------------------------------------------------------

export type ExpertValues = Omit<typeof spokesExperts.$inferInsert, 'id' | 'updatedAt' | 'filedOn'>;

export async function listExperts(db: Executor, orgIds?: readonly number[]): Promise<ExpertRow[]> {
  if (orgIds && !orgIds.length) return [];
  const rows = await db.select({ x: spokesExperts, orgName: orgUnits.name }).from(spokesExperts).innerJoin(orgUnits, eq(orgUnits.id, spokesExperts.orgId))
    .where(orgIds ? inArray(spokesExperts.orgId, [...orgIds]) : undefined)
    .orderBy(asc(spokesExperts.status), asc(orgUnits.sort), asc(spokesExperts.id));
  return rows.map((r) => ({ ...r.x, orgName: r.orgName }));
}

export async function findExpert(db: Executor, id: number, lock = false): Promise<typeof spokesExperts.$inferSelect | undefined> {
  const q = db.select().from(spokesExperts).where(eq(spokesExperts.id, id));
  return (await (lock ? q.for('update') : q))[0];
}

export async function insertExpert(db: Executor, v: ExpertValues): Promise<number> {
  return (await db.insert(spokesExperts).values(v).returning({ id: spokesExperts.id }))[0]!.id;
}

export async function updateExpert(db: Executor, id: number, v: Partial<typeof spokesExperts.$inferInsert>): Promise<void> {
  await db.update(spokesExperts).set({ ...v, updatedAt: sql`now()` }).where(eq(spokesExperts.id, id));
}

/** Experts other modules may attach (press events, 专家解读): in the library and filed. */
export async function listActiveExperts(db: Executor): Promise<{ id: number; name: string; field: string }[]> {
  return db.select({ id: spokesExperts.id, name: spokesExperts.name, field: spokesExperts.field }).from(spokesExperts)
    .where(and(eq(spokesExperts.status, 'active'), isNotNull(spokesExperts.filedOn))).orderBy(asc(spokesExperts.field), asc(spokesExperts.id));
}

/** Experts by id, in the order given (also those since 停用 or waiting to be filed again): no contact data. */
export async function expertsByIds(db: Executor, ids: readonly number[]): Promise<{ id: number; name: string; field: string; active: boolean }[]> {
  if (!ids.length) return [];
  const rows = await db.select({ id: spokesExperts.id, name: spokesExperts.name, field: spokesExperts.field, status: spokesExperts.status, filedOn: spokesExperts.filedOn })
    .from(spokesExperts).where(inArray(spokesExperts.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, field: r.field, active: r.status === 'active' && r.filedOn !== null }]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

// --- 政务新媒体 -------------------------------------------------------------------------------------

export type MediaValues = Omit<typeof spokesMediaAccounts.$inferInsert, 'id' | 'updatedAt' | 'filedOn'>;

export async function listMedia(db: Executor, p: { orgIds?: readonly number[]; flaggedBefore?: string; filedOnly?: boolean } = {}): Promise<MediaRow[]> {
  if (p.orgIds && !p.orgIds.length) return [];
  const rows = await db.select({ m: spokesMediaAccounts, orgName: orgUnits.name }).from(spokesMediaAccounts).innerJoin(orgUnits, eq(orgUnits.id, spokesMediaAccounts.orgId))
    .where(and(
      p.orgIds ? inArray(spokesMediaAccounts.orgId, [...p.orgIds]) : undefined,
      p.filedOnly ? and(isNotNull(spokesMediaAccounts.filedOn), ne(spokesMediaAccounts.status, 'closed')) : undefined,
      p.flaggedBefore ? and(ne(spokesMediaAccounts.status, 'closed'), or(isNull(spokesMediaAccounts.filedOn), isNull(spokesMediaAccounts.lastUpdateOn), lt(spokesMediaAccounts.lastUpdateOn, p.flaggedBefore))) : undefined,
    ))
    .orderBy(asc(orgUnits.sort), asc(orgUnits.id), asc(spokesMediaAccounts.platform), asc(spokesMediaAccounts.id));
  return rows.map((r) => ({ ...r.m, orgName: r.orgName }));
}

/** Accounts flagged on a day whose fresh cutoff is `cutoff` (domain.ts staleCutoff; the same rule as mediaFlags). */
export async function flaggedMediaCount(db: Executor, orgIds: readonly number[], cutoff: string): Promise<number> {
  if (!orgIds.length) return 0;
  const [r] = await db.select({ n: sql<number>`count(*)::int` }).from(spokesMediaAccounts)
    .where(and(inArray(spokesMediaAccounts.orgId, [...orgIds]), ne(spokesMediaAccounts.status, 'closed'),
      or(isNull(spokesMediaAccounts.filedOn), isNull(spokesMediaAccounts.lastUpdateOn), lt(spokesMediaAccounts.lastUpdateOn, cutoff))));
  return r?.n ?? 0;
}

export async function findMedia(db: Executor, id: number, lock = false): Promise<typeof spokesMediaAccounts.$inferSelect | undefined> {
  const q = db.select().from(spokesMediaAccounts).where(eq(spokesMediaAccounts.id, id));
  return (await (lock ? q.for('update') : q))[0];
}

export async function insertMedia(db: Executor, v: MediaValues): Promise<number> {
  return (await db.insert(spokesMediaAccounts).values(v).returning({ id: spokesMediaAccounts.id }))[0]!.id;
}

export async function updateMedia(db: Executor, id: number, v: Partial<typeof spokesMediaAccounts.$inferInsert>): Promise<void> {
  await db.update(spokesMediaAccounts).set({ ...v, updatedAt: sql`now()` }).where(eq(spokesMediaAccounts.id, id));
}

/** Whether the module holds any data (the demo loads only into an empty module). */
export async function anyPeople(db: Executor): Promise<boolean> {
  return (await db.select({ id: spokesPeople.id }).from(spokesPeople).limit(1)).length > 0;
}

export async function insertFiledFiling(db: Executor, v: typeof spokesFilings.$inferInsert): Promise<void> {
  await db.insert(spokesFilings).values(v);
}
