// Ingestion: every channel (feed poll, push API, hotline import, manual entry) hands its items here.
// First, outside any transaction, each item is checked (refusalOf) and analysed by the pure pipeline
// (normalise, exact key, SimHash, keywords, places and organisations, category, lexicon hits) and
// matched against the monitoring plans. Then one transaction under the ingest lock: duplicates by
// source key, exact hash and banded SimHash (Hamming ≤ 3; bands stored for originals only), grouping
// of the kept originals into open incidents or new candidates (gap-free 舆情编号), reposts counted,
// each touched incident's counts, keywords, span and risk (score, explanation, suggested grade and
// category) recomputed, one timeline event per incident, plan mails (one per plan per incident), and
// one audit row for the batch.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { beijingDateParts } from '../../../platform/time/index.ts';
import { analyseItem, bandsOf, fromSigned64, mentionedOrgIds, scoreRisk, toSigned64, DEFAULT_GROUP_OPTIONS, type Analysis, type IncidentSummary } from '../pipeline/index.ts';
import { findSource, type SourceRow } from '../repo.ts';
import * as repo from '../ingest.repo.ts';
import { keptBy, routeOf } from '../plans.ts';
import { loadIngestDeps, type IngestDeps } from './ingest-deps.ts';
import { categoryOf, dedupeBatch, itemKey, emptySignals, groupBatch, type Dedupe, type GroupResult, type IncidentState, type Prepared, type Signals } from './ingest-batch.ts';
import { notifyPlans } from './ingest-notify.ts';

export interface IncomingItem {
  /** The sender's key: the same key from the same source is the same item. */
  externalId: string;
  title: string;
  text: string;
  url?: string | null;
  publishedAt: Date;
  author?: string | null;
  /** A hotline caller's phone (personal data). */
  contact?: string | null;
  /** Overrides the source's media type (model.ts MEDIA_TYPES). */
  mediaType?: string;
  /** The text is HTML (a feed's content:encoded). */
  html?: boolean;
  /** A task assigned by a higher government (上级交办): always 上级要求回应. */
  assignedByHigher?: boolean;
}

export type IngestOutcome =
  | { status: 'new'; itemId: number; incidentId: number | null }
  | { status: 'duplicate'; itemId: number; duplicateOf: number; kind: 'same_key' | 'exact' | 'near'; incidentId: number | null }
  | { status: 'refused'; reason: string };

export interface IngestSummary { results: IngestOutcome[]; added: number; duplicates: number; refused: number; incidentsOpened: number }

const LIMITS = { externalId: 200, title: 500, text: 20_000, url: 2_000, author: 100, contact: 50 };

/** Why an item cannot be stored (Chinese), or null. Feeds and imports reach here unchecked; the API checks types first. */
export function refusalOf(it: IncomingItem): string | null {
  if (!it.externalId?.trim()) return '缺少信息编号（id）';
  if (it.externalId.length > LIMITS.externalId) return `信息编号不能超过 ${LIMITS.externalId} 个字符`;
  if (!it.title?.trim() && !it.text?.trim()) return '标题和正文不能都为空';
  if ((it.title ?? '').length > LIMITS.title) return `标题不能超过 ${LIMITS.title} 个字符`;
  if ((it.text ?? '').length > LIMITS.text) return `正文不能超过 ${LIMITS.text} 个字符`;
  if (it.url && (it.url.length > LIMITS.url || !/^https?:\/\/\S+$/i.test(it.url))) return '链接应为 http:// 或 https:// 开头的网址';
  if (!(it.publishedAt instanceof Date) || Number.isNaN(it.publishedAt.getTime())) return '发布时间无效';
  if (it.author && it.author.length > LIMITS.author) return `作者不能超过 ${LIMITS.author} 个字符`;
  if (it.contact && it.contact.length > LIMITS.contact) return `联系电话不能超过 ${LIMITS.contact} 个字符`;
  if (/\u0000/.test(`${it.externalId}${it.title}${it.text}${it.url ?? ''}${it.author ?? ''}`)) return '内容含有不允许的控制字符';
  return null;
}

type Accepted = Prepared & { input: IncomingItem; orgIds: number[]; source: SourceRow };

