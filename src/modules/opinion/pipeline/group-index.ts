// In-memory incident assignment over a stream (the benchmark, a replay, a re-grouping job): the open
// incidents with mutable keyword maps and an inverted index term → incidents, so an item is scored
// only against incidents that share one of its keywords, and incidents idle for longer than the
// window are dropped (memory stays bounded on an endless stream). Same scores and decisions as
// assignIncident over the same incidents; the database layer selects candidates with SQL instead.
import type { GroupItem, IncidentSummary } from './types.ts';
import { DEFAULT_GROUP_OPTIONS, inWindow, scoreAgainst, type GroupDecision, type GroupOptions } from './group.ts';

type Live = {
  id: string;
  keywords: Map<string, number>;
  keywordNorm2: number;
  centroid: Map<string, number>;
  places: string[];
  firstItemAt: Date;
  lastItemAt: Date;
  itemCount: number;
  repostCount: number;
  /** Candidate bookkeeping of one assign call: keywords shared, valid when `stamp` is the call's. */
  stamp: number;
  shared: number;
  /** Dropped by expiry (its postings are swept later). */
  gone: boolean;
};

/** Most recently active incidents remembered per term (older ones are found through their other terms). */
const POSTINGS_CAP = 16;
/** Incidents fully scored per item. */
const MAX_SCORED = 8;

export class IncidentIndex {
  private readonly live = new Map<string, Live>();
  /** Term → the incidents (most recently posted last) whose keywords include it. */
  private readonly postings = new Map<string, Live[]>();
  private nextId = 1;
  private newest = 0;
  private calls = 0;
  private readonly candidates: Live[] = [];

  constructor(private readonly opts: GroupOptions = DEFAULT_GROUP_OPTIONS, private readonly idPrefix = 'c') {}

  get size(): number {
    return this.live.size;
  }

  /**
   * Assigns `item`: joins the best incident sharing a keyword (within window and threshold) or opens
   * one. Only the MAX_SCORED incidents sharing the most keywords are scored (a common word such as
   * 暴雨 is shared by many incidents; the one a post belongs to shares several of its words).
   */
  assign(item: GroupItem): GroupDecision & { incidentId: string } {
    const stamp = ++this.calls;
    const cands = this.candidates;
    cands.length = 0;
    for (const k of item.keywords) {
      const incs = this.postings.get(k.term);
      if (!incs) continue;
      for (const inc of incs) {
        if (inc.gone) continue;
        if (inc.stamp !== stamp) {
          inc.stamp = stamp;
          inc.shared = 0;
          cands.push(inc);
        }
        inc.shared++;
      }
    }
    let best: { inc: Live; score: number } | undefined;
    let itemNorm2 = 0;
    for (const k of item.keywords) itemNorm2 += k.weight * k.weight;
    for (const inc of topByShared(cands, MAX_SCORED)) {
      if (!inWindow(inc, item.publishedAt, this.opts)) continue;
      const score = this.score(item, itemNorm2, inc, best ? best.score : this.opts.threshold);
      if (score < 0) continue;
      if (!best || score > best.score || (score === best.score && inc.lastItemAt > best.inc.lastItemAt)) best = { inc, score };
    }
    this.expire(item.publishedAt);
    if (best && best.score >= this.opts.threshold) {
      const { matched } = scoreAgainst(item, best.inc, this.opts, true);
      this.join(best.inc, item);
      return { action: 'join', incidentId: best.inc.id, score: best.score, matched };
    }
    const id = `${this.idPrefix}${this.nextId++}`;
    const inc: Live = {
      id, keywords: new Map(), keywordNorm2: 0, centroid: new Map(), places: [],
      firstItemAt: item.publishedAt, lastItemAt: item.publishedAt, itemCount: 0, repostCount: 0,
      stamp: 0, shared: 0, gone: false,
    };
    this.live.set(id, inc);
    this.join(inc, item);
    return { action: 'new', incidentId: id, best: best ? { incidentId: best.inc.id, score: best.score } : null };
  }

