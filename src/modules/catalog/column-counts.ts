// The public column pages' record counts (法定主动公开内容 by category, organisation, year; 政策解读),
// kept per process until the next change to what public pages show. Counting every matching record
// took 200–1,000 ms per render at 100,000 records, and every page of a column (a URL of its own for
// the page cache) counted the whole column again.
//
// Correctness: an entry is tied to the page cache's generation (publicPagesChanged(), called after
// every committed publish, withdrawal, 复查, edit and organisation change) taken before the count
// started, so a count read while a change was committing is never used after it. The key holds the
// Beijing date: a record whose 公开期限 ends today leaves the count at midnight. Changes made by
// another process show within COUNT_TTL_MS, the page cache's own bound for the same pages.
import type { Executor } from '../../platform/db/index.ts';
import { publicPagesGeneration } from '../../platform/http/page-cache.ts';
import { memo } from '../../platform/cache/index.ts';
import { countPublished, countInterpretations, type ListFilter } from './repo.public.ts';

export const COUNT_TTL_MS = 60_000;
const counts = memo<number>({ ttlMs: COUNT_TTL_MS, maxEntries: 2_000, generation: publicPagesGeneration });
const cached = (db: Executor, key: string, compute: () => Promise<number>, nowMs: number) => counts.get(db, key, compute, nowMs);

/** How many records the public sees in a column (repo.countPublished), at most COUNT_TTL_MS old and never older than the last change. */
export function publishedCount(db: Executor, today: string, f: ListFilter, nowMs = Date.now()): Promise<number> {
  const key = JSON.stringify(['list', today, f.category ?? null, f.orgId ?? null, f.year ?? null, !!f.interpretations]);
  return cached(db, key, () => countPublished(db, today, f), nowMs);
}

/** How many published interpretations the 政策解读 column lists (the same rules). */
export function interpretationsCount(db: Executor, today: string, nowMs = Date.now()): Promise<number> {
  return cached(db, JSON.stringify(['zcjd', today]), () => countInterpretations(db, today), nowMs);
}
