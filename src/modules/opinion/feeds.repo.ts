// SQL of feed sources: the admin list with item counts, claiming due sources for a poll (a lease
// moves next_poll_at forward first, so overlapping runs never poll one source twice), and the
// polling state written after each attempt.
import { and, asc, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import { opinionItems, opinionSources } from './schema.ts';
import { orgUnits } from '../org/schema.ts';
import type { SourceRow } from './repo.ts';

export type FeedSourceView = SourceRow & { itemCount: number; orgName: string | null };

const viewCols = {
  s: opinionSources,
  orgName: orgUnits.name,
  itemCount: sql<number>`(select count(*)::int from ${opinionItems} where ${opinionItems.sourceId} = ${opinionSources.id})`,
};

/** Feed sources with their organisation's name: every one (all), or those of these organisations. */
export async function listFeedSources(db: Executor, scope: { all: boolean; orgIds: readonly number[] }): Promise<FeedSourceView[]> {
  if (!scope.all && !scope.orgIds.length) return [];
  const rows = await db.select(viewCols).from(opinionSources).leftJoin(orgUnits, eq(orgUnits.id, opinionSources.orgId))
    .where(and(eq(opinionSources.kind, 'feed'), scope.all ? undefined : inArray(opinionSources.orgId, [...scope.orgIds])))
    .orderBy(asc(opinionSources.name));
  return rows.map((r) => ({ ...r.s, orgName: r.orgName ?? null, itemCount: Number(r.itemCount) }));
}

export async function findFeedSourceView(db: Executor, id: number): Promise<FeedSourceView | undefined> {
  const r = (await db.select(viewCols).from(opinionSources).leftJoin(orgUnits, eq(orgUnits.id, opinionSources.orgId))
    .where(and(eq(opinionSources.id, id), eq(opinionSources.kind, 'feed'))))[0];
  return r ? { ...r.s, orgName: r.orgName ?? null, itemCount: Number(r.itemCount) } : undefined;
}

/** The name of an active organisation (undefined: none, or inactive). */
export async function activeOrgName(db: Executor, id: number): Promise<string | undefined> {
  return (await db.select({ name: orgUnits.name }).from(orgUnits).where(and(eq(orgUnits.id, id), eq(orgUnits.active, true))))[0]?.name;
}

/** Active organisations whose id, name or short name is `ref` (`opinion source add --org`). */
export async function orgsByRef(db: Executor, ref: string): Promise<{ id: number; name: string }[]> {
  const byId = /^[1-9]\d{0,9}$/.test(ref) ? eq(orgUnits.id, Number(ref)) : undefined;
  return db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits)
    .where(and(eq(orgUnits.active, true), or(eq(orgUnits.name, ref), eq(orgUnits.shortName, ref), byId)))
    .orderBy(asc(orgUnits.id));
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

/** Leases one source now, whether due or not (`opinion poll --source`). */
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

/** The 立即抓取 job takes its source: leased now if it is still an enabled feed source with a request waiting. */
export async function claimRequestedSource(db: Executor, id: number, now: Date, leaseUntil: Date): Promise<SourceRow | undefined> {
  return (await db.update(opinionSources).set({ nextPollAt: leaseUntil, lastPolledAt: now })
    .where(and(eq(opinionSources.id, id), eq(opinionSources.kind, 'feed'), eq(opinionSources.enabled, true), isNotNull(opinionSources.pollRequestedAt)))
    .returning())[0];
}

/** The 立即抓取 request has been served (or cannot be): the source is no longer queued. */
export async function clearPollRequest(db: Executor, id: number): Promise<void> {
  await db.update(opinionSources).set({ pollRequestedAt: null }).where(eq(opinionSources.id, id));
}