/** The CPU part, before the transaction: checks, analysis, plans. */
function prepare(items: readonly IncomingItem[], source: SourceRow, deps: IngestDeps): { accepted: (Accepted | null)[]; refusals: (string | null)[] } {
  const accepted: (Accepted | null)[] = [];
  const refusals: (string | null)[] = [];
  for (const it of items) {
    const refused = refusalOf(it);
    refusals.push(refused);
    if (refused) { accepted.push(null); continue; }
    const analysis = analyseItem({ title: it.title, text: it.text ?? '', html: it.html, publishedAt: it.publishedAt, assignedByHigher: it.assignedByHigher }, deps.pipeline);
    const mediaType = it.mediaType ?? source.mediaType;
    const orgIds = mentionedOrgIds(analysis);
    const { kept, planIds } = keptBy(deps.plans, { text: analysis.text, mediaType, orgIds });
    accepted.push({
      input: it, source, sourceId: source.id, sourceWeight: source.weight, externalId: it.externalId.trim(), analysis, publishedAt: it.publishedAt, mediaType, kept, planIds, orgIds,
    });
  }
  return { accepted, refusals };
}

/** Stores a batch from one source; the outcome of every item in order. */
export async function ingestItems(ctx: AppContext, sourceId: number, items: readonly IncomingItem[], actor: Actor, opts: { deps?: IngestDeps } = {}): Promise<IngestSummary> {
  return (await ingestGroups(ctx, [{ sourceId, items }], actor, opts))[0]!;
}

export type IngestGroup = { sourceId: number; items: readonly IncomingItem[] };

/**
 * Stores the items of several sources (one push request) as one batch: one transaction, one turn
 * of the ingest lock and one set of statements for all of them, in the order given; one audit row.
 * The outcome of every item of every group, in order.
 */
export async function ingestGroups(ctx: AppContext, groups: readonly IngestGroup[], actor: Actor, opts: { deps?: IngestDeps } = {}): Promise<IngestSummary[]> {
  const sources: SourceRow[] = [];
  for (const g of groups) {
    const source = await findSource(ctx.db, g.sourceId);
    if (!source) throw new Error(`opinion source ${g.sourceId} not found`);
    sources.push(source);
  }
  const deps = opts.deps ?? await loadIngestDeps(ctx.db);
  const prepared = groups.map((g, k) => prepare(g.items, sources[k]!, deps));
  const list = prepared.flatMap((p) => p.accepted.filter((a): a is Accepted => a !== null));
  return withTx(ctx.db, async (tx) => {
    await repo.lockIngest(tx);
    const outcomes = await store(tx, ctx, deps, list);
    let k = 0;
    const summaries = prepared.map(({ refusals }): IngestSummary => {
      const results: IngestOutcome[] = refusals.map((r) => (r ? { status: 'refused', reason: r } : outcomes.results[k++]!));
      const added = results.filter((r) => r.status === 'new').length;
      const duplicates = results.filter((r) => r.status === 'duplicate').length;
      return { results, added, duplicates, refused: results.length - added - duplicates, incidentsOpened: 0 };
    });
    // Incidents are opened by the batch as a whole; the first group's summary carries the count.
    if (summaries[0]) summaries[0].incidentsOpened = outcomes.opened;
    const total = (f: (s: IngestSummary) => number) => summaries.reduce((n, s) => n + f(s), 0);
    const counts = { added: total((s) => s.added), duplicates: total((s) => s.duplicates), refused: total((s) => s.refused), incidentsOpened: outcomes.opened };
    await writeAudit(tx, actor, sources.length === 1
      ? { action: 'opinion.items.ingest', entityType: 'opinion_source', entityId: sources[0]!.id, summary: { source: sources[0]!.name, ...counts } }
      : {
        action: 'opinion.items.ingest', entityType: 'opinion_source', entityId: null,
        summary: { sources: sources.map((x, i) => ({ id: x.id, source: x.name, added: summaries[i]!.added, duplicates: summaries[i]!.duplicates, refused: summaries[i]!.refused })), ...counts },
      });
    return summaries;
  });
}

const HOUR = 3_600_000;

/**
 * Reads what the decisions need, decides (ingest-batch.ts), writes. Runs under the ingest lock, so
 * it is four statements whatever the batch's size: duplicate lookups, candidate incidents, ids,
 * writes (every computation between them is in memory).
 */
