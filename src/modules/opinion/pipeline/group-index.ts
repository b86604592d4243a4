// In-memory incident assignment over a stream (the benchmark, a replay, a re-grouping job): the open
// incidents with mutable keyword and centroid vectors and an inverted index term → incidents, so an
// item is scored only against incidents that share one of its keywords, and incidents idle for longer
// than the window are dropped (memory stays bounded on an endless stream). Same scores and decisions
// as assignIncident over the same incidents; the database layer selects candidates with SQL instead.
//
// Terms are interned to integers once per item: an incident's vectors are typed arrays of term ids
// (with weights or counts) with a small open-addressing table id → position (TermVector), and postings
// and candidate counts are arrays of incident slots, instead of string-keyed Maps and objects looked up
// per candidate. With several hundred open incidents of ~100 keywords and ~120 centroid terms each, the
// lookups are bound by memory latency; integers keep each one to a probe or two in a small array.
import type { GroupItem, IncidentSummary } from './types.ts';
import { DEFAULT_GROUP_OPTIONS, type GroupDecision, type GroupOptions } from './group.ts';

/**
 * Term ids with a value each (summed keyword weight, or item count), in insertion order as a Map keeps
 * them, with an open-addressing table id → position: a lookup is a multiply and a probe or two in a
 * small typed array, instead of a string-keyed Map lookup (hashing and comparing the term).
 */
class TermVector {
  ids = new Int32Array(8);
  values = new Float64Array(8);
  len = 0;
  /** Position + 1 per bucket, 0 empty; the length is a power of two, at least twice `len`. */
  private table = new Int32Array(16);
  private shift = 28;

  indexOf(id: number): number {
    const t = this.table;
    const mask = t.length - 1;
    for (let h = Math.imul(id, 0x9e3779b1) >>> this.shift; ; h = (h + 1) & mask) {
      const e = t[h]!;
      if (e === 0) return -1;
      if (this.ids[e - 1] === id) return e - 1;
    }
  }

