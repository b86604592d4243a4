// The decisions of one ingestion batch, pure: what the database already holds is passed in (items
// with the same keys, originals with the same exact hashes, originals sharing a SimHash band, the
// open incidents an item may join), and the result says for every item whether it is a duplicate
// (of what), an original, and which incident it joins or opens. Items of the same batch see each
// other in order, exactly as if they had come one by one. ingest.ts does the reading and writing.
import type { Analysis, GroupItem, IncidentSummary, LexiconHits, OpinionCategory } from '../pipeline/index.ts';
import { inWindow, scoreAgainst, type IncidentVectors } from '../pipeline/group.ts';
import {
  addItem, addRepost, hamming, mergeHits, startIncident, toGroupItem, DEFAULT_GROUP_OPTIONS, NEAR_DISTANCE, type GroupOptions,
} from '../pipeline/index.ts';

export type Prepared = {
  /** The source that sent it (a batch may hold several): keys are per source, weights raise the risk. */
  sourceId: number;
  sourceWeight: number;
  externalId: string;
  analysis: Analysis;
  publishedAt: Date;
  mediaType: string;
  /** Monitoring plans: kept items are grouped; the others are stored only. */
  kept: boolean;
  planIds: number[];
};

/** Where an item's original is: a stored item or an earlier item of this batch. */
export type Ref = { existing: number; incidentId: number | null } | { batch: number };

export type Dedupe =
  | { kind: 'same_key'; itemId: number; originalId: number }
  /** The same key twice in one batch: the second is the first. */
  | { kind: 'batch_key'; of: number }
  | { kind: 'exact'; of: Ref }
  | { kind: 'near'; of: Ref; distance: number }
  | { kind: 'original' };

export type Lookups = {
  /** `sourceId\u0000externalId` → the stored item of that source with that key. */
  byKey: ReadonlyMap<string, { id: number; originalId: number }>;
  /** exact hash → the original of the first stored item with that hash. */
  byHash: ReadonlyMap<string, { id: number; incidentId: number | null }>;
  /** Stored originals sharing a band with an item of the batch. */
  near: readonly { id: number; simhash: bigint; bands: readonly number[]; incidentId: number | null }[];
};

const bandKey = (band: number, value: number) => band * 65_536 + value;
/** An item's identity: its source and the sender's key. */
export const itemKey = (it: { sourceId: number; externalId: string }) => `${it.sourceId}\u0000${it.externalId}`;

/** Duplicate decisions in batch order: same key, then exact hash, then SimHash within NEAR_DISTANCE (the closest, then the oldest). */
export function dedupeBatch(items: readonly Prepared[], look: Lookups): Dedupe[] {
  const out: Dedupe[] = [];
  const keys = new Map<string, number>();
  // Exact hash → the original of the first batch item with it (itself, or what it is a near copy of).
  const hashes = new Map<string, Ref>();
  // Band value → candidates (stored ones by id, batch originals by index), so an item is compared only with those sharing a band.
  const stored = new Map<number, Lookups['near'][number][]>();
  for (const c of look.near) c.bands.forEach((v, b) => { const k = bandKey(b, v); const l = stored.get(k); if (l) l.push(c); else stored.set(k, [c]); });
  const batchBands = new Map<number, number[]>();
  items.forEach((it, i) => {
    const a = it.analysis;
    const key = itemKey(it);
    const sameKey = look.byKey.get(key);
    if (sameKey) return void out.push({ kind: 'same_key', itemId: sameKey.id, originalId: sameKey.originalId });
    const earlierKey = keys.get(key);
    if (earlierKey !== undefined) return void out.push({ kind: 'batch_key', of: earlierKey });
    keys.set(key, i);
    const exact = look.byHash.get(a.exactKey);
    if (exact) return void out.push({ kind: 'exact', of: { existing: exact.id, incidentId: exact.incidentId } });
    const earlierHash = hashes.get(a.exactKey);
    if (earlierHash) return void out.push({ kind: 'exact', of: earlierHash });
    if (a.nearEligible) {
      let best: { of: Ref; distance: number; order: number } | undefined;
      const consider = (of: Ref, h: bigint, order: number) => {
        const d = hamming(a.simhash, h);
        if (d <= NEAR_DISTANCE && (!best || d < best.distance || (d === best.distance && order < best.order))) best = { of, distance: d, order };
      };
      const seen = new Set<number>();
      a.bands.forEach((v, b) => {
        for (const c of stored.get(bandKey(b, v)) ?? []) if (!seen.has(c.id)) { seen.add(c.id); consider({ existing: c.id, incidentId: c.incidentId }, c.simhash, c.id); }
        // Batch originals come after every stored item.
        for (const j of batchBands.get(bandKey(b, v)) ?? []) if (!seen.has(-1 - j)) { seen.add(-1 - j); consider({ batch: j }, items[j]!.analysis.simhash, 2 ** 40 + j); }
      });
      if (best) {
        hashes.set(a.exactKey, best.of);
        return void out.push({ kind: 'near', of: best.of, distance: best.distance });
      }
      a.bands.forEach((v, b) => { const k = bandKey(b, v); const l = batchBands.get(k); if (l) l.push(i); else batchBands.set(k, [i]); });
    }
    hashes.set(a.exactKey, { batch: i });
    out.push({ kind: 'original' });
  });
  return out;
}

