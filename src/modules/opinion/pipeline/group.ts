// Stage 4: incidents. An item joins the open incident whose keywords and text it matches best within
// a time window, if the match scores above a threshold; otherwise it opens a candidate incident.
// Incidents are pure summaries (summed keyword weights, centroid terms with counts, places, times,
// counts), so merging and splitting by staff are functions of summaries and items too.
import type { GroupItem, IncidentSummary, WeightedTerm } from './types.ts';

export type GroupOptions = {
  /** An item matches an incident whose items are at most this many hours away from it. */
  windowHours: number;
  /** Lowest score (0–1) to join. */
  threshold: number;
  /** Parts of the score: keyword similarity, shared text terms, a shared place. */
  weights: { keywords: number; terms: number; places: number };
  /** Keywords and centroid terms an incident keeps (heaviest / most frequent). */
  maxKeywords: number;
  maxCentroid: number;
};

export const DEFAULT_GROUP_OPTIONS: GroupOptions = {
  windowHours: 72,
  threshold: 0.3,
  weights: { keywords: 0.6, terms: 0.3, places: 0.1 },
  maxKeywords: 30,
  maxCentroid: 40,
};

export type GroupScore = { score: number; matched: string[] };
export type GroupDecision =
  | { action: 'join'; incidentId: string; score: number; matched: string[] }
  | { action: 'new'; best: { incidentId: string; score: number } | null };

const HOUR = 3_600_000;
const r3 = (x: number) => Math.round(x * 1000) / 1000;

/** True when `at` is within the window of the incident's first-to-last item span. */
export function inWindow(incident: Pick<IncidentSummary, 'firstItemAt' | 'lastItemAt'>, at: Date, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): boolean {
  const w = opts.windowHours * HOUR;
  const t = at.getTime();
  return t >= incident.firstItemAt.getTime() - w && t <= incident.lastItemAt.getTime() + w;
}

/**
 * How well an item matches an incident (0–1), and the words they share:
 * cosine of the keyword weights, the share of the item's terms among the incident's centroid terms
 * (relative to the smaller of the two), and whether they name a place in common.
 */
export function matchScore(item: GroupItem, incident: IncidentSummary, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): GroupScore {
  const kw = new Map<string, number>();
  let norm2 = 0;
  for (const k of incident.keywords) {
    kw.set(k.term, k.weight);
    norm2 += k.weight * k.weight;
  }
  return scoreAgainst(item, { keywords: kw, keywordNorm2: norm2, centroid: new Set(incident.centroid), places: incident.places }, opts);
}

/** What scoring reads of an incident (IncidentIndex keeps it as mutable maps). */
export type IncidentVectors = {
  keywords: ReadonlyMap<string, number>;
  /** Sum of squared keyword weights. */
  keywordNorm2: number;
  centroid: ReadonlySet<string> | ReadonlyMap<string, number>;
  places: readonly string[];
};

/**
 * The score of `item` against `inc`; the shared words are listed only when asked (the winner's).
 * With `floor`, an incident whose keyword part cannot reach it is given up early (score −1).
 */
export function scoreAgainst(item: GroupItem, inc: IncidentVectors, opts: GroupOptions, withMatched = true, floor = -Infinity): GroupScore {
  const matched: string[] = [];
  let dot = 0;
  let itemNorm2 = 0;
  for (const k of item.keywords) {
    itemNorm2 += k.weight * k.weight;
    const w = inc.keywords.get(k.term);
    if (w !== undefined) {
      dot += k.weight * w;
      if (withMatched) matched.push(k.term);
    }
  }
  const cosine = dot > 0 ? dot / Math.sqrt(itemNorm2 * inc.keywordNorm2) : 0;
  const { keywords, terms, places } = opts.weights;
  const total = keywords + terms + places || 1;
  if ((keywords * cosine + terms + places) / total < floor) return { score: -1, matched };
  let shared = 0;
  for (const t of item.terms) {
    if (!inc.centroid.has(t)) continue;
    shared++;
    if (withMatched && !matched.includes(t)) matched.push(t);
  }
  const termShare = shared / Math.max(1, Math.min(item.terms.length, inc.centroid.size));
  let place = 0;
  if (item.places) for (const p of item.places) if (inc.places.includes(p)) { place = 1; break; }
  return { score: r3((keywords * cosine + terms * termShare + places * place) / total), matched };
}

/** `join` the best-matching incident in the window above the threshold, else `new` (with the best score seen). */
export function assignIncident(item: GroupItem, incidents: readonly IncidentSummary[], opts: GroupOptions = DEFAULT_GROUP_OPTIONS): GroupDecision {
  let best: { incident: IncidentSummary; s: GroupScore } | undefined;
  for (const inc of incidents) {
    if (!inWindow(inc, item.publishedAt, opts)) continue;
    const s = matchScore(item, inc, opts);
    // Equal scores: the most recently active incident (a story keeps going), then the first given.
    if (!best || s.score > best.s.score || (s.score === best.s.score && inc.lastItemAt > best.incident.lastItemAt)) best = { incident: inc, s };
  }
  if (best && best.s.score >= opts.threshold) return { action: 'join', incidentId: best.incident.id, score: best.s.score, matched: best.s.matched };
  return { action: 'new', best: best ? { incidentId: best.incident.id, score: best.s.score } : null };
}

// --- summaries -------------------------------------------------------------------------------------

