// SQL of the opinion module's core tables (sources and items). Other repo files of the module
// (incidents, deadlines, responses …) sit next to this one, one per concept.
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { opinionItems, opinionSources } from './schema.ts';

export type SourceRow = typeof opinionSources.$inferSelect;
export type NewSource = typeof opinionSources.$inferInsert;
export type ItemRow = typeof opinionItems.$inferSelect;
export type NewItem = typeof opinionItems.$inferInsert;

export async function findSource(db: Executor, id: number): Promise<SourceRow | undefined> {
  return (await db.select().from(opinionSources).where(eq(opinionSources.id, id)))[0];
}

export async function findSourceByName(db: Executor, name: string): Promise<SourceRow | undefined> {
  return (await db.select().from(opinionSources).where(eq(opinionSources.name, name)))[0];
}

export async function listSources(db: Executor): Promise<SourceRow[]> {
  return db.select().from(opinionSources).orderBy(opinionSources.kind, opinionSources.name);
}

export async function insertSource(db: Executor, s: NewSource): Promise<SourceRow> {
  return (await db.insert(opinionSources).values(s).returning())[0]!;
}

/** The source of a push-API or manual channel, created on first use (one per sender name and kind). */
export async function ensureSource(db: Executor, name: string, kind: string, mediaType: string): Promise<SourceRow> {
  await db.insert(opinionSources).values({ name, kind, mediaType }).onConflictDoNothing({ target: opinionSources.name });
  return (await findSourceByName(db, name))!;
}

/** The item a source already sent under this key (the sender's idempotency key). */
export async function findItemByExternalId(db: Executor, sourceId: number, externalId: string): Promise<ItemRow | undefined> {
  return (await db.select().from(opinionItems).where(and(eq(opinionItems.sourceId, sourceId), eq(opinionItems.externalId, externalId))))[0];
}

/** The first item (an original) with this exact normalised text, from any source. */
export async function findOriginalByHash(db: Executor, contentHash: string): Promise<ItemRow | undefined> {
  return (await db.select().from(opinionItems)
    .where(and(eq(opinionItems.contentHash, contentHash), sql`${opinionItems.duplicateOfId} is null`))
    .orderBy(opinionItems.id).limit(1))[0];
}

/** Inserts an item unless the source already sent its key; undefined when it did (a concurrent repeat). */
export async function insertItem(db: Executor, item: NewItem): Promise<ItemRow | undefined> {
  return (await db.insert(opinionItems).values(item)
    .onConflictDoNothing({ target: [opinionItems.sourceId, opinionItems.externalId] }).returning())[0];
}

export async function addRepost(db: Executor, originalId: number): Promise<void> {
  await db.update(opinionItems).set({ repostCount: sql`${opinionItems.repostCount} + 1` }).where(eq(opinionItems.id, originalId));
}

export async function countNewSince(db: Executor, sourceId: number, since: Date): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionItems)
    .where(and(eq(opinionItems.sourceId, sourceId), sql`${opinionItems.receivedAt} >= ${since.toISOString()}`));
  return r[0]?.n ?? 0;
}
