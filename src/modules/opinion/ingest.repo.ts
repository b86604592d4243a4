// SQL of ingestion: what a batch reads before deciding (keys, hashes, SimHash bands, open incidents,
// lexicons, plans, routing) and the set-based writes after (items, bands, incidents, events). Each
// read or write is one statement for the whole batch, so a batch of 500 costs a dozen round trips.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { users } from '../auth/schema.ts';
import {
  opinionCounters, opinionEvents, opinionIncidents, opinionItems, opinionLexiconTerms, opinionPlans, opinionRoutingRules,
} from './schema.ts';
import { OPEN_STATUSES } from './model.ts';

export type NewItemRow = typeof opinionItems.$inferInsert;
export type NewIncidentRow = typeof opinionIncidents.$inferInsert;
export type NewEventRow = typeof opinionEvents.$inferInsert;

// Ingestion batches take this transaction-scoped lock: an item's duplicate and incident decisions
// depend on every item before it (from any source), and two batches deciding at once would both
// see "no original yet" and both open an incident. Analysis (the CPU part) runs before the lock.
const INGEST_LOCK = 0x6f70_696e; // 'opin'

/** One array parameter (pg serialises it), not one parameter per element. */
const arr = (xs: readonly (string | number)[], type: 'text' | 'int' | 'smallint') => sql`${sql.param([...xs])}::${sql.raw(type)}[]`;