/** An incident as grouping sees it: the summary plus what the risk score is recomputed from. */
export type IncidentState = {
  summary: IncidentSummary;
  signals: Signals;
  /** Opened by this batch. */
  fresh: boolean;
  /** Open (candidate / confirmed / responding): only open incidents take new items; any takes reposts. */
  open: boolean;
};

/** What an incident's risk is recomputed from on each join (stored in opinion_incidents.signals). */
export type Signals = {
  negative: LexiconHits;
  sensitive: LexiconHits;
  /** The highest source weight among its items. */
  sourceWeight: number;
  /** Items per suggested category. */
  categories: Partial<Record<OpinionCategory, number>>;
};

export const emptySignals = (): Signals => ({ negative: { terms: [], weight: 0 }, sensitive: { terms: [], weight: 0 }, sourceWeight: 0, categories: {} });

export function addSignals(s: Signals, a: Analysis, sourceWeight: number): Signals {
  const c = a.classification.category;
  return {
    negative: mergeHits([s.negative, a.negative]),
    sensitive: mergeHits([s.sensitive, a.sensitive]),
    sourceWeight: Math.max(s.sourceWeight, sourceWeight),
    categories: c ? { ...s.categories, [c]: (s.categories[c] ?? 0) + 1 } : s.categories,
  };
}

/** The category most items point to (ties: the order of the five in seed 004 §二); null when none does. */
export function categoryOf(s: Signals): OpinionCategory | null {
  let best: OpinionCategory | null = null;
  for (const c of ['policy_misread', 'public_interest', 'moral', 'emergency', 'higher_request'] as const) {
    if ((s.categories[c] ?? 0) > (best ? s.categories[best] ?? 0 : 0)) best = c;
  }
  return best;
}

export type Placement = { incident: string; opened: boolean; score: number | null; matched: string[] };

export type GroupResult = {
  /** Per batch item: the incident key an original joined or opened (null: not grouped); duplicates follow their original. */
  placements: (Placement | null)[];
  /** Every incident the batch touched, by key (`String(id)` of a stored one, `n0`, `n1` … of a new one). */
  incidents: Map<string, IncidentState & { items: number[]; reposts: number[]; planIds: Set<number> }>;
};

/**
 * Groups the batch's kept originals into incidents in order (joining `open` ones sharing a keyword,
 * or opening new candidates), and counts every duplicate as a repost of its original's incident.
 */
