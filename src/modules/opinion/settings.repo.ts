// SQL of the 舆情 settings screens: import sources and their remembered column mapping, monitoring
// plans, lexicon terms, routing rules, duty contacts, and the kept corrections (read only).
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { users } from '../auth/schema.ts';
import {
  opinionCorrections, opinionDutyContacts, opinionIncidents, opinionLexiconTerms, opinionPlans, opinionRoutingRules, opinionSources,
} from './schema.ts';
import type { SourceRow } from './repo.ts';

// --- import sources ------------------------------------------------------------------------------

export const IMPORT_KINDS = ['hotline', 'board'] as const;

/** Hotline and message-board sources the caller may import into (county-wide ones and those of its scope). */
export async function listImportSources(db: Executor, orgIds: readonly number[]): Promise<SourceRow[]> {
  return db.select().from(opinionSources)
    .where(and(inArray(opinionSources.kind, [...IMPORT_KINDS]),
      orgIds.length ? or(isNull(opinionSources.orgId), inArray(opinionSources.orgId, [...orgIds])) : isNull(opinionSources.orgId)))
    .orderBy(asc(opinionSources.name));
}

export async function saveImportMapping(db: Executor, sourceId: number, mapping: Record<string, string>): Promise<void> {
  await db.update(opinionSources).set({ importMapping: mapping, updatedAt: sql`now()` }).where(eq(opinionSources.id, sourceId));
}

// --- plans ---------------------------------------------------------------------------------------

export type PlanRow = typeof opinionPlans.$inferSelect;
export type PlanValues = Omit<typeof opinionPlans.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

export async function listPlans(db: Executor): Promise<PlanRow[]> {
  return db.select().from(opinionPlans).orderBy(desc(opinionPlans.active), asc(opinionPlans.name), asc(opinionPlans.id));
}

export async function findPlan(db: Executor, id: number): Promise<PlanRow | undefined> {
  return (await db.select().from(opinionPlans).where(eq(opinionPlans.id, id)))[0];
}

export async function lockPlan(db: Executor, id: number): Promise<PlanRow | undefined> {
  return (await db.select().from(opinionPlans).where(eq(opinionPlans.id, id)).for('update'))[0];
}

export async function insertPlan(db: Executor, v: PlanValues): Promise<PlanRow> {
  return (await db.insert(opinionPlans).values(v).returning())[0]!;
}

export async function updatePlan(db: Executor, id: number, v: PlanValues): Promise<void> {
  await db.update(opinionPlans).set({ ...v, updatedAt: sql`now()` }).where(eq(opinionPlans.id, id));
}

export async function deletePlan(db: Executor, id: number): Promise<void> {
  await db.delete(opinionPlans).where(eq(opinionPlans.id, id));
}

/** Users a plan can tell: active people (not integration accounts) with an e-mail address. */
export async function notifiableUsers(db: Executor): Promise<{ id: number; name: string; orgName: string }[]> {
  return db.select({ id: users.id, name: users.displayName, orgName: orgUnits.name }).from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgId))
    .where(and(eq(users.active, true), eq(users.integration, false), isNotNull(users.email)))
    .orderBy(asc(orgUnits.name), asc(users.displayName));
}

/** Active organisations for the choices of plans, routing rules and duty contacts. */
export async function orgChoices(db: Executor): Promise<{ id: number; name: string }[]> {
  return db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.active, true)).orderBy(asc(orgUnits.id));
}

// --- lexicons ------------------------------------------------------------------------------------

export type LexiconTermRow = typeof opinionLexiconTerms.$inferSelect;

export async function lexiconTerms(db: Executor, lexicon: string): Promise<LexiconTermRow[]> {
  return db.select().from(opinionLexiconTerms).where(eq(opinionLexiconTerms.lexicon, lexicon))
    .orderBy(desc(opinionLexiconTerms.weight), asc(opinionLexiconTerms.term));
}

export async function lexiconCounts(db: Executor): Promise<Map<string, number>> {
  const rows = await db.select({ lexicon: opinionLexiconTerms.lexicon, n: sql<number>`count(*)::int` })
    .from(opinionLexiconTerms).groupBy(opinionLexiconTerms.lexicon);
  return new Map(rows.map((r) => [r.lexicon, Number(r.n)]));
}

export async function findLexiconTerm(db: Executor, id: number): Promise<LexiconTermRow | undefined> {
  return (await db.select().from(opinionLexiconTerms).where(eq(opinionLexiconTerms.id, id)))[0];
}

export async function findTermIn(db: Executor, lexicon: string, term: string): Promise<LexiconTermRow | undefined> {
  return (await db.select().from(opinionLexiconTerms).where(and(eq(opinionLexiconTerms.lexicon, lexicon), eq(opinionLexiconTerms.term, term))))[0];
}

/** Inserts terms a lexicon does not hold yet; the number inserted. */
export async function insertTerms(db: Executor, rows: { lexicon: string; term: string; weight: number; data?: unknown }[]): Promise<number> {
  if (!rows.length) return 0;
  const r = await db.insert(opinionLexiconTerms).values(rows.map((x) => ({ ...x, data: x.data ?? null })))
    .onConflictDoNothing({ target: [opinionLexiconTerms.lexicon, opinionLexiconTerms.term] }).returning({ id: opinionLexiconTerms.id });
  return r.length;
}

export async function updateTerm(db: Executor, id: number, set: { weight: number; data?: unknown }): Promise<void> {
  await db.update(opinionLexiconTerms).set({ weight: set.weight, ...(set.data !== undefined ? { data: set.data } : {}), updatedAt: sql`now()` })
    .where(eq(opinionLexiconTerms.id, id));
}

