// Manual entry (/admin/opinion/new): a monitor records something seen by hand or a task assigned by
// the higher government (上级交办, with the deadline it came with). The item is analysed by the same
// pipeline as every channel and stored through the ingestion repository, with an incident of its
// own (a deliberate entry is never folded into another incident; 研判 can merge it). 上级交办 is
// always 上级要求回应 and its deadline row starts at once, before 研判.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { invalid, type Result } from '../../../platform/errors.ts';
import { beijingDateParts } from '../../../platform/time/index.ts';
import { analyseItem, mentionedOrgIds, scoreRisk, startIncident, toGroupItem, toSigned64 } from '../pipeline/index.ts';
import { computeDeadlines } from '../clock-rules.ts';
import { type MediaType, type Origin } from '../model.ts';
import { routeOf } from '../plans.ts';
import { recordEvent } from '../events.ts';
import * as ingest from '../ingest.repo.ts';
import { findSourceByName, insertSource } from '../repo.ts';
import { upsertDeadlines } from '../incidents.repo.ts';
import { loadIngestDeps } from './ingest-deps.ts';
import { addSignals, emptySignals } from './ingest-batch.ts';
import { refusalOf } from './ingest.ts';
import { auditIncident, type Caller } from './triage-shared.ts';
import { auditActor } from '../../auth/caller.ts';
import { eventActor } from '../events.ts';

export interface ManualEntry {
  title: string;
  text: string;
  /** Where it was seen or who assigned it (a source name); '' → 人工录入. */
  sourceName: string;
  mediaType: MediaType;
  origin: Extract<Origin, 'manual' | 'higher_task'>;
  higherDeadline: Date | null;
  url: string | null;
  author: string | null;
  publishedAt: Date | null;
}

export const MANUAL_SOURCE = '人工录入';

export async function createManualIncident(ctx: AppContext, caller: Caller, v: ManualEntry): Promise<Result<{ incidentId: number; no: string }, 'invalid'>> {
  const now = ctx.now();
  const higher = v.origin === 'higher_task';
  if (higher && !v.higherDeadline) return invalid({ higherDeadline: '上级交办的舆情须填写交办时限' });
  if (higher && v.higherDeadline!.getTime() <= now.getTime()) return invalid({ higherDeadline: '交办时限应晚于当前时间' });
  const publishedAt = v.publishedAt ?? now;
  if (publishedAt.getTime() > now.getTime() + 5 * 60_000) return invalid({ publishedAt: '发布时间不能晚于当前时间' });
  const item = { externalId: `manual-${randomUUID()}`, title: v.title, text: v.text, url: v.url, publishedAt, author: v.author, mediaType: v.mediaType, assignedByHigher: higher };
  const refused = refusalOf(item);
  if (refused) return invalid({ text: refused });

  const deps = await loadIngestDeps(ctx.db);
  const a = analyseItem({ title: v.title, text: v.text, publishedAt, assignedByHigher: higher }, deps.pipeline);
  const orgIds = mentionedOrgIds(a);
  const summary = startIncident('manual', toGroupItem(a, publishedAt));
  const signals = addSignals(emptySignals(), a, 1);
  const category = a.classification.category;
  const risk = scoreRisk({ items: 1, reposts: 0, growthPerHour: 0, sourceWeights: [1], negative: a.negative, sensitive: a.sensitive, category });
  const higherRow = higher ? computeDeadlines({ grade: risk.grade, start: now, origin: 'higher_task', higherDeadline: v.higherDeadline }) : null;

  return withTx(ctx.db, async (tx) => {
    await ingest.lockIngest(tx);
    const name = v.sourceName.trim() || MANUAL_SOURCE;
    const source = await findSourceByName(tx, name) ?? await insertSource(tx, { name, kind: 'manual', mediaType: v.mediaType, enabled: false });
    const year = beijingDateParts(now).year;
    const ids = await ingest.allocateIds(tx, { items: 1, incidents: 1, year });
    const incidentId = ids.incidentIds[0]!;
    const itemId = ids.itemIds[0]!;
    const no = `YQ-${year}-${String(ids.numbers[0]).padStart(4, '0')}`;
    const title = (v.title.trim() || a.text).slice(0, 60);
    await ingest.insertIncident(tx, {
      id: incidentId, no, title, status: 'candidate', origin: v.origin, higherDeadline: v.higherDeadline,
      suggestedGrade: risk.grade, suggestedCategory: category, riskScore: risk.score, riskExplanation: risk,
      keywords: summary.keywords, terms: summary.keywords.map((k) => k.term), centroid: summary.centroid.map((term, k) => ({ term, count: summary.centroidCounts[k] ?? 1 })),
      places: summary.places, signals, suggestedOrgId: routeOf(a.text, orgIds, deps.routes, source.orgId)?.orgId ?? null,
      firstItemAt: publishedAt, lastItemAt: publishedAt, itemCount: 1, createdAt: now, updatedAt: now,
    });
    await ingest.insertItemWithBands(tx, {
      id: itemId, sourceId: source.id, externalId: item.externalId, title: v.title.trim(), text: v.text.trim(), url: v.url,
      authorEnc: v.author ? ctx.fieldCipher.encrypt(v.author) : null, publishedAt, receivedAt: now, mediaType: v.mediaType,
      normText: a.text, contentHash: a.exactKey, simhash: a.nearEligible ? toSigned64(a.simhash) : null, incidentId,
      keywords: a.keywords.map((k) => k.term), places: a.places.map((p) => p.name), orgIds,
      analysis: { category, categoryTerms: a.classification.terms, negative: a.negative.terms.map((t) => t.term), sensitive: a.sensitive.terms.map((t) => t.term), manual: true },
    }, a.nearEligible ? a.bands : []);
    if (higherRow?.ok) await upsertDeadlines(tx, incidentId, higherRow.deadlines.filter((d) => d.kind === 'higher_task'));
    await recordEvent(tx, incidentId, 'created', { origin: v.origin, source: name, itemId, higherDeadline: v.higherDeadline?.toISOString() ?? null }, eventActor(caller), now);
    await auditIncident(tx, auditActor(caller), 'opinion.incident.create', { id: incidentId, no }, { origin: v.origin, source: name, title });
    return { ok: true as const, incidentId, no };
  });
}