export async function lockIngest(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INGEST_LOCK})`);
}

// --- what the pipeline reads -------------------------------------------------------------------

export async function lexiconRows(db: Executor) {
  return db.select({ lexicon: opinionLexiconTerms.lexicon, term: opinionLexiconTerms.term, weight: opinionLexiconTerms.weight, data: opinionLexiconTerms.data })
    .from(opinionLexiconTerms);
}

export async function activeOrgs(db: Executor) {
  return db.select({ id: orgUnits.id, name: orgUnits.name, shortName: orgUnits.shortName }).from(orgUnits).where(eq(orgUnits.active, true));
}

export async function activePlans(db: Executor) {
  return db.select().from(opinionPlans).where(eq(opinionPlans.active, true)).orderBy(opinionPlans.id);
}

export async function routingRules(db: Executor) {
  return db.select({ term: opinionRoutingRules.term, orgId: opinionRoutingRules.orgId, priority: opinionRoutingRules.priority, vertical: opinionRoutingRules.vertical })
    .from(opinionRoutingRules);
}

// --- duplicate lookups -------------------------------------------------------------------------

/** Stored items under these (source, key) pairs, each with its original; keyed `sourceId\u0000key`. */
export async function itemsByKeys(tx: Executor, pairs: readonly { sourceId: number; key: string }[]): Promise<Map<string, { id: number; originalId: number }>> {
  if (pairs.length === 0) return new Map();
  const r = await tx.execute<{ id: number; source_id: number; key: string; dup: number | null }>(sql`
    select i.id, i.source_id, i.external_id as key, i.duplicate_of_id as dup from opinion_items i
    join unnest(${arr(pairs.map((p) => p.sourceId), 'int')}, ${arr(pairs.map((p) => p.key), 'text')}) as q(source_id, key)
      on i.source_id = q.source_id and i.external_id = q.key`);
  return new Map(r.rows.map((x) => [`${x.source_id}\u0000${x.key}`, { id: Number(x.id), originalId: Number(x.dup ?? x.id) }]));
}

/** Per exact hash, the original of the first stored item with it (a copy of a near copy collapses into the same original). */
export async function originalsByHash(tx: Executor, hashes: readonly string[]): Promise<Map<string, { id: number; incidentId: number | null }>> {
  if (hashes.length === 0) return new Map();
  const r = await tx.execute<{ h: string; id: number; incident_id: number | null }>(sql`
    select distinct on (i.content_hash) i.content_hash as h, o.id, o.incident_id
    from opinion_items i join opinion_items o on o.id = coalesce(i.duplicate_of_id, i.id)
    where i.content_hash = any(${arr([...hashes], 'text')})
    order by i.content_hash, i.id`);
  return new Map(r.rows.map((x) => [x.h, { id: Number(x.id), incidentId: x.incident_id === null ? null : Number(x.incident_id) }]));
}

/** Stored originals sharing one of these (band, value) pairs, with their SimHash (signed) and all four bands. */
export async function nearCandidates(tx: Executor, pairs: readonly { band: number; value: number }[]): Promise<{ id: number; simhash: bigint; incidentId: number | null }[]> {
  if (pairs.length === 0) return [];
  const r = await tx.execute<{ id: number; simhash: string; incident_id: number | null }>(sql`
    select distinct i.id, i.simhash::text as simhash, i.incident_id
    from unnest(${arr(pairs.map((p) => p.band), 'smallint')}, ${arr(pairs.map((p) => p.value), 'int')}) as q(band, value)
    join opinion_item_bands b on b.band = q.band and b.value = q.value
    join opinion_items i on i.id = b.item_id
    where i.simhash is not null`);
  return r.rows.map((x) => ({ id: Number(x.id), simhash: BigInt(x.simhash), incidentId: x.incident_id === null ? null : Number(x.incident_id) }));
}

// --- incidents ---------------------------------------------------------------------------------

export type IncidentGroupRow = {
  id: number; status: string; category: string | null; keywords: { term: string; weight: number }[]; centroid: { term: string; count: number }[];
  places: string[]; signals: unknown; firstItemAt: Date | null; lastItemAt: Date | null; itemCount: number; repostCount: number; suggestedOrgId: number | null;
};

/**
 * Open incidents sharing a keyword term with the batch whose item span, widened by the window,
 * meets the batch's publication times; plus the incidents named by `ids` (those of the originals
 * that reposts collapse into), whatever their status.
 */
export async function incidentsForBatch(tx: Executor, q: { terms: readonly string[]; from: Date; to: Date; ids: readonly number[] }): Promise<IncidentGroupRow[]> {
  if (q.terms.length === 0 && q.ids.length === 0) return [];
  const i = opinionIncidents;
  const open = and(
    inArray(i.status, [...OPEN_STATUSES]),
    sql`${i.terms} && ${arr([...q.terms], 'text')}`,
    sql`${i.lastItemAt} >= ${q.from.toISOString()}::timestamptz`,
    sql`${i.firstItemAt} <= ${q.to.toISOString()}::timestamptz`,
  );
  const where = q.ids.length ? sql`(${open}) or ${inArray(i.id, [...q.ids])}` : open;
  return tx.select({
    id: i.id, status: i.status, category: i.category, keywords: i.keywords, centroid: i.centroid, places: i.places, signals: i.signals,
    firstItemAt: i.firstItemAt, lastItemAt: i.lastItemAt, itemCount: i.itemCount, repostCount: i.repostCount, suggestedOrgId: i.suggestedOrgId,
  }).from(i).where(where);
}

/** `n` consecutive 舆情编号 sequence numbers of the year (gap-free: the counter row's lock is held to commit). */
export async function takeIncidentNumbers(tx: Tx, year: number, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await tx.insert(opinionCounters).values({ year, last: n })
    .onConflictDoUpdate({ target: opinionCounters.year, set: { last: sql`${opinionCounters.last} + ${n}` } })
    .returning({ last: opinionCounters.last });
  const last = r[0]!.last;
  return Array.from({ length: n }, (_, k) => last - n + 1 + k);
}

export async function insertIncidents(tx: Tx, rows: NewIncidentRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const r = await tx.insert(opinionIncidents).values(rows).returning({ id: opinionIncidents.id, no: opinionIncidents.no });
  const byNo = new Map(r.map((x) => [x.no, x.id]));
  return rows.map((x) => byNo.get(x.no)!);
}

export type IncidentUpdate = {
  id: number; keywords: unknown; terms: string[]; centroid: unknown; places: string[]; signals: unknown;
  firstItemAt: string; lastItemAt: string; itemCount: number; repostCount: number;
  riskScore: number; riskExplanation: unknown; suggestedGrade: string; suggestedCategory: string | null; suggestedOrgId: number | null; at: string;
};

/** Every touched incident's grouping state, counts and risk in one statement. */
export async function updateIncidents(tx: Tx, rows: readonly IncidentUpdate[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update opinion_incidents i set
      keywords = v.keywords, terms = v.terms, centroid = v.centroid, places = v.places, signals = v.signals,
      first_item_at = v.first_item_at, last_item_at = v.last_item_at, item_count = v.item_count, repost_count = v.repost_count,
      risk_score = v.risk_score, risk_explanation = v.risk_explanation, suggested_grade = v.suggested_grade,
      suggested_category = v.suggested_category, suggested_org_id = coalesce(i.suggested_org_id, v.suggested_org_id), updated_at = v.at
    from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({
      id: r.id, keywords: r.keywords, terms: r.terms, centroid: r.centroid, places: r.places, signals: r.signals,
      first_item_at: r.firstItemAt, last_item_at: r.lastItemAt, item_count: r.itemCount, repost_count: r.repostCount,
      risk_score: r.riskScore, risk_explanation: r.riskExplanation, suggested_grade: r.suggestedGrade,
      suggested_category: r.suggestedCategory, suggested_org_id: r.suggestedOrgId, at: r.at,
    })))}::jsonb) as v(
      id int, keywords jsonb, terms text[], centroid jsonb, places jsonb, signals jsonb, first_item_at timestamptz, last_item_at timestamptz,
      item_count int, repost_count int, risk_score int, risk_explanation jsonb, suggested_grade text, suggested_category text,
      suggested_org_id int, at timestamptz)
    where i.id = v.id`);
}

