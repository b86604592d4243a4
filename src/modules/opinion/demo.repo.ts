// The few writes the opinion demo makes outside the ingest use case: its sources, gazetteer words,
// routing rules, duty contacts and monitoring plan (the admin pages write the same rows).
import { count, ilike } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { opinionDutyContacts, opinionIncidents, opinionLexiconTerms, opinionPlans, opinionRoutingRules, opinionSources } from './schema.ts';

export async function sourceCount(db: Executor): Promise<number> {
  const [r] = await db.select({ n: count() }).from(opinionSources);
  return Number(r?.n ?? 0);
}

export type NewSourceRow = typeof opinionSources.$inferInsert;
export async function insertSources(db: Executor, rows: NewSourceRow[]) {
  return db.insert(opinionSources).values(rows).returning({ id: opinionSources.id, name: opinionSources.name });
}

export async function insertLexiconTerms(db: Executor, rows: (typeof opinionLexiconTerms.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(opinionLexiconTerms).values(rows);
}

export async function insertRoutingRules(db: Executor, rows: (typeof opinionRoutingRules.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(opinionRoutingRules).values(rows);
}

export async function insertDutyContacts(db: Executor, rows: (typeof opinionDutyContacts.$inferInsert)[]): Promise<void> {
  if (rows.length) await db.insert(opinionDutyContacts).values(rows);
}

export async function insertPlan(db: Executor, row: typeof opinionPlans.$inferInsert): Promise<void> {
  await db.insert(opinionPlans).values(row);
}

/** The demo's incidents by a word of their title (the demo knows its own stories). */
export async function incidentsTitled(db: Executor, word: string): Promise<{ id: number; version: number; status: string }[]> {
  return db.select({ id: opinionIncidents.id, version: opinionIncidents.version, status: opinionIncidents.status })
    .from(opinionIncidents).where(ilike(opinionIncidents.title, `%${word}%`)).orderBy(opinionIncidents.id);
}