  /** Appends `id` (not present) with `value`; its position. */
  push(id: number, value: number): number {
    const i = this.len++;
    if (i === this.ids.length) {
      const ids = new Int32Array(i * 2);
      ids.set(this.ids);
      this.ids = ids;
      const values = new Float64Array(i * 2);
      values.set(this.values);
      this.values = values;
    }
    this.ids[i] = id;
    this.values[i] = value;
    if (this.len * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(i);
    return i;
  }

  /** Keeps the `n` highest values, highest first, ties in insertion order (a stable sort of a Map's entries). */
  keepTop(n: number): void {
    const keep = sortedPositions(this.values, this.len).slice(0, n);
    const ids = Int32Array.from(keep, (i) => this.ids[i]!);
    const values = Float64Array.from(keep, (i) => this.values[i]!);
    this.ids.set(ids);
    this.values.set(values);
    this.len = keep.length;
    this.rehash(this.table.length);
  }

  /** The entries, highest value first (ties in insertion order), at most `n`. */
  top(n: number): number[] {
    return sortedPositions(this.values, this.len).slice(0, n);
  }

  /** Rebuilds the table after ids were renumbered (order and values unchanged). */
  reindex(): void {
    this.rehash(this.table.length);
  }

  private place(i: number): void {
    const t = this.table;
    const mask = t.length - 1;
    let h = Math.imul(this.ids[i]!, 0x9e3779b1) >>> this.shift;
    while (t[h] !== 0) h = (h + 1) & mask;
    t[h] = i + 1;
  }

  private rehash(size: number): void {
    if (size !== this.table.length) {
      this.table = new Int32Array(size);
      this.shift = 32 - Math.log2(size);
    } else this.table.fill(0);
    for (let i = 0; i < this.len; i++) this.place(i);
  }
}

/** An open incident. */
type Live = {
  id: string;
  /** Index in `incidents` and in the candidate arrays. */
  slot: number;
  keywords: TermVector;
  keywordNorm2: number;
  centroid: TermVector;
  places: string[];
  firstItemAt: Date;
  lastItemAt: Date;
  itemCount: number;
  repostCount: number;
};

/** Most recently active incidents remembered per term (older ones are found through their other terms). */
const POSTINGS_CAP = 16;
/** Incidents fully scored per item. */
const MAX_SCORED = 8;
/** Interned terms kept before the table is rebuilt from the open incidents' terms (right after an expiry sweep). */
const DEFAULT_TERM_CAPACITY = 1 << 20;
const HOUR = 3_600_000;

function grown<A extends Uint32Array<ArrayBuffer> | Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(a: A, need: number): A {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => A)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class IncidentIndex {
  private readonly live = new Map<string, Live>();
  /** Incidents by slot (undefined: free). */
  private incidents: (Live | undefined)[] = [];
  private readonly free: number[] = [];
  /** 1 for a slot whose incident was dropped (skipped by the postings walk until the slot is reused). */
  private gone = new Uint8Array(64);
  /** Slots dropped by the last sweep, freed by the next one. */
  private pendingFree: number[] = [];
  /** Term → id, and back. */
  private termIds = new Map<string, number>();
  private words: string[] = [];
  /** Term id → the slots of incidents (most recently posted last) whose keywords include it. */
  private postings: (number[] | undefined)[] = [];
  private nextId = 1;
  private newest = 0;
  private calls = 0;
  /** Candidate bookkeeping per incident slot: keywords shared, valid when `candStamp` is the call's. */
  private candStamp = new Uint32Array(64);
  private candShared = new Int32Array(64);
  private readonly candidates: number[] = [];
  // The item of the current call, interned.
  private itemKw = new Int32Array(16);
  private itemKwW = new Float64Array(16);
  private itemTerms = new Int32Array(64);

  constructor(private readonly opts: GroupOptions = DEFAULT_GROUP_OPTIONS, private readonly idPrefix = 'c', private readonly termCapacity = DEFAULT_TERM_CAPACITY) {}

  get size(): number {
    return this.live.size;
  }

  private intern(t: string): number {
    let id = this.termIds.get(t);
    if (id !== undefined) return id;
    id = this.words.length;
    this.termIds.set(t, id);
    this.words.push(t);
    return id;
  }

  /**
   * Assigns `item`: joins the best incident sharing a keyword (within window and threshold) or opens
   * one. Only the MAX_SCORED incidents sharing the most keywords are scored (a common word such as
   * 暴雨 is shared by many incidents; the one a post belongs to shares several of its words).
   */
  assign(item: GroupItem): GroupDecision & { incidentId: string } {
    // Right after a sweep (and before this item is interned): a table grown past its bound starts again.
    if (this.calls % 10_000 === 0 && this.words.length > this.termCapacity) this.compactTerms();
    const stamp = ++this.calls;
    const m = item.keywords.length;
    const n = item.terms.length;
    this.itemKw = grown(this.itemKw, m);
    this.itemKwW = grown(this.itemKwW, m);
    this.itemTerms = grown(this.itemTerms, n);
    const { itemKw, itemKwW, itemTerms } = this;
    let itemNorm2 = 0;
    for (let j = 0; j < m; j++) {
      const k = item.keywords[j]!;
      itemKw[j] = this.intern(k.term);
      itemKwW[j] = k.weight;
      itemNorm2 += k.weight * k.weight;
    }
    for (let j = 0; j < n; j++) itemTerms[j] = this.intern(item.terms[j]!);

    const cands = this.candidates;
    cands.length = 0;
    const { candStamp, candShared, incidents, gone } = this;
    for (let j = 0; j < m; j++) {
      const incs = this.postings[itemKw[j]!];
      if (!incs) continue;
      for (let p = 0; p < incs.length; p++) {
        const slot = incs[p]!;
        if (gone[slot]) continue;
        if (candStamp[slot] !== stamp) {
          candStamp[slot] = stamp;
          candShared[slot] = 0;
          cands.push(slot);
        }
        candShared[slot]!++;
      }
    }
    let best: Live | undefined;
    let bestScore = 0;
    const w = this.opts.windowHours * HOUR;
    const at = item.publishedAt.getTime();
    for (const slot of topByShared(cands, candShared, MAX_SCORED)) {
      const inc = incidents[slot]!;
      if (at < inc.firstItemAt.getTime() - w || at > inc.lastItemAt.getTime() + w) continue;
      const score = this.score(item, m, n, itemNorm2, inc, best ? bestScore : this.opts.threshold);
      if (score < 0) continue;
      if (!best || score > bestScore || (score === bestScore && inc.lastItemAt > best.lastItemAt)) { best = inc; bestScore = score; }
    }
    this.expire(item.publishedAt);
    if (best && bestScore >= this.opts.threshold) {
      const matched = this.matched(item, m, n, best);
      this.join(best, item, m, n);
      return { action: 'join', incidentId: best.id, score: bestScore, matched };
    }
    const id = `${this.idPrefix}${this.nextId++}`;
    const slot = this.free.length ? this.free.pop()! : this.incidents.length;
    const inc: Live = {
      id, slot, keywords: new TermVector(), keywordNorm2: 0, centroid: new TermVector(), places: [],
      firstItemAt: item.publishedAt, lastItemAt: item.publishedAt, itemCount: 0, repostCount: 0,
    };
    this.incidents[slot] = inc;
    this.candStamp = grown(this.candStamp, slot + 1);
    this.candShared = grown(this.candShared, slot + 1);
    this.gone = grown(this.gone, slot + 1);
    this.candStamp[slot] = 0;
    this.gone[slot] = 0;
    this.live.set(id, inc);
    this.join(inc, item, m, n);
    return { action: 'new', incidentId: id, best: best ? { incidentId: best.id, score: bestScore } : null };
  }

  /**
   * scoreAgainst without the shared words, the same arithmetic in the same order (so the same
   * scores), without allocating: this runs for up to MAX_SCORED incidents per item.
   */
  private score(item: GroupItem, m: number, n: number, itemNorm2: number, inc: Live, floor: number): number {
    const { itemKw, itemKwW, itemTerms } = this;
    const kw = inc.keywords;
    let dot = 0;
    for (let j = 0; j < m; j++) {
      const i = kw.indexOf(itemKw[j]!);
      if (i >= 0) dot += itemKwW[j]! * kw.values[i]!;
    }
    const cosine = dot > 0 ? dot / Math.sqrt(itemNorm2 * inc.keywordNorm2) : 0;
    const { keywords, terms, places } = this.opts.weights;
    const total = keywords + terms + places || 1;
    if ((keywords * cosine + terms + places) / total < floor) return -1;
    let shared = 0;
    const cen = inc.centroid;
    for (let j = 0; j < n; j++) if (cen.indexOf(itemTerms[j]!) >= 0) shared++;
    const termShare = shared / Math.max(1, Math.min(n, cen.len));
    let place = 0;
    if (item.places) for (const p of item.places) if (inc.places.includes(p)) { place = 1; break; }
    return Math.round(((keywords * cosine + terms * termShare + places * place) / total) * 1000) / 1000;
  }

  /** The words the item shares with the incident: its keywords among the incident's, then its terms in the centroid (scoreAgainst's list). */
  private matched(item: GroupItem, m: number, n: number, inc: Live): string[] {
    const out: string[] = [];
    for (let j = 0; j < m; j++) if (inc.keywords.indexOf(this.itemKw[j]!) >= 0) out.push(item.keywords[j]!.term);
    for (let j = 0; j < n; j++) {
      const t = item.terms[j]!;
      if (inc.centroid.indexOf(this.itemTerms[j]!) >= 0 && !out.includes(t)) out.push(t);
    }
    return out;
  }

  /** A repost of an item of incident `id` arrived at `at`. */
  repost(id: string, at: Date): void {
    const inc = this.live.get(id);
    if (!inc) return;
    inc.repostCount++;
    if (at > inc.lastItemAt) inc.lastItemAt = at;
  }

  /** The pure summary of a live incident (top keywords and centroid terms), or undefined once expired. */
  summary(id: string): IncidentSummary | undefined {
    const inc = this.live.get(id);
    if (!inc) return undefined;
    const { keywords: kw, centroid: cen } = inc;
    const k = kw.top(this.opts.maxKeywords);
    const c = cen.top(this.opts.maxCentroid);
    return {
      id, keywords: k.map((i) => ({ term: this.words[kw.ids[i]!]!, weight: Math.round(kw.values[i]! * 100) / 100 })),
      centroid: c.map((i) => this.words[cen.ids[i]!]!), centroidCounts: c.map((i) => cen.values[i]!), places: [...inc.places],
      firstItemAt: inc.firstItemAt, lastItemAt: inc.lastItemAt, itemCount: inc.itemCount, repostCount: inc.repostCount,
    };
  }

  /** Adds the item (interned by assign) to the incident. */
  private join(inc: Live, item: GroupItem, m: number, n: number): void {
    const kw = inc.keywords;
    for (let j = 0; j < m; j++) {
      const id = this.itemKw[j]!;
      const i = kw.indexOf(id);
      const old = i >= 0 ? kw.values[i]! : 0;
      const w = old + this.itemKwW[j]!;
      if (i >= 0) kw.values[i] = w;
      else {
        kw.push(id, w);
        this.post(id, inc.slot);
      }
      inc.keywordNorm2 += w * w - old * old;
    }
    const cen = inc.centroid;
    for (let j = 0; j < n; j++) {
      const id = this.itemTerms[j]!;
      const i = cen.indexOf(id);
      if (i >= 0) cen.values[i]!++;
      else cen.push(id, 1);
    }
    for (const p of item.places ?? []) if (!inc.places.includes(p)) inc.places.push(p);
    if (item.publishedAt > inc.lastItemAt) inc.lastItemAt = item.publishedAt;
    if (item.publishedAt < inc.firstItemAt) inc.firstItemAt = item.publishedAt;
    inc.itemCount++;
    // Bounded vectors: cut to twice what a summary keeps once they hold four times that (a sort per
    // many joins, not per join).
    if (kw.len > 4 * this.opts.maxKeywords) {
      kw.keepTop(2 * this.opts.maxKeywords);
      let norm2 = 0;
      for (let i = 0; i < kw.len; i++) norm2 += kw.values[i]! * kw.values[i]!;
      inc.keywordNorm2 = norm2;
    }
    if (cen.len > 4 * this.opts.maxCentroid) cen.keepTop(2 * this.opts.maxCentroid);
  }

  private post(term: number, slot: number): void {
    const incs = this.postings[term];
    if (!incs) this.postings[term] = [slot];
    else {
      // A keyword pruned from an incident and added again is posted once: the list stays one entry per incident.
      const at = incs.indexOf(slot);
      if (at >= 0) incs.splice(at, 1);
      incs.push(slot);
      if (incs.length > POSTINGS_CAP) incs.shift();
    }
  }

  /**
   * Drops incidents idle for twice the window before the newest time seen (swept every 10,000 items).
   * The call that drops an incident may still join it (it was scored before the sweep), posting its
   * slot again, so a slot is reused only after the next sweep has removed it from every list.
   */
  private expire(at: Date): void {
    this.newest = Math.max(this.newest, at.getTime());
    if (this.calls % 10_000 !== 0) return;
    const limit = this.newest - 2 * this.opts.windowHours * HOUR;
    const dropped: number[] = [];
    for (const [id, inc] of this.live) {
      if (inc.lastItemAt.getTime() >= limit) continue;
      this.gone[inc.slot] = 1;
      dropped.push(inc.slot);
      this.live.delete(id);
    }
    if (dropped.length || this.pendingFree.length) {
      const gone = this.gone;
      for (let t = 0; t < this.postings.length; t++) {
        const incs = this.postings[t];
        if (!incs || !incs.some((s) => gone[s])) continue;
        const keep = incs.filter((s) => !gone[s]);
        this.postings[t] = keep.length ? keep : undefined;
      }
    }
    for (const slot of this.pendingFree) {
      this.incidents[slot] = undefined;
      this.free.push(slot);
    }
    this.pendingFree = dropped;
  }

  /**
   * Interns again only the terms still used (by an open incident's vectors or a posting), so the
   * table stays bounded on an endless stream; ids change, decisions do not.
   */
  private compactTerms(): void {
    const remap = new Int32Array(this.words.length).fill(-1);
    const words: string[] = [];
    const termIds = new Map<string, number>();
    const use = (id: number): number => {
      let n = remap[id]!;
      if (n < 0) {
        n = remap[id] = words.length;
        words.push(this.words[id]!);
        termIds.set(this.words[id]!, n);
      }
      return n;
    };
    const postings: (number[] | undefined)[] = [];
    for (let t = 0; t < this.postings.length; t++) if (this.postings[t]) postings[use(t)] = this.postings[t];
    // Dropped incidents are never read again (their postings are swept; their slots wait to be reused).
    for (const inc of this.live.values()) {
      for (const v of [inc.keywords, inc.centroid]) {
        for (let i = 0; i < v.len; i++) v.ids[i] = use(v.ids[i]!);
        v.reindex();
      }
    }
    this.words = words;
    this.termIds = termIds;
    this.postings = postings;
  }
}

/** Positions 0..len−1 by value, highest first, ties in position order (a stable sort of a Map's entries). */
function sortedPositions(values: Float64Array, len: number): number[] {
  const pos = Array.from({ length: len }, (_, i) => i);
  return pos.sort((a, b) => values[b]! - values[a]! || a - b);
}

/**
 * Up to `max` candidates with the most shared keywords (counts are small: a bucket pass, not a sort),
 * first seen first among equals.
 */
function topByShared(cands: readonly number[], shared: Int32Array, max: number): readonly number[] {
  if (cands.length <= max) return cands;
  let top = 0;
  for (const c of cands) if (shared[c]! > top) top = shared[c]!;
  const out: number[] = [];
  for (let n = top; n > 0 && out.length < max; n--) {
    for (const c of cands) {
      if (shared[c] !== n) continue;
      out.push(c);
      if (out.length === max) break;
    }
  }
  return out;
}