export function groupBatch(items: readonly Prepared[], dedupe: readonly Dedupe[], known: ReadonlyMap<string, IncidentState>, opts: GroupOptions = DEFAULT_GROUP_OPTIONS): GroupResult {
  const states = new Map<string, IncidentState>(known);
  const postings = new Map<string, Set<string>>();
  const post = (key: string, s: IncidentSummary) => { for (const k of s.keywords) { const l = postings.get(k.term); if (l) l.add(key); else postings.set(k.term, new Set([key])); } };
  for (const [key, st] of states) if (st.open) post(key, st.summary);
  // Scoring vectors per incident, rebuilt only when the incident changes (not per item and candidate).
  const vectors = new Map<string, IncidentVectors>();
  const touched: GroupResult['incidents'] = new Map();
  const touch = (key: string) => {
    let t = touched.get(key);
    if (!t) touched.set(key, (t = { ...states.get(key)!, items: [], reposts: [], planIds: new Set() }));
    return t;
  };
  const placements: (Placement | null)[] = [];
  let fresh = 0;
  items.forEach((it, i) => {
    const d = dedupe[i]!;
    if (d.kind === 'original') {
      if (!it.kept) return void placements.push(null);
      const g = toGroupItem(it.analysis, it.publishedAt);
      const cands = new Set<string>();
      for (const k of g.keywords) for (const key of postings.get(k.term) ?? []) cands.add(key);
      const decision = assign(g, cands, states, vectors, opts);
      let key: string;
      let placement: Placement;
      if (decision.action === 'join') {
        key = decision.incidentId;
        const st = states.get(key)!;
        states.set(key, { ...st, summary: addItem(st.summary, g, opts) });
        vectors.delete(key);
        placement = { incident: key, opened: false, score: decision.score, matched: decision.matched };
      } else {
        key = `n${fresh++}`;
        states.set(key, { summary: startIncident(key, g, opts), signals: emptySignals(), fresh: true, open: true });
        placement = { incident: key, opened: true, score: decision.best?.score ?? null, matched: [] };
      }
      const st = states.get(key)!;
      states.set(key, { ...st, signals: addSignals(st.signals, it.analysis, it.sourceWeight) });
      post(key, st.summary);
      const t = touch(key);
      Object.assign(t, states.get(key));
      t.items.push(i);
      for (const p of it.planIds) t.planIds.add(p);
      return void placements.push(placement);
    }
    // A duplicate: a repost of its original's incident, if the original has one.
    const key = incidentOfDuplicate(d, placements);
    if (key === null || !states.has(key)) return void placements.push(null);
    const st = states.get(key)!;
    states.set(key, { ...st, summary: addRepost(st.summary, it.publishedAt) });
    const t = touch(key);
    Object.assign(t, states.get(key));
    t.reposts.push(i);
    placements.push({ incident: key, opened: false, score: null, matched: [] });
  });
  return { placements, incidents: touched };
}

function vectorsOf(s: IncidentSummary): IncidentVectors {
  const keywords = new Map(s.keywords.map((k) => [k.term, k.weight]));
  let keywordNorm2 = 0;
  for (const w of keywords.values()) keywordNorm2 += w * w;
  return { keywords, keywordNorm2, centroid: new Set(s.centroid), places: s.places };
}

type Decision = { action: 'join'; incidentId: string; score: number; matched: string[] } | { action: 'new'; best: { incidentId: string; score: number } | null };

/**
 * The pipeline's assignIncident over the candidates (same scores, threshold and tie rule), with cached
 * vectors. `best` of a `new` decision is the best of the candidates scored in full (not stored).
 */
function assign(g: GroupItem, cands: ReadonlySet<string>, states: ReadonlyMap<string, IncidentState>, vectors: Map<string, IncidentVectors>, opts: GroupOptions): Decision {
  let best: { key: string; score: number; last: Date } | undefined;
  for (const key of cands) {
    const st = states.get(key)!;
    if (!inWindow(st.summary, g.publishedAt, opts)) continue;
    let v = vectors.get(key);
    if (!v) vectors.set(key, (v = vectorsOf(st.summary)));
    // A candidate whose keyword part cannot reach the threshold or the best so far (less half a
    // rounding step: scores are rounded to 0.001, and an equal score may still win) is given up early.
    const { score } = scoreAgainst(g, v, opts, false, Math.max(opts.threshold, best?.score ?? -Infinity) - 0.0005);
    if (score < 0) continue;
    if (!best || score > best.score || (score === best.score && st.summary.lastItemAt > best.last)) best = { key, score, last: st.summary.lastItemAt };
  }
  if (best && best.score >= opts.threshold) return { action: 'join', incidentId: best.key, score: best.score, matched: scoreAgainst(g, vectors.get(best.key)!, opts).matched };
  return { action: 'new', best: best ? { incidentId: best.key, score: best.score } : null };
}

function incidentOfDuplicate(d: Dedupe, placements: readonly (Placement | null)[]): string | null {
  if (d.kind === 'exact' || d.kind === 'near') {
    if ('batch' in d.of) return placements[d.of.batch]?.incident ?? null;
    return d.of.incidentId === null ? null : String(d.of.incidentId);
  }
  // A key already sent (in an earlier batch or earlier in this one) is not a new repost.
  return null;
}
