// SQL of ingestion: what a batch reads before deciding (keys, hashes, SimHash bands, open incidents,
// lexicons, plans, routing) and the set-based writes after (items, bands, incidents, events). Under
// the ingest lock a batch costs five statements whatever its size: the lookups, the candidate
// incidents, the ids, the writes, the audit row (the lock is held to commit, so round trips count).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../platform/db/index.ts';
import { orgUnits } from '../org/schema.ts';
import { users } from '../auth/schema.ts';
import {
  opinionEvents, opinionIncidents, opinionItemBands, opinionItems, opinionLexiconTerms, opinionPlans, opinionRoutingRules,
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

export type BatchLookups = {
  /** `sourceId\u0000key` → the stored item of that source with that key, and its original. */
  byKey: Map<string, { id: number; originalId: number }>;
  /** exact hash → the original of the first stored item with it (a copy of a near copy collapses into the same original). */
  byHash: Map<string, { id: number; incidentId: number | null }>;
  /** Stored originals sharing one of the (band, value) pairs, with their SimHash (signed). */
  near: { id: number; simhash: bigint; incidentId: number | null }[];
};

/**
 * The three duplicate lookups of a batch in one statement (one round trip under the lock). Each
 * probes its index once per key, hash or band (unnest joins and a lateral `limit 1`), so the cost
 * follows the batch, not the table.
 */
export async function lookupBatch(tx: Executor, q: { keys: readonly { sourceId: number; key: string }[]; hashes: readonly string[]; bands: readonly { band: number; value: number }[] }): Promise<BatchLookups> {
  type Row = { keys: { id: number; s: number; k: string; d: number | null }[]; hashes: { h: string; id: number; inc: number | null }[]; near: { id: number; sh: string; inc: number | null }[] };
  const r = await tx.execute<Row>(sql`
    select
      (select coalesce(json_agg(json_build_object('id', i.id, 's', i.source_id, 'k', i.external_id, 'd', i.duplicate_of_id)), '[]'::json)
        from unnest(${arr(q.keys.map((k) => k.sourceId), 'int')}, ${arr(q.keys.map((k) => k.key), 'text')}) as v(source_id, key)
        join opinion_items i on i.source_id = v.source_id and i.external_id = v.key) as keys,
      (select coalesce(json_agg(json_build_object('h', v.h, 'id', o.id, 'inc', o.incident_id)), '[]'::json)
        from unnest(${arr(q.hashes, 'text')}) as v(h)
        cross join lateral (select coalesce(i.duplicate_of_id, i.id) as oid from opinion_items i where i.content_hash = v.h order by i.id + 0 limit 1) f
        join opinion_items o on o.id = f.oid) as hashes,
      (select coalesce(json_agg(json_build_object('id', x.id, 'sh', x.simhash::text, 'inc', x.incident_id)), '[]'::json)
        from (select distinct i.id, i.simhash, i.incident_id
          from unnest(${arr(q.bands.map((p) => p.band), 'smallint')}, ${arr(q.bands.map((p) => p.value), 'int')}) as v(band, value)
          join opinion_item_bands b on b.band = v.band and b.value = v.value
          join opinion_items i on i.id = b.item_id
          where i.simhash is not null) x) as near`);
  const row = r.rows[0]!;
  return {
    byKey: new Map(row.keys.map((x) => [`${x.s}\u0000${x.k}`, { id: x.id, originalId: x.d ?? x.id }])),
    byHash: new Map(row.hashes.map((x) => [x.h, { id: x.id, incidentId: x.inc }])),
    near: row.near.map((x) => ({ id: x.id, simhash: BigInt(x.sh), incidentId: x.inc })),
  };
}

// --- incidents ---------------------------------------------------------------------------------

export type IncidentGroupRow = {
  id: number; status: string; category: string | null; keywords: { term: string; weight: number }[]; centroid: { term: string; count: number }[];
  places: string[]; signals: unknown; firstItemAt: Date | null; lastItemAt: Date | null; itemCount: number; repostCount: number; suggestedOrgId: number | null;
  /** Its stored items and reposts published in the growth window (recentFrom, now]. */
  recent: number;
};

/**
 * Open incidents sharing a keyword term with the batch whose item span, widened by the window,
 * meets the batch's publication times; plus the incidents named by `ids` (those of the originals
 * that reposts collapse into), whatever their status. Each with its items published in (recentFrom, now]
 * (the growth factor of the risk score).
 */
export async function incidentsForBatch(tx: Executor, q: { terms: readonly string[]; from: Date; to: Date; ids: readonly number[]; recentFrom: Date; now: Date }): Promise<IncidentGroupRow[]> {
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
    recent: sql<number>`(select count(*)::int from opinion_items x where x.incident_id = ${i.id} and x.published_at > ${q.recentFrom.toISOString()}::timestamptz and x.published_at <= ${q.now.toISOString()}::timestamptz)`.mapWith(Number),
  }).from(i).where(where);
}