async function store(tx: Tx, ctx: AppContext, deps: IngestDeps, items: readonly Accepted[]): Promise<{ results: IngestOutcome[]; opened: number }> {
  if (items.length === 0) return { results: [], opened: 0 };
  const now = ctx.now();
  const bands = new Map<number, { band: number; value: number }>();
  for (const it of items) if (it.analysis.nearEligible) it.analysis.bands.forEach((value, band) => bands.set(band * 65_536 + value, { band, value }));
  const look = await repo.lookupBatch(tx, {
    keys: [...new Map(items.map((i) => [itemKey(i), { sourceId: i.sourceId, key: i.externalId }])).values()],
    hashes: [...new Set(items.map((i) => i.analysis.exactKey))],
    bands: [...bands.values()],
  });
  const dedupe = dedupeBatch(items, { byKey: look.byKey, byHash: look.byHash, near: look.near.map((n) => ({ ...n, bands: bandsOf(fromSigned64(n.simhash)) })) });

  // Incidents the batch may touch: open ones sharing a keyword within the window, and those of the originals reposted.
  const terms = new Set<string>();
  let from = Infinity;
  let to = -Infinity;
  items.forEach((it, i) => {
    if (dedupe[i]!.kind !== 'original' || !it.kept) return;
    for (const k of it.analysis.keywords) terms.add(k.term);
    from = Math.min(from, it.publishedAt.getTime());
    to = Math.max(to, it.publishedAt.getTime());
  });
  const repostedIds = new Set<number>();
  for (const d of dedupe) if ((d.kind === 'exact' || d.kind === 'near') && 'existing' in d.of && d.of.incidentId !== null) repostedIds.add(d.of.incidentId);
  const window = DEFAULT_GROUP_OPTIONS.windowHours * HOUR;
  const rows = await repo.incidentsForBatch(tx, {
    terms: [...terms], ids: [...repostedIds],
    from: new Date(Number.isFinite(from) ? from - window : now.getTime()), to: new Date(Number.isFinite(to) ? to + window : now.getTime()),
    recentFrom: new Date(now.getTime() - HOUR), now,
  });
  const known = new Map<string, IncidentState>();
  const rowById = new Map(rows.map((r) => [r.id, r]));
  for (const r of rows) known.set(String(r.id), { summary: summaryOf(r), signals: (r.signals as Signals | null) ?? emptySignals(), fresh: false, open: ['candidate', 'confirmed', 'responding'].includes(r.status) });
  const grouped = groupBatch(items, dedupe, known);

  // Ids first (originals, then duplicates, in batch order; new incidents with their 舆情编号), so one statement writes everything.
  const originals = dedupe.flatMap((d, i) => (d.kind === 'original' ? [i] : []));
  const dups = dedupe.flatMap((d, i) => (d.kind === 'exact' || d.kind === 'near' ? [i] : []));
  const fresh = [...grouped.incidents].filter(([, t]) => t.fresh);
  const year = beijingDateParts(now).year;
  const ids = await repo.allocateIds(tx, { items: originals.length + dups.length, incidents: fresh.length, year });
  const itemIds: (number | undefined)[] = items.map(() => undefined);
  [...originals, ...dups].forEach((i, k) => { itemIds[i] = ids.itemIds[k]; });
  const incidentIds = new Map<string, number>();
  for (const [key] of grouped.incidents) if (!key.startsWith('n')) incidentIds.set(key, Number(key));
  fresh.forEach(([key], k) => incidentIds.set(key, ids.incidentIds[k]!));
  const numbers = new Map(fresh.map(([key], k) => [key, `YQ-${year}-${String(ids.numbers[k]).padStart(4, '0')}`]));

  const { rows: itemRows, bands: bandRows, reposts } = itemRowsOf(ctx, items, dedupe, grouped, incidentIds, itemIds, now);
  const incidents = incidentWrites(deps, items, itemIds, grouped, incidentIds, rowById, recentOf(rows, items, grouped, incidentIds, now), now);
  await repo.writeBatch(tx, {
    incidents: incidents.writes.filter((w) => numbers.has(w.key)).map((w) => ({ ...w.state, no: numbers.get(w.key)!, title: incidentTitle(items[grouped.incidents.get(w.key)!.items[0]!]!) })),
    updates: incidents.writes.filter((w) => !numbers.has(w.key)).map((w) => w.state),
    items: itemRows, bands: bandRows, reposts, events: incidents.events,
  });
  await notifyPlans(tx, ctx, deps.plans, grouped, incidentIds);

  const results: IngestOutcome[] = dedupe.map((d, i) => {
    const p = grouped.placements[i];
    const incidentId = p ? incidentIds.get(p.incident) ?? null : null;
    switch (d.kind) {
      case 'original': return { status: 'new', itemId: itemIds[i]!, incidentId };
      case 'same_key': return { status: 'duplicate', itemId: d.itemId, duplicateOf: d.originalId, kind: 'same_key', incidentId: null };
      case 'batch_key': {
        const first = dedupe[d.of]!;
        const original = first.kind === 'original' ? itemIds[d.of]! : originalIdOf(first, itemIds) ?? itemIds[d.of]!;
        return { status: 'duplicate', itemId: itemIds[d.of]!, duplicateOf: original, kind: 'same_key', incidentId: null };
      }
      default: return { status: 'duplicate', itemId: itemIds[i]!, duplicateOf: originalIdOf(d, itemIds)!, kind: d.kind, incidentId };
    }
  });
  return { results, opened: fresh.length };
}

