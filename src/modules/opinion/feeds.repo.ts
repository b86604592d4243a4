// SQL of feed sources: the admin list with item counts, claiming due sources for a poll (a lease
// moves next_poll_at forward first, so overlapping runs never poll one source twice), and the
// polling state written after each attempt.
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { opinionItems, opinionSources } from './schema.ts';
import type { SourceRow } from './repo.ts';

export type FeedSourceView = SourceRow & { itemCount: number };

/** Feed sources (orgIds: the caller's scope; null = county-wide sources only and those in scope). */
export async function listFeedSources(db: Executor, orgIds: readonly number[]): Promise<FeedSourceView[]> {
  const rows = await db.select({
    s: opinionSources,
    itemCount: sql<number>`(select count(*)::int from ${opinionItems} where ${opinionItems.sourceId} = ${opinionSources.id})`,
  }).from(opinionSources)
    .where(and(eq(opinionSources.kind, 'feed'), orgIds.length ? or(isNull(opinionSources.orgId), inArray(opinionSources.orgId, [...orgIds])) : isNull(opinionSources.orgId)))
    .orderBy(asc(opinionSources.name));
  return rows.map((r) => ({ ...r.s, itemCount: Number(r.itemCount) }));
}

export async function findFeedSourceView(db: Executor, id: number): Promise<FeedSourceView | undefined> {
  const s = (await db.select().from(opinionSources).where(and(eq(opinionSources.id, id), eq(opinionSources.kind, 'feed'))))[0];
  return s ? { ...s, itemCount: await countItemsOfSource(db, id) } : undefined;
}

export async function countItemsOfSource(db: Executor, sourceId: number): Promise<number> {
  const r = await db.select({ n: sql<number>`count(*)::int` }).from(opinionItems).where(eq(opinionItems.sourceId, sourceId));
  return Number(r[0]?.n ?? 0);
}

/** The source row, locked for an admin change. */
export async function lockSource(db: Executor, id: number): Promise<SourceRow | undefined> {
  return (await db.select().from(opinionSources).where(eq(opinionSources.id, id)).for('update'))[0];
}

export async function updateSource(db: Executor, id: number, set: Partial<typeof opinionSources.$inferInsert>): Promise<void> {
  await db.update(opinionSources).set({ ...set, updatedAt: sql`now()` }).where(eq(opinionSources.id, id));
}

export async function deleteSource(db: Executor, id: number): Promise<void> {
  await db.delete(opinionSources).where(eq(opinionSources.id, id));
}

/**
 * Takes up to `limit` enabled feed sources due at `now` and leases them until `leaseUntil`
 * (SKIP LOCKED: a concurrent run takes others). The lease is replaced by the outcome's next poll.
 */
export async function claimDueSources(db: Executor, now: Date, leaseUntil: Date, limit: number): Promise<SourceRow[]> {
  const due = db.select({ id: opinionSources.id }).from(opinionSources)
    .where(and(eq(opinionSources.kind, 'feed'), eq(opinionSources.enabled, true),
      or(isNull(opinionSources.nextPollAt), lte(opinionSources.nextPollAt, now))))
    .orderBy(sql`${opinionSources.nextPollAt} asc nulls first`, asc(opinionSources.id))
    .limit(limit).for('update', { skipLocked: true });
  return db.update(opinionSources).set({ nextPollAt: leaseUntil, lastPolledAt: now })
    .where(inArray(opinionSources.id, due)).returning();
}

/** Leases every enabled feed source now, due or not (`opinion poll` without --source). */
export async function claimEnabledSources(db: Executor, now: Date, leaseUntil: Date): Promise<SourceRow[]> {
  return db.update(opinionSources).set({ nextPollAt: leaseUntil, lastPolledAt: now })
    .where(and(eq(opinionSources.kind, 'feed'), eq(opinionSources.enabled, true))).returning();
}

/** Leases one source now, whether due or not ("立即抓取", `opinion poll --source`). */
export async function claimSource(db: Executor, id: number, now: Date, leaseUntil: Date): Promise<SourceRow | undefined> {
  return (await db.update(opinionSources).set({ nextPollAt: leaseUntil, lastPolledAt: now })
    .where(and(eq(opinionSources.id, id), eq(opinionSources.kind, 'feed'))).returning())[0];
}

export async function recordPollSuccess(db: Executor, id: number, s: { now: Date; next: Date; added: number; etag?: string | null; lastModified?: string | null; notModified: boolean }): Promise<void> {
  await db.update(opinionSources).set({
    lastSuccessAt: s.now, consecutiveFailures: 0, nextPollAt: s.next, lastError: null,
    itemsFetched: sql`${opinionSources.itemsFetched} + ${s.added}`,
    // A 304 carries no new validators: the stored ones stay.
    ...(s.notModified ? {} : { etag: s.etag ?? null, lastModified: s.lastModified ?? null }),
  }).where(eq(opinionSources.id, id));
}

export async function recordPollFailure(db: Executor, id: number, f: { now: Date; next: Date; message: string; failures: number }): Promise<void> {
  await db.update(opinionSources).set({
    lastError: f.message, lastErrorAt: f.now, consecutiveFailures: f.failures, nextPollAt: f.next,
  }).where(eq(opinionSources.id, id));
}