/**
 * Ids for a batch before it is written: `items` item ids and `incidents` incident ids (ascending),
 * and, for the new incidents, consecutive 舆情编号 sequence numbers of the year (gap-free: the
 * counter row's lock is held to commit). One statement.
 */
export async function allocateIds(tx: Tx, q: { items: number; incidents: number; year: number }): Promise<{ itemIds: number[]; incidentIds: number[]; numbers: number[] }> {
  if (q.items === 0 && q.incidents === 0) return { itemIds: [], incidentIds: [], numbers: [] };
  const counter = q.incidents > 0
    ? sql`insert into opinion_counters (year, last) values (${q.year}, ${q.incidents})
        on conflict (year) do update set last = opinion_counters.last + ${q.incidents} returning last`
    : sql`select 0 as last`;
  const r = await tx.execute<{ items: number[] | null; incidents: number[] | null; last: number }>(sql`
    with c as (${counter})
    select array(select nextval(pg_get_serial_sequence('opinion_items', 'id'))::int from generate_series(1, ${q.items}) order by 1) as items,
      array(select nextval(pg_get_serial_sequence('opinion_incidents', 'id'))::int from generate_series(1, ${q.incidents}) order by 1) as incidents,
      (select last from c) as last`);
  const row = r.rows[0]!;
  const last = Number(row.last);
  return {
    itemIds: (row.items ?? []).map(Number), incidentIds: (row.incidents ?? []).map(Number),
    numbers: Array.from({ length: q.incidents }, (_, k) => last - q.incidents + 1 + k),
  };
}

/** An incident's grouping state, counts and risk (the same fields for a new incident and a stored one). */
export type IncidentWrite = {
  id: number; keywords: unknown; terms: string[]; centroid: unknown; places: string[]; signals: unknown;
  firstItemAt: string; lastItemAt: string; itemCount: number; repostCount: number;
  riskScore: number; riskExplanation: unknown; suggestedGrade: string; suggestedCategory: string | null; suggestedOrgId: number | null; at: string;
};
export type NewIncident = IncidentWrite & { no: string; title: string };
export type ItemRow = NewItemRow & { id: number };

const iso = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString() : d ?? null);

export type BatchWrite = {
  incidents: NewIncident[];
  updates: IncidentWrite[];
  items: ItemRow[];
  bands: { itemId: number; bands: readonly number[] }[];
  /** Stored original id → reposts to add. */
  reposts: ReadonlyMap<number, number>;
  events: NewEventRow[];
};

const incidentJson = (r: IncidentWrite) => ({
  id: r.id, keywords: r.keywords, terms: r.terms, centroid: r.centroid, places: r.places, signals: r.signals,
  first_item_at: r.firstItemAt, last_item_at: r.lastItemAt, item_count: r.itemCount, repost_count: r.repostCount,
  risk_score: r.riskScore, risk_explanation: r.riskExplanation, suggested_grade: r.suggestedGrade,
  suggested_category: r.suggestedCategory, suggested_org_id: r.suggestedOrgId, at: r.at,
});
const INCIDENT_COLUMNS = sql.raw(`id int, keywords jsonb, terms text[], centroid jsonb, places jsonb, signals jsonb, first_item_at timestamptz,
  last_item_at timestamptz, item_count int, repost_count int, risk_score int, risk_explanation jsonb, suggested_grade text, suggested_category text,
  suggested_org_id int, at timestamptz`);
const itemJson = (x: ItemRow) => ({
  id: x.id, source_id: x.sourceId, external_id: x.externalId, title: x.title, text: x.text, url: x.url ?? null,
  author_enc: x.authorEnc ?? null, contact_enc: x.contactEnc ?? null, published_at: iso(x.publishedAt), received_at: iso(x.receivedAt ?? new Date()),
  media_type: x.mediaType, norm_text: x.normText, content_hash: x.contentHash, simhash: x.simhash == null ? null : String(x.simhash),
  duplicate_of_id: x.duplicateOfId ?? null, duplicate_kind: x.duplicateKind ?? null, repost_count: x.repostCount ?? 0, incident_id: x.incidentId ?? null,
  keywords: x.keywords ?? [], places: x.places ?? [], org_ids: x.orgIds ?? [], analysis: x.analysis ?? null, plan_ids: x.planIds ?? [],
});
const eventJson = (x: NewEventRow) => ({
  incident_id: x.incidentId, type: x.type, data: x.data ?? {}, at: iso(x.at ?? new Date()), actor_id: x.actorId ?? null, actor_name: x.actorName,
});

/**
 * Everything a batch writes, in one statement of data-modifying CTEs, each fed by one jsonb or
 * array parameter: new incidents (complete), items (ids from allocateIds), bands, reposts on stored
 * originals, stored incidents' new state, timeline events. No CTE reads another's rows (they share
 * one snapshot), which is why new incidents are inserted whole rather than inserted and updated.
 */
