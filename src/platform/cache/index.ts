// A short-lived in-process cache of computed values (counts, lists) that must never outlive a change:
// an entry is used only while it is younger than ttlMs and the caller's generation counter has not
// moved since the computation started (the counter is bumped after a commit, so a value read while a
// change was still committing is dropped too). Per database, so test servers never share entries;
// concurrent readers of one key share one computation; a failed one (or one `keep` refuses) is not kept.
export interface Memo<T> {
  get(db: object, key: string, compute: () => Promise<T>, nowMs?: number): Promise<T>;
}

export function memo<T>(opts: { ttlMs: number; maxEntries: number; generation: () => number; keep?: (value: T) => boolean }): Memo<T> {
  type Entry = { at: number; generation: number; value: Promise<T> };
  const byDb = new WeakMap<object, Map<string, Entry>>();
  return {
    get(db, key, compute, nowMs = Date.now()) {
      let m = byDb.get(db);
      if (!m) byDb.set(db, (m = new Map()));
      const generation = opts.generation();
      const hit = m.get(key);
      if (hit && hit.generation === generation && nowMs - hit.at < opts.ttlMs && nowMs >= hit.at) return hit.value;
      if (m.size >= opts.maxEntries) m.clear();
      const entry: Entry = { at: nowMs, generation, value: compute() };
      m.set(key, entry);
      const cache = m;
      const forget = () => { if (cache.get(key) === entry) cache.delete(key); };
      entry.value.then((v) => { if (opts.keep && !opts.keep(v)) forget(); }, forget);
      return entry.value;
    },
  };
}

/** A generation counter: `bump()` after a committed change, `current()` for memo's `generation`. */
export function counter(): { bump: () => void; current: () => number } {
  let n = 0;
  return { bump: () => { n++; }, current: () => n };
}