function originalIdOf(d: Dedupe, itemIds: readonly (number | undefined)[]): number | undefined {
  if (d.kind !== 'exact' && d.kind !== 'near') return undefined;
  return 'existing' in d.of ? d.of.existing : itemIds[d.of.batch];
}

function summaryOf(r: repo.IncidentGroupRow): IncidentSummary {
  const at = r.firstItemAt ?? r.lastItemAt ?? new Date(0);
  return {
    id: String(r.id), keywords: r.keywords, centroid: r.centroid.map((c) => c.term), centroidCounts: r.centroid.map((c) => c.count), places: r.places,
    firstItemAt: at, lastItemAt: r.lastItemAt ?? at, itemCount: r.itemCount, repostCount: r.repostCount,
  };
}

const incidentTitle = (it: Accepted): string => {
  const t = (it.input.title ?? '').trim() || it.analysis.text;
  return t.length > 60 ? `${t.slice(0, 60)}…` : t;
};

/**
 * Items and reposts of each touched incident published in the last hour, this batch's included
 * (the growth factor of the risk score): the stored count read with the incident plus the batch's
 * items placed in it.
 */
function recentOf(rows: readonly repo.IncidentGroupRow[], items: readonly Accepted[], g: GroupResult, incidentIds: ReadonlyMap<string, number>, now: Date): Map<number, number> {
  const recent = new Map(rows.map((r) => [r.id, r.recent]));
  const from = now.getTime() - HOUR;
  items.forEach((it, i) => {
    const p = g.placements[i];
    const t = it.publishedAt.getTime();
    if (!p || t <= from || t > now.getTime()) return;
    const id = incidentIds.get(p.incident)!;
    recent.set(id, (recent.get(id) ?? 0) + 1);
  });
  return recent;
}

/** Item rows (originals, then duplicates naming them), bands of near-eligible originals, reposts on stored originals. */
function itemRowsOf(ctx: AppContext, items: readonly Accepted[], dedupe: readonly Dedupe[], g: GroupResult, incidentIds: ReadonlyMap<string, number>, itemIds: readonly (number | undefined)[], now: Date) {
  const batchReposts = new Map<number, number>();
  const reposts = new Map<number, number>();
  dedupe.forEach((d) => {
    if (d.kind !== 'exact' && d.kind !== 'near') return;
    if ('batch' in d.of) batchReposts.set(d.of.batch, (batchReposts.get(d.of.batch) ?? 0) + 1);
    else reposts.set(d.of.existing, (reposts.get(d.of.existing) ?? 0) + 1);
  });
  const rows: repo.ItemRow[] = [];
  const bands: { itemId: number; bands: readonly number[] }[] = [];
  dedupe.forEach((d, i) => {
    if (d.kind !== 'original' && d.kind !== 'exact' && d.kind !== 'near') return;
    const it = items[i]!;
    const a = it.analysis;
    const p = g.placements[i];
    const duplicateOfId = d.kind === 'original' ? null : originalIdOf(d, itemIds)!;
    rows.push({
      id: itemIds[i]!, sourceId: it.sourceId, externalId: it.externalId, title: (it.input.title ?? '').trim(), text: (it.input.text ?? '').trim(), url: it.input.url ?? null,
      authorEnc: it.input.author ? ctx.fieldCipher.encrypt(it.input.author) : null,
      contactEnc: it.input.contact ? ctx.fieldCipher.encrypt(it.input.contact) : null,
      publishedAt: it.publishedAt, receivedAt: now, mediaType: it.mediaType,
      normText: a.text, contentHash: a.exactKey, simhash: duplicateOfId === null && a.nearEligible ? toSigned64(a.simhash) : null,
      duplicateOfId, duplicateKind: d.kind === 'original' ? null : d.kind, repostCount: batchReposts.get(i) ?? 0,
      incidentId: p ? incidentIds.get(p.incident) ?? null : null,
      keywords: a.keywords.map((k) => k.term), places: a.places.map((x) => x.name), orgIds: it.orgIds, planIds: it.planIds,
      analysis: analysisRecord(a, it, d, p),
    });
    if (d.kind === 'original' && a.nearEligible) bands.push({ itemId: itemIds[i]!, bands: a.bands });
  });
  // Originals first (as their ids are), then duplicates.
  rows.sort((x, y) => x.id - y.id);
  return { rows, bands, reposts };
}