export async function writeBatch(tx: Tx, w: BatchWrite): Promise<void> {
  const parts: ReturnType<typeof sql>[] = [];
  if (w.incidents.length) {
    parts.push(sql`inc as (insert into opinion_incidents (id, no, title, status, origin, keywords, terms, centroid, places, signals, first_item_at, last_item_at,
        item_count, repost_count, risk_score, risk_explanation, suggested_grade, suggested_category, suggested_org_id, created_at, updated_at)
      select v.id, v.no, v.title, 'candidate', 'auto', v.keywords, v.terms, v.centroid, v.places, v.signals, v.first_item_at, v.last_item_at,
        v.item_count, v.repost_count, v.risk_score, v.risk_explanation, v.suggested_grade, v.suggested_category, v.suggested_org_id, v.at, v.at
      from jsonb_to_recordset(${JSON.stringify(w.incidents.map((r) => ({ ...incidentJson(r), no: r.no, title: r.title })))}::jsonb)
        as v(${INCIDENT_COLUMNS}, no text, title text))`);
  }
  if (w.items.length) {
    parts.push(sql`items as (insert into opinion_items (id, source_id, external_id, title, text, url, author_enc, contact_enc, published_at, received_at, media_type,
        norm_text, content_hash, simhash, duplicate_of_id, duplicate_kind, repost_count, incident_id, keywords, places, org_ids, analysis, plan_ids)
      select id, source_id, external_id, title, text, url, author_enc, contact_enc, published_at, received_at, media_type,
        norm_text, content_hash, simhash, duplicate_of_id, duplicate_kind, repost_count, incident_id, keywords, places, org_ids, analysis, plan_ids
      from jsonb_to_recordset(${JSON.stringify(w.items.map(itemJson))}::jsonb) as v(id int, source_id int, external_id text, title text, text text, url text,
        author_enc text, contact_enc text, published_at timestamptz, received_at timestamptz, media_type text, norm_text text, content_hash text, simhash bigint,
        duplicate_of_id int, duplicate_kind text, repost_count int, incident_id int, keywords jsonb, places jsonb, org_ids jsonb, analysis jsonb, plan_ids jsonb))`);
  }
  const ids: number[] = [];
  const bands: number[] = [];
  const values: number[] = [];
  for (const r of w.bands) r.bands.forEach((value, band) => { ids.push(r.itemId); bands.push(band); values.push(value); });
  if (ids.length) {
    parts.push(sql`bands as (insert into opinion_item_bands (band, value, item_id)
      select * from unnest(${arr(bands, 'smallint')}, ${arr(values, 'int')}, ${arr(ids, 'int')}) on conflict do nothing)`);
  }
  if (w.reposts.size) {
    parts.push(sql`reposts as (update opinion_items i set repost_count = i.repost_count + v.n
      from unnest(${arr([...w.reposts.keys()], 'int')}, ${arr([...w.reposts.values()], 'int')}) as v(id, n) where i.id = v.id)`);
  }
  if (w.updates.length) {
    parts.push(sql`upd as (update opinion_incidents i set
      keywords = v.keywords, terms = v.terms, centroid = v.centroid, places = v.places, signals = v.signals,
      first_item_at = v.first_item_at, last_item_at = v.last_item_at, item_count = v.item_count, repost_count = v.repost_count,
      risk_score = v.risk_score, risk_explanation = v.risk_explanation, suggested_grade = v.suggested_grade,
      suggested_category = v.suggested_category, suggested_org_id = coalesce(i.suggested_org_id, v.suggested_org_id), updated_at = v.at
      from jsonb_to_recordset(${JSON.stringify(w.updates.map(incidentJson))}::jsonb) as v(${INCIDENT_COLUMNS}) where i.id = v.id)`);
  }
  if (w.events.length) {
    parts.push(sql`events as (insert into opinion_events (incident_id, type, data, at, actor_id, actor_name)
      select incident_id, type, data, at, actor_id, actor_name
      from jsonb_to_recordset(${JSON.stringify(w.events.map(eventJson))}::jsonb) as v(incident_id int, type text, data jsonb, at timestamptz, actor_id int, actor_name text))`);
  }
  if (parts.length) await tx.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

// --- events and notifications ------------------------------------------------------------------

/** One incident outside a batch (manual entry, split); its id and 舆情编号 come from allocateIds. */
export async function insertIncident(tx: Tx, incident: NewIncidentRow & { id: number }): Promise<void> {
  await tx.insert(opinionIncidents).values(incident);
}

/** One item outside a batch (manual entry) with its SimHash bands; its id comes from allocateIds. */
export async function insertItemWithBands(tx: Tx, item: NewItemRow & { id: number }, bands: readonly number[]): Promise<void> {
  await tx.insert(opinionItems).values(item);
  if (bands.length) await tx.insert(opinionItemBands).values(bands.map((value, band) => ({ band, value, itemId: item.id }))).onConflictDoNothing();
}

export async function insertEvents(tx: Executor, rows: NewEventRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into opinion_events (incident_id, type, data, at, actor_id, actor_name)
    select incident_id, type, data, at, actor_id, actor_name
    from jsonb_to_recordset(${JSON.stringify(rows.map(eventJson))}::jsonb) as v(incident_id int, type text, data jsonb, at timestamptz, actor_id int, actor_name text)`);
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
