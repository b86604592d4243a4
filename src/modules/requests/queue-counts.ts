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
import { queueFilterChoices, statusCounts, type QueueFilter } from './repo.ts';

export const COUNTS_TTL_MS = 5_000;
const MAX_ENTRIES = 500;

type Entry = { at: number; generation: number; counts: Promise<Record<string, number>> };
const byDb = new WeakMap<object, Map<string, Entry>>();
/** Bumped by every committed case write: an entry of an older generation is not used. */
let generation = 0;

/** Forgets every cached count (after a case write has committed; see above). */
export function queueChanged(): void {
  generation++;
}

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
  let m = byDb.get(db);
  if (!m) byDb.set(db, (m = new Map()));
  const key = countsKey(f);
  const hit = m.get(key);
  if (hit && hit.generation === generation && nowMs - hit.at < COUNTS_TTL_MS && nowMs >= hit.at) return hit.counts;
  if (m.size >= MAX_ENTRIES) m.clear();
  // Frozen: every view shares the object.
  const counts = statusCounts(db, f).then((c) => Object.freeze(c));
  const entry = { at: nowMs, generation, counts };
  m.set(key, entry);
  const cache = m;
  counts.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  return counts;
}

type Choices = { readonly orgs: readonly { id: number; name: string }[]; readonly handlers: readonly { id: number; displayName: string }[] };
type ChoicesEntry = { at: number; generation: number; choices: Promise<Choices> };
const choicesByDb = new WeakMap<object, Map<string, ChoicesEntry>>();
let choicesGeneration = 0;
onCommitted(() => { choicesGeneration++; });

/** repo.queueFilterChoices of the scope, or the same lists read less than COUNTS_TTL_MS ago with no commit since. */
export function cachedFilterChoices(db: Executor, scope: Iterable<number>, nowMs = Date.now()): Promise<Choices> {
  let m = choicesByDb.get(db);
  if (!m) choicesByDb.set(db, (m = new Map()));
  const ids = [...new Set(scope)].sort((a, b) => a - b);
  const key = ids.join(',');
  const hit = m.get(key);
  if (hit && hit.generation === choicesGeneration && nowMs - hit.at < COUNTS_TTL_MS && nowMs >= hit.at) return hit.choices;
  if (m.size >= MAX_ENTRIES) m.clear();
  const choices = queueFilterChoices(db, ids).then((c) => Object.freeze({ orgs: Object.freeze(c.orgs), handlers: Object.freeze(c.handlers) }));
  const entry = { at: nowMs, generation: choicesGeneration, choices };
  m.set(key, entry);
  const cache = m;
  choices.catch(() => { if (cache.get(key) === entry) cache.delete(key); });
  return choices;
}