export async function deleteTerm(db: Executor, id: number): Promise<void> {
  await db.delete(opinionLexiconTerms).where(eq(opinionLexiconTerms.id, id));
}

// --- routing rules -------------------------------------------------------------------------------

export type RoutingRuleRow = typeof opinionRoutingRules.$inferSelect & { orgName: string };

export async function listRoutingRules(db: Executor): Promise<RoutingRuleRow[]> {
  const rows = await db.select({ r: opinionRoutingRules, orgName: orgUnits.name }).from(opinionRoutingRules)
    .innerJoin(orgUnits, eq(orgUnits.id, opinionRoutingRules.orgId))
    .orderBy(desc(opinionRoutingRules.priority), asc(opinionRoutingRules.term), asc(opinionRoutingRules.id));
  return rows.map((x) => ({ ...x.r, orgName: x.orgName }));
}

export async function findRoutingRule(db: Executor, id: number): Promise<RoutingRuleRow | undefined> {
  const rows = await db.select({ r: opinionRoutingRules, orgName: orgUnits.name }).from(opinionRoutingRules)
    .innerJoin(orgUnits, eq(orgUnits.id, opinionRoutingRules.orgId)).where(eq(opinionRoutingRules.id, id));
  return rows[0] && { ...rows[0].r, orgName: rows[0].orgName };
}

export async function findRuleByTermOrg(db: Executor, term: string, orgId: number): Promise<{ id: number } | undefined> {
  return (await db.select({ id: opinionRoutingRules.id }).from(opinionRoutingRules)
    .where(and(eq(opinionRoutingRules.term, term), eq(opinionRoutingRules.orgId, orgId))))[0];
}

type RuleValues = { term: string; orgId: number; priority: number; vertical: boolean };

export async function insertRoutingRule(db: Executor, v: RuleValues): Promise<number> {
  return (await db.insert(opinionRoutingRules).values(v).returning({ id: opinionRoutingRules.id }))[0]!.id;
}

export async function updateRoutingRule(db: Executor, id: number, v: RuleValues): Promise<void> {
  await db.update(opinionRoutingRules).set(v).where(eq(opinionRoutingRules.id, id));
}

export async function deleteRoutingRule(db: Executor, id: number): Promise<void> {
  await db.delete(opinionRoutingRules).where(eq(opinionRoutingRules.id, id));
}

// --- duty contacts -------------------------------------------------------------------------------

export type DutyRow = typeof opinionDutyContacts.$inferSelect & { orgName: string };

export async function listDutyContacts(db: Executor): Promise<DutyRow[]> {
  const rows = await db.select({ d: opinionDutyContacts, orgName: orgUnits.name }).from(opinionDutyContacts)
    .innerJoin(orgUnits, eq(orgUnits.id, opinionDutyContacts.orgId))
    .orderBy(desc(opinionDutyContacts.active), asc(orgUnits.id), asc(opinionDutyContacts.id));
  return rows.map((x) => ({ ...x.d, orgName: x.orgName }));
}

export async function findDutyContact(db: Executor, id: number): Promise<DutyRow | undefined> {
  const rows = await db.select({ d: opinionDutyContacts, orgName: orgUnits.name }).from(opinionDutyContacts)
    .innerJoin(orgUnits, eq(orgUnits.id, opinionDutyContacts.orgId)).where(eq(opinionDutyContacts.id, id));
  return rows[0] && { ...rows[0].d, orgName: rows[0].orgName };
}

type DutyValues = { orgId: number; name: string; position: string; phoneEnc: string; email: string | null; hours: string; active: boolean };

export async function insertDutyContact(db: Executor, v: DutyValues): Promise<number> {
  return (await db.insert(opinionDutyContacts).values(v).returning({ id: opinionDutyContacts.id }))[0]!.id;
}

export async function updateDutyContact(db: Executor, id: number, v: DutyValues): Promise<void> {
  await db.update(opinionDutyContacts).set({ ...v, updatedAt: sql`now()` }).where(eq(opinionDutyContacts.id, id));
}

export async function deleteDutyContact(db: Executor, id: number): Promise<void> {
  await db.delete(opinionDutyContacts).where(eq(opinionDutyContacts.id, id));
}

// --- corrections ---------------------------------------------------------------------------------

export type CorrectionRow = {
  id: number; incidentId: number; incidentNo: string; incidentTitle: string; field: string;
  suggested: string | null; chosen: string | null; reason: string | null; actorName: string | null; createdAt: Date;
};

/** Kept corrections, newest first (field: only one kind), one page. */
export async function listCorrections(db: Executor, opts: { field?: string; limit: number; offset: number }): Promise<{ rows: CorrectionRow[]; total: number }> {
  const where = opts.field ? eq(opinionCorrections.field, opts.field) : undefined;
  const rows = await db.select({
    id: opinionCorrections.id, incidentId: opinionCorrections.incidentId, incidentNo: opinionIncidents.no, incidentTitle: opinionIncidents.title,
    field: opinionCorrections.field, suggested: opinionCorrections.suggested, chosen: opinionCorrections.chosen, reason: opinionCorrections.reason,
    actorName: users.displayName, createdAt: opinionCorrections.createdAt,
  }).from(opinionCorrections)
    .innerJoin(opinionIncidents, eq(opinionIncidents.id, opinionCorrections.incidentId))
    .leftJoin(users, eq(users.id, opinionCorrections.actorId))
    .where(where).orderBy(desc(opinionCorrections.createdAt), desc(opinionCorrections.id)).limit(opts.limit).offset(opts.offset);
  const n = await db.select({ n: sql<number>`count(*)::int` }).from(opinionCorrections).where(where);
  return { rows, total: Number(n[0]?.n ?? 0) };
}