/** Items and reposts of each incident published in (from, to]: the growth factor of the risk score. */
export async function recentCounts(tx: Executor, incidentIds: readonly number[], from: Date, to: Date): Promise<Map<number, number>> {
  if (incidentIds.length === 0) return new Map();
  const r = await tx.execute<{ id: number; n: number }>(sql`
    select incident_id as id, count(*)::int as n from opinion_items
    where incident_id = any(${arr([...incidentIds], 'int')}) and published_at > ${from.toISOString()}::timestamptz and published_at <= ${to.toISOString()}::timestamptz
    group by incident_id`);
  return new Map(r.rows.map((x) => [Number(x.id), Number(x.n)]));
}

// --- items -------------------------------------------------------------------------------------

// Items, bands and events go in through one jsonb parameter each (`jsonb_to_recordset`): one bind
// parameter instead of one per column and row, and no per-value work in the query builder.
const iso = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString() : d ?? null);

/** Inserts items (keys new to their source: the batch checked under the ingest lock); ids in the order given. */
export async function insertItems(tx: Tx, rows: NewItemRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const json = JSON.stringify(rows.map((x) => ({
    source_id: x.sourceId, external_id: x.externalId, title: x.title, text: x.text, url: x.url ?? null,
    author_enc: x.authorEnc ?? null, contact_enc: x.contactEnc ?? null, published_at: iso(x.publishedAt), received_at: iso(x.receivedAt ?? new Date()),
    media_type: x.mediaType, norm_text: x.normText, content_hash: x.contentHash, simhash: x.simhash == null ? null : String(x.simhash),
    duplicate_of_id: x.duplicateOfId ?? null, duplicate_kind: x.duplicateKind ?? null, repost_count: x.repostCount ?? 0, incident_id: x.incidentId ?? null,
    keywords: x.keywords ?? [], places: x.places ?? [], org_ids: x.orgIds ?? [], analysis: x.analysis ?? null, plan_ids: x.planIds ?? [],
  })));
  const r = await tx.execute<{ id: number; key: string; source_id: number }>(sql`
    insert into opinion_items (source_id, external_id, title, text, url, author_enc, contact_enc, published_at, received_at, media_type,
      norm_text, content_hash, simhash, duplicate_of_id, duplicate_kind, repost_count, incident_id, keywords, places, org_ids, analysis, plan_ids)
    select source_id, external_id, title, text, url, author_enc, contact_enc, published_at, received_at, media_type,
      norm_text, content_hash, simhash, duplicate_of_id, duplicate_kind, repost_count, incident_id, keywords, places, org_ids, analysis, plan_ids
    from jsonb_to_recordset(${json}::jsonb) as v(source_id int, external_id text, title text, text text, url text, author_enc text, contact_enc text,
      published_at timestamptz, received_at timestamptz, media_type text, norm_text text, content_hash text, simhash bigint, duplicate_of_id int,
      duplicate_kind text, repost_count int, incident_id int, keywords jsonb, places jsonb, org_ids jsonb, analysis jsonb, plan_ids jsonb)
    returning id, external_id as key, source_id`);
  const byKey = new Map(r.rows.map((x) => [`${x.source_id}\u0000${x.key}`, Number(x.id)]));
  return rows.map((x) => byKey.get(`${x.sourceId}\u0000${x.externalId}`)!);
}