  /**
   * scoreAgainst without the shared words, the same arithmetic in the same order (so the same
   * scores), without allocating: this runs for up to MAX_SCORED incidents per item.
   */
  private score(item: GroupItem, itemNorm2: number, inc: Live, floor: number): number {
    let dot = 0;
    for (const k of item.keywords) {
      const w = inc.keywords.get(k.term);
      if (w !== undefined) dot += k.weight * w;
    }
    const cosine = dot > 0 ? dot / Math.sqrt(itemNorm2 * inc.keywordNorm2) : 0;
    const { keywords, terms, places } = this.opts.weights;
    const total = keywords + terms + places || 1;
    if ((keywords * cosine + terms + places) / total < floor) return -1;
    let shared = 0;
    for (const t of item.terms) if (inc.centroid.has(t)) shared++;
    const termShare = shared / Math.max(1, Math.min(item.terms.length, inc.centroid.size));
    let place = 0;
    if (item.places) for (const p of item.places) if (inc.places.includes(p)) { place = 1; break; }
    return Math.round(((keywords * cosine + terms * termShare + places * place) / total) * 1000) / 1000;
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
    const kw = [...inc.keywords].sort((a, b) => b[1] - a[1]).slice(0, this.opts.maxKeywords);
    const cen = [...inc.centroid].sort((a, b) => b[1] - a[1]).slice(0, this.opts.maxCentroid);
    return {
      id, keywords: kw.map(([term, weight]) => ({ term, weight: Math.round(weight * 100) / 100 })),
      centroid: cen.map((e) => e[0]), centroidCounts: cen.map((e) => e[1]), places: [...inc.places],
      firstItemAt: inc.firstItemAt, lastItemAt: inc.lastItemAt, itemCount: inc.itemCount, repostCount: inc.repostCount,
    };
  }

  private join(inc: Live, item: GroupItem): void {
    for (const k of item.keywords) {
      const old = inc.keywords.get(k.term);
      const w = (old ?? 0) + k.weight;
      inc.keywords.set(k.term, w);
      inc.keywordNorm2 += w * w - (old ?? 0) * (old ?? 0);
      if (old === undefined) this.post(k.term, inc);
    }
    for (const t of item.terms) inc.centroid.set(t, (inc.centroid.get(t) ?? 0) + 1);
    for (const p of item.places ?? []) if (!inc.places.includes(p)) inc.places.push(p);
    if (item.publishedAt > inc.lastItemAt) inc.lastItemAt = item.publishedAt;
    if (item.publishedAt < inc.firstItemAt) inc.firstItemAt = item.publishedAt;
    inc.itemCount++;
    // Bounded vectors: cut to twice what a summary keeps once a map holds four times that (a sort per
    // many joins, not per join).
    if (inc.keywords.size > 4 * this.opts.maxKeywords) {
      inc.keywords = prune(inc.keywords, 2 * this.opts.maxKeywords);
      inc.keywordNorm2 = [...inc.keywords.values()].reduce((a, w) => a + w * w, 0);
    }
    if (inc.centroid.size > 4 * this.opts.maxCentroid) inc.centroid = prune(inc.centroid, 2 * this.opts.maxCentroid);
  }

  private post(term: string, inc: Live): void {
    const incs = this.postings.get(term);
    if (!incs) this.postings.set(term, [inc]);
    else {
      // A keyword pruned from an incident and added again is posted once: the list stays one entry per incident.
      const at = incs.indexOf(inc);
      if (at >= 0) incs.splice(at, 1);
      incs.push(inc);
      if (incs.length > POSTINGS_CAP) incs.shift();
    }
  }

  /** Drops incidents idle for twice the window before the newest time seen (swept every 10,000 items). */
  private expire(at: Date): void {
    this.newest = Math.max(this.newest, at.getTime());
    if (this.calls % 10_000 !== 0) return;
    const limit = this.newest - 2 * this.opts.windowHours * 3_600_000;
    for (const [id, inc] of this.live) {
      if (inc.lastItemAt.getTime() >= limit) continue;
      inc.gone = true;
      this.live.delete(id);
    }
    for (const [term, incs] of this.postings) {
      const keep = incs.filter((inc) => !inc.gone);
      if (keep.length === 0) this.postings.delete(term);
      else if (keep.length !== incs.length) this.postings.set(term, keep);
    }
  }
}

/**
 * Up to `max` candidates with the most shared keywords (counts are small: a bucket pass, not a sort),
 * first seen first among equals.
 */
function topByShared(cands: readonly Live[], max: number): readonly Live[] {
  if (cands.length <= max) return cands;
  let top = 0;
  for (const c of cands) if (c.shared > top) top = c.shared;
  const out: Live[] = [];
  for (let n = top; n > 0 && out.length < max; n--) {
    for (const c of cands) {
      if (c.shared !== n) continue;
      out.push(c);
      if (out.length === max) break;
    }
  }
  return out;
}

function prune(m: Map<string, number>, keep: number): Map<string, number> {
  return new Map([...m].sort((a, b) => b[1] - a[1]).slice(0, keep));
}