function topKeywords(weights: Map<string, number>, max: number): WeightedTerm[] {
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([term, weight]) => ({ term, weight: Math.round(weight * 100) / 100 }));
}

function topCentroid(counts: Map<string, number>, max: number): { centroid: string[]; centroidCounts: number[] } {
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, max);
  return { centroid: top.map((e) => e[0]), centroidCounts: top.map((e) => e[1]) };
}

/** One item's contribution (keyword weights; each distinct term counted once). */
function accumulate(kw: Map<string, number>, counts: Map<string, number>, places: string[], item: GroupItem): void {
  for (const k of item.keywords) kw.set(k.term, (kw.get(k.term) ?? 0) + k.weight);
  for (const t of new Set(item.terms)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const p of item.places ?? []) if (!places.includes(p)) places.push(p);
}

function fromParts(base: Omit<IncidentSummary, 'keywords' | 'centroid' | 'centroidCounts' | 'places'>, kw: Map<string, number>, counts: Map<string, number>, places: string[], opts: GroupOptions): IncidentSummary {
  return { ...base, keywords: topKeywords(kw, opts.maxKeywords), ...topCentroid(counts, opts.maxCentroid), places };
}

function partsOf(s: IncidentSummary): { kw: Map<string, number>; counts: Map<string, number>; places: string[] } {
  return {
    kw: new Map(s.keywords.map((k) => [k.term, k.weight])),
    counts: new Map(s.centroid.map((t, i) => [t, s.centroidCounts[i] ?? 1])),
    places: [...s.places],
  };
}

/** The summary of an incident made of `items` (with `reposts` collapsed into them). Items must not be empty. */
export function summarise(id: string, items: readonly GroupItem[], reposts = 0, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): IncidentSummary {
  if (items.length === 0) throw new RangeError('an incident needs at least one item');
  const kw = new Map<string, number>();
  const counts = new Map<string, number>();
  const places: string[] = [];
  let first = items[0]!.publishedAt;
  let last = first;
  for (const it of items) {
    accumulate(kw, counts, places, it);
    if (it.publishedAt < first) first = it.publishedAt;
    if (it.publishedAt > last) last = it.publishedAt;
  }
  return fromParts({ id, firstItemAt: first, lastItemAt: last, itemCount: items.length, repostCount: reposts }, kw, counts, places, opts);
}

/** A new candidate incident opened by `item`. */
export const startIncident = (id: string, item: GroupItem, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): IncidentSummary => summarise(id, [item], 0, opts);

/** The incident after `item` joined it (a new summary; the argument is not changed). */
export function addItem(s: IncidentSummary, item: GroupItem, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): IncidentSummary {
  const { kw, counts, places } = partsOf(s);
  accumulate(kw, counts, places, item);
  return fromParts({
    id: s.id,
    firstItemAt: item.publishedAt < s.firstItemAt ? item.publishedAt : s.firstItemAt,
    lastItemAt: item.publishedAt > s.lastItemAt ? item.publishedAt : s.lastItemAt,
    itemCount: s.itemCount + 1,
    repostCount: s.repostCount,
  }, kw, counts, places, opts);
}

/** The incident after a repost (exact or near copy of one of its items) arrived at `at`. */
export function addRepost(s: IncidentSummary, at: Date): IncidentSummary {
  return { ...s, repostCount: s.repostCount + 1, lastItemAt: at > s.lastItemAt ? at : s.lastItemAt, firstItemAt: at < s.firstItemAt ? at : s.firstItemAt };
}

/** `from` merged into `into` (staff merge): keyword weights and term counts added, counts summed, span widened; keeps `into`'s id. */
export function mergeIncidents(into: IncidentSummary, from: IncidentSummary, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): IncidentSummary {
  const a = partsOf(into);
  const b = partsOf(from);
  for (const [t, w] of b.kw) a.kw.set(t, (a.kw.get(t) ?? 0) + w);
  for (const [t, n] of b.counts) a.counts.set(t, (a.counts.get(t) ?? 0) + n);
  for (const p of b.places) if (!a.places.includes(p)) a.places.push(p);
  return fromParts({
    id: into.id,
    firstItemAt: from.firstItemAt < into.firstItemAt ? from.firstItemAt : into.firstItemAt,
    lastItemAt: from.lastItemAt > into.lastItemAt ? from.lastItemAt : into.lastItemAt,
    itemCount: into.itemCount + from.itemCount,
    repostCount: into.repostCount + from.repostCount,
  }, a.kw, a.counts, a.places, opts);
}

/** An item of an incident with the reposts collapsed into it (they move with it). */
export type IncidentMember = { item: GroupItem; reposts: number };

/**
 * Staff split: the members at `moveIndexes` leave incident `id` for a new incident `newId`; both
 * summaries are recomputed from their members. Refused (RangeError) when either side would be empty.
 */
export function splitItems(id: string, members: readonly IncidentMember[], moveIndexes: ReadonlySet<number>, newId: string, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): { kept: IncidentSummary; split: IncidentSummary } {
  const keep = members.filter((_, i) => !moveIndexes.has(i));
  const move = members.filter((_, i) => moveIndexes.has(i));
  if (keep.length === 0 || move.length === 0) throw new RangeError('a split leaves both incidents with at least one item');
  const sum = (ms: readonly IncidentMember[]) => ms.reduce((a, m) => a + m.reposts, 0);
  return {
    kept: summarise(id, keep.map((m) => m.item), sum(keep), opts),
    split: summarise(newId, move.map((m) => m.item), sum(move), opts),
  };
}