/** Four bands per item: three arrays, one statement. */
export async function insertBands(tx: Tx, rows: { itemId: number; bands: readonly number[] }[]): Promise<void> {
  const ids: number[] = [];
  const bands: number[] = [];
  const values: number[] = [];
  for (const r of rows) r.bands.forEach((value, band) => { ids.push(r.itemId); bands.push(band); values.push(value); });
  if (ids.length === 0) return;
  await tx.execute(sql`
    insert into opinion_item_bands (band, value, item_id)
    select * from unnest(${arr(bands, 'smallint')}, ${arr(values, 'int')}, ${arr(ids, 'int')})
    on conflict do nothing`);
}

/** Adds reposts to stored originals: one statement for all of them. */
export async function addReposts(tx: Tx, counts: ReadonlyMap<number, number>): Promise<void> {
  if (counts.size === 0) return;
  await tx.execute(sql`
    update opinion_items i set repost_count = i.repost_count + v.n
    from unnest(${arr([...counts.keys()], 'int')}, ${arr([...counts.values()], 'int')}) as v(id, n) where i.id = v.id`);
}

// --- events and notifications ------------------------------------------------------------------

export async function insertEvents(tx: Executor, rows: NewEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  const json = JSON.stringify(rows.map((x) => ({
    incident_id: x.incidentId, type: x.type, data: x.data ?? {}, at: iso(x.at ?? new Date()), actor_id: x.actorId ?? null, actor_name: x.actorName,
  })));
  await tx.execute(sql`
    insert into opinion_events (incident_id, type, data, at, actor_id, actor_name)
    select incident_id, type, data, at, actor_id, actor_name
    from jsonb_to_recordset(${json}::jsonb) as v(incident_id int, type text, data jsonb, at timestamptz, actor_id int, actor_name text)`);
}

/** `incidentId/planId` of every plan notification already made for these incidents. */
export async function planNotifications(tx: Executor, incidentIds: readonly number[]): Promise<Set<string>> {
  if (incidentIds.length === 0) return new Set();
  const r = await tx.execute<{ incident_id: number; plan_id: string }>(sql`
    select incident_id, data->>'planId' as plan_id from opinion_events
    where type = 'plan_notified' and incident_id = any(${arr([...incidentIds], 'int')})`);
  return new Set(r.rows.map((x) => `${x.incident_id}/${x.plan_id}`));
}

/** 舆情编号 and title of incidents (the plan mails name them). */
export async function incidentHeads(tx: Executor, ids: readonly number[]): Promise<Map<number, { no: string; title: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: opinionIncidents.id, no: opinionIncidents.no, title: opinionIncidents.title }).from(opinionIncidents).where(inArray(opinionIncidents.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { no: r.no, title: r.title }]));
}

/** E-mail addresses of active users. */
export async function userEmails(tx: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, email: users.email }).from(users)
    .where(and(inArray(users.id, [...ids]), eq(users.active, true), sql`${users.email} is not null and ${users.email} <> ''`));
  return new Map(rows.map((r) => [r.id, r.email!]));
}