/** What the analysis decided, kept on the item so a monitor can see why (category words, lexicon hits, grouping score). */
function analysisRecord(a: Analysis, it: Accepted, d: Dedupe, p: GroupResult['placements'][number]) {
  return {
    category: a.classification.category, categoryTerms: a.classification.terms, reason: a.classification.reason ?? null,
    negative: a.negative.terms.map((t) => t.term), sensitive: a.sensitive.terms.map((t) => t.term),
    orgs: a.orgs.map((o) => ({ orgId: o.orgId, matched: o.matched })), places: a.places.map((x) => ({ name: x.name, kind: x.kind, orgId: x.orgId })),
    kept: it.kept, nearDistance: d.kind === 'near' ? d.distance : null, group: p && !p.opened && p.score !== null ? { score: p.score, matched: p.matched } : null,
  };
}

/** Each touched incident: summary, signals, risk recomputed; one timeline event each. */
function incidentWrites(deps: IngestDeps, items: readonly Accepted[], itemIds: readonly (number | undefined)[], g: GroupResult, incidentIds: ReadonlyMap<string, number>, rows: ReadonlyMap<number, repo.IncidentGroupRow>, recent: ReadonlyMap<number, number>, now: Date) {
  const writes: { key: string; state: repo.IncidentWrite }[] = [];
  const events: repo.NewEventRow[] = [];
  for (const [key, t] of g.incidents) {
    const id = incidentIds.get(key)!;
    const stored = rows.get(id);
    const s = t.summary;
    const category = (stored?.category as ReturnType<typeof categoryOf>) ?? categoryOf(t.signals);
    const risk = scoreRisk({
      items: s.itemCount, reposts: s.repostCount, growthPerHour: recent.get(id) ?? 0, sourceWeights: [t.signals.sourceWeight],
      negative: t.signals.negative, sensitive: t.signals.sensitive, category,
    });
    let orgId = stored?.suggestedOrgId ?? null;
    for (const i of t.items) {
      if (orgId !== null) break;
      const it = items[i]!;
      orgId = routeOf(it.analysis.text, it.orgIds, deps.routes, it.source.orgId)?.orgId ?? null;
    }
    writes.push({
      key,
      state: {
        id, keywords: s.keywords, terms: s.keywords.map((k) => k.term), centroid: s.centroid.map((term, k) => ({ term, count: s.centroidCounts[k] ?? 1 })),
        places: s.places, signals: t.signals, firstItemAt: s.firstItemAt.toISOString(), lastItemAt: s.lastItemAt.toISOString(),
        itemCount: s.itemCount, repostCount: s.repostCount, riskScore: risk.score, riskExplanation: risk, suggestedGrade: risk.grade,
        suggestedCategory: categoryOf(t.signals), suggestedOrgId: orgId, at: now.toISOString(),
      },
    });
    events.push({
      incidentId: id, type: t.fresh ? 'opened' : 'items_added', at: now, actorId: null, actorName: '系统',
      data: { items: t.items.length, reposts: t.reposts.length, itemIds: t.items.slice(0, 20).map((i) => itemIds[i]!), repostIds: t.reposts.slice(0, 20).map((i) => itemIds[i]!), riskScore: risk.score, suggestedGrade: risk.grade },
    });
  }
  return { writes, events };
}
