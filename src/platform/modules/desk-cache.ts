// Every back-office page shows the navigation badges, and the badges are the 工作台's counts: one small
// query per desk item of every module (18 statements for the disclosure office), before the page's own
// work. Ten staff clicking through the back office need the same numbers, not ten counts each a second,
// so a user's desk is reused for a few seconds (the same discipline as the requests queue's tab counts,
// modules/requests/queue-counts.ts):
//
// - Per database, per user and per principal: the key holds the user id, her organisation, her grants
//   (with the organisation ids each covers) and the Beijing date, so a changed grant or a new day is a
//   new key and nobody is shown counts outside her scope.
// - Every committed change in this process forgets every cached desk (deskChanged): after each
//   transaction of withTx (platform/db onCommitted) and after the handler of every non-GET request
//   (registerModules), so whoever has just acted sees the new counts on the page she is sent to. The
//   forgetting happens after the commit, so a desk read while the transaction was still open is dropped
//   with the rest. Changes by another process (a second server, the CLI) show within DESK_TTL_MS.
// - Concurrent views share one computation; a desk in which a module's counts failed is not kept.
import type { DeskGroup } from './index.ts';
import { counter, memo } from '../cache/index.ts';

export const DESK_TTL_MS = 5_000;

type Computed = { desk: readonly DeskGroup[]; complete: boolean };
const changes = counter();
const desks = memo<Computed>({ ttlMs: DESK_TTL_MS, maxEntries: 1_000, generation: changes.current, keep: (c) => c.complete });

/** Forgets every cached desk (after a committed change; see above). */
export const deskChanged = changes.bump;

/** The cache key of a user's desk: everything the counts depend on besides the data. */
export function deskKey(user: { id: number; orgId: number; grants: readonly unknown[] }, today: string): string {
  return JSON.stringify([user.id, user.orgId, today, user.grants]);
}

/**
 * The desk computed less than DESK_TTL_MS ago for the same key with no committed change since, or
 * `compute()`'s; one that is not `complete` (a module's counts failed) is answered but not kept.
 * Frozen: every view shares the objects.
 */
export function cachedDesk(db: object, key: string, compute: () => Promise<Computed>, nowMs = Date.now()): Promise<readonly DeskGroup[]> {
  return desks.get(db, key, async () => { const c = await compute(); return { complete: c.complete, desk: freeze(c.desk) }; }, nowMs).then((c) => c.desk);
}

function freeze(groups: readonly DeskGroup[]): readonly DeskGroup[] {
  for (const g of groups) { for (const i of g.items) Object.freeze(i); Object.freeze(g.items); Object.freeze(g); }
  return Object.freeze(groups);
}
