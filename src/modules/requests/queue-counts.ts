// The queue's tab counts, reused for a few seconds. Counting is the part of a queue view that reads
// every open case in scope (and up to COUNT_CAP closed ones), while the page itself reads 20 rows off
// an index; ten clerks opening the queue at once need the same numbers, not ten scans of them.
//
// Correctness: a case write in this process forgets every cached count once its transaction has
// committed (queueChanged, called by the handling use cases, intake and the clock), so the clerk who
// just acted sees the new counts on the page she is redirected to. A count read while such a
// transaction was still open is dropped with the rest, because the forgetting happens after the
// commit. Writes by another process (a second server, the CLI) show within COUNTS_TTL_MS. Entries
// are per database and per filter, and the filter holds the user's scope (the organisations she may
// read), so nobody is shown counts of cases outside her scope.
//
// The filter form's lists (organisations in scope and their handlers) are kept the same way, per scope,
// and forgotten after every committed transaction of the process (platform/db onCommitted): a renamed
// organisation or a new grant shows on the next view.
import { onCommitted, type Executor } from '../../platform/db/index.ts';
import { counter, memo } from '../../platform/cache/index.ts';
import { queueFilterChoices, statusCounts, type QueueFilter } from './repo.ts';

export const COUNTS_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

/** Bumped by every committed case write: an entry of an older generation is not used. */
const caseWrites = counter();
const counts = memo<Record<string, number>>({ ttlMs: COUNTS_TTL_MS, maxEntries: MAX_ENTRIES, generation: caseWrites.current });

/** Forgets every cached count (after a case write has committed; see above). */
export const queueChanged = caseWrites.bump;

/**
 * The cache key: every filter field but the status (the tabs count all statuses under the same
 * filters). Built from the filter's own fields, so a field added later cannot be left out.
 */
export function countsKey(f: QueueFilter): string {
  const { status: _status, scope, ids, ...rest } = f;
  const sorted = (v: Iterable<number>) => [...new Set(v)].sort((a, b) => a - b).join(',');
  const fields = Object.entries(rest).filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '').sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([sorted(scope), ids ? sorted(ids) : null, fields]);
}

/**
 * repo.statusCounts, or the same counts computed less than COUNTS_TTL_MS ago for the same filters.
 * Concurrent views share one computation; a failed one is not kept.
 */
export function cachedStatusCounts(db: Executor, f: QueueFilter, nowMs = Date.now()): Promise<Record<string, number>> {
  // Frozen: every view shares the object.
  return counts.get(db, countsKey(f), () => statusCounts(db, f).then((c) => Object.freeze(c)), nowMs);
}

type Choices = { readonly orgs: readonly { id: number; name: string }[]; readonly handlers: readonly { id: number; displayName: string }[] };
const commits = counter();
onCommitted(commits.bump);
const choices = memo<Choices>({ ttlMs: COUNTS_TTL_MS, maxEntries: MAX_ENTRIES, generation: commits.current });

/** repo.queueFilterChoices of the scope, or the same lists read less than COUNTS_TTL_MS ago with no commit since. */
export function cachedFilterChoices(db: Executor, scope: Iterable<number>, nowMs = Date.now()): Promise<Choices> {
  const ids = [...new Set(scope)].sort((a, b) => a - b);
  return choices.get(db, ids.join(','), () => queueFilterChoices(db, ids).then((c) => Object.freeze({ orgs: Object.freeze(c.orgs), handlers: Object.freeze(c.handlers) })), nowMs);
}
