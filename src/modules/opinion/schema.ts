import { pgTable, serial, integer, smallint, bigint, text, boolean, real, timestamp, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema.ts';
import { files } from '../../platform/files/schema.ts';

/**
 * Where items come from: a feed polled on a schedule, a push-API sender, a hotline or message-board
 * export imported by hand, or manual entry. The polling state is kept per source so the admin sees
 * each one's health (last success, last error in Chinese, items fetched).
 */
export const opinionSources = pgTable('opinion_sources', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** model.ts SOURCE_KINDS */
  kind: text('kind').notNull(),
  /** model.ts MEDIA_TYPES: what the channel is (plans and weights use it). */
  mediaType: text('media_type').notNull().default('news'),
  /** Feed URL (kind feed). */
  url: text('url'),
  /** Source weight in the risk score (1 = ordinary; an official outlet or a large platform weighs more). */
  weight: real('weight').notNull().default(1),
  enabled: boolean('enabled').notNull().default(true),
  pollMinutes: integer('poll_minutes').notNull().default(30),
  /** Conditional GET validators from the last 200 answer. */
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastPolledAt: timestamp('last_polled_at', { withTimezone: true }),
  lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
  lastErrorAt: timestamp('last_error_at', { withTimezone: true }),
  /** The last failure, in Chinese, as shown to the admin. */
  lastError: text('last_error'),
  consecutiveFailures: integer('consecutive_failures').notNull().default(0),
  /** Next poll (back-off after failures moves it later). */
  nextPollAt: timestamp('next_poll_at', { withTimezone: true }),
  itemsFetched: integer('items_fetched').notNull().default(0),
  /** 立即抓取 queued its poll job at this time; cleared when that job has run (at most one waits per source). */
  pollRequestedAt: timestamp('poll_requested_at', { withTimezone: true }),
  /** Column mapping remembered for CSV/XLSX imports of this source: { field → column header }. */
  importMapping: jsonb('import_mapping').$type<Record<string, string>>(),
  /** The organisation that owns the source (a department's own message board), if any. */
  orgId: integer('org_id').references(() => orgUnits.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('opinion_sources_name_uq').on(t.name)]);

/**
 * One collected post, article, hotline record or message. `externalId` is the sender's key (feed guid,
 * API idempotency key, hotline 工单号): the same key from the same source is the same item. An exact
 * or near duplicate of an earlier item keeps `duplicateOfId` and adds to that item's `repostCount`.
 * The author (a person) is personal data: encrypted, shown masked.
 */
export const opinionItems = pgTable('opinion_items', {
  id: serial('id').primaryKey(),
  sourceId: integer('source_id').notNull().references(() => opinionSources.id),
  externalId: text('external_id').notNull(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  url: text('url'),
  authorEnc: text('author_enc'),
  /** The caller's phone on a hotline record (encrypted). */
  contactEnc: text('contact_enc'),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** model.ts MEDIA_TYPES (from the source unless the item says otherwise). */
  mediaType: text('media_type').notNull(),
  /** Normalised text (繁→简, widths, noise removed): what hashes and analysis read. */
  normText: text('norm_text').notNull(),
  /** Exact-duplicate key over normText. */
  contentHash: text('content_hash').notNull(),
  /** 64-bit SimHash over the item's tokens, stored signed. */
  simhash: bigint('simhash', { mode: 'bigint' }),
  duplicateOfId: integer('duplicate_of_id'),
  /** 'exact' | 'near' when duplicateOfId is set. */
  duplicateKind: text('duplicate_kind'),
  /** On an original: how many duplicates collapsed into it. */
  repostCount: integer('repost_count').notNull().default(0),
  incidentId: integer('incident_id'),
  keywords: jsonb('keywords').$type<string[]>().notNull().default([]),
  places: jsonb('places').$type<string[]>().notNull().default([]),
  /** Organisations mentioned (org tree ids). */
  orgIds: jsonb('org_ids').$type<number[]>().notNull().default([]),
  /** The pipeline's analysis (category, matched words, scores) as it was made. */
  analysis: jsonb('analysis'),
  /** Monitoring plans that kept the item (ids). */
  planIds: jsonb('plan_ids').$type<number[]>().notNull().default([]),
}, (t) => [
  uniqueIndex('opinion_items_source_external_uq').on(t.sourceId, t.externalId),
  index('opinion_items_hash_idx').on(t.contentHash),
  index('opinion_items_incident_idx').on(t.incidentId, t.publishedAt),
  index('opinion_items_published_idx').on(t.publishedAt),
]);

/** Banded SimHash index: 4 bands × 16 bits; Hamming ≤ 3 implies one shared band (originals only). */
export const opinionItemBands = pgTable('opinion_item_bands', {
  band: smallint('band').notNull(),
  value: integer('value').notNull(),
  itemId: integer('item_id').notNull().references(() => opinionItems.id, { onDelete: 'cascade' }),
}, (t) => [primaryKey({ columns: [t.band, t.value, t.itemId] })]);

/**
 * An incident (舆情事件): items grouped by topic, 研判 by a monitor, assigned to a lead organisation,
 * answered on the clock, closed with an evaluation.
 */
export const opinionIncidents = pgTable('opinion_incidents', {
  id: serial('id').primaryKey(),
  /** 舆情编号, e.g. YQ-2026-0012 (gap-free per year). */
  no: text('no').notNull(),
  title: text('title').notNull(),
  summary: text('summary'),
  /** model.ts INCIDENT_STATUSES */
  status: text('status').notNull().default('candidate'),
  /** model.ts ORIGINS */
  origin: text('origin').notNull().default('auto'),
  /** model.ts GRADES: the grade set at 研判 (null while a candidate); suggestedGrade is the pipeline's. */
  grade: text('grade'),
  suggestedGrade: text('suggested_grade'),
  /** model.ts CATEGORIES (null: none of the five). */
  category: text('category'),
  suggestedCategory: text('suggested_category'),
  riskScore: integer('risk_score').notNull().default(0),
  /** How the score was made: every factor with value, weight, contribution and the words that fired. */
  riskExplanation: jsonb('risk_explanation'),
  /** [{ term, weight }] — what items are matched against when grouping. */
  keywords: jsonb('keywords').$type<{ term: string; weight: number }[]>().notNull().default([]),
  /** The keyword terms alone, GIN-indexed: ingestion finds the open incidents an item may join by overlap. */
  terms: text('terms').array().notNull().default(sql`'{}'::text[]`),
  /** Grouping's centroid: the content terms most items share, with how many items carried each. */
  centroid: jsonb('centroid').$type<{ term: string; count: number }[]>().notNull().default([]),
  /** Places named by the items (gazetteer names). */
  places: jsonb('places').$type<string[]>().notNull().default([]),
  /** What the risk score is recomputed from on each join: lexicon hits, source weight, category tally. */
  signals: jsonb('signals'),
  leadOrgId: integer('lead_org_id').references(() => orgUnits.id),
  coOrgIds: jsonb('co_org_ids').$type<number[]>().notNull().default([]),
  /** The organisation the routing rules suggest. */
  suggestedOrgId: integer('suggested_org_id'),
  firstItemAt: timestamp('first_item_at', { withTimezone: true }),
  lastItemAt: timestamp('last_item_at', { withTimezone: true }),
  itemCount: integer('item_count').notNull().default(0),
  repostCount: integer('repost_count').notNull().default(0),
  /** When 研判 confirmed it: the clocks start here (or at the higher government's assignment). */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  confirmedBy: integer('confirmed_by'),
  /** 上级交办: the deadline the task came with. */
  higherDeadline: timestamp('higher_deadline', { withTimezone: true }),
  dismissReason: text('dismiss_reason'),
  mergedIntoId: integer('merged_into_id'),
  /** A catalogue record the opinion is about (a misread policy). */
  recordId: integer('record_id'),
  /** A rumour harming public order (referred to 公安 / 网信). */
  rumour: boolean('rumour').notNull().default(false),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** 效果评估 at closing: { effect, summary, … }. */
  evaluation: jsonb('evaluation'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('opinion_incidents_no_uq').on(t.no),
  index('opinion_incidents_status_idx').on(t.status, t.lastItemAt),
  index('opinion_incidents_lead_idx').on(t.leadOrgId, t.status),
  index('opinion_incidents_terms_idx').using('gin', t.terms),
]);

/** Gap-free 舆情编号 per year (an upsert whose row lock serialises concurrent creations). */
export const opinionCounters = pgTable('opinion_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull().default(0),
});

/** The clocks of an incident as data: one row per deadline kind, met by a response or breached. */
export const opinionDeadlines = pgTable('opinion_deadlines', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  /** model.ts DEADLINE_KINDS */
  kind: text('kind').notNull(),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  /** Legal basis shown next to the deadline (国办发〔2016〕80号 …). */
  basis: text('basis').notNull(),
  metAt: timestamp('met_at', { withTimezone: true }),
  metByResponseId: integer('met_by_response_id'),
  breachedAt: timestamp('breached_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
}, (t) => [
  uniqueIndex('opinion_deadlines_kind_uq').on(t.incidentId, t.kind),
  index('opinion_deadlines_open_idx').on(t.dueAt),
]);

/** A response: what was said, where, when, with the link; approved through the review engine when the chain asks. */
export const opinionResponses = pgTable('opinion_responses', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** model.ts CHANNELS */
  channel: text('channel').notNull(),
  title: text('title').notNull(),
  text: text('text').notNull(),
  url: text('url'),
  respondedAt: timestamp('responded_at', { withTimezone: true }),
  /** draft | in_review | approved | returned */
  status: text('status').notNull().default('draft'),
  reviewInstanceId: integer('review_instance_id'),
  /** Shown on the portal's 回应关切 column (/hygq/). */
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('opinion_responses_incident_idx').on(t.incidentId),
  index('opinion_responses_published_idx').on(t.publishedAt),
]);

/** The incident's timeline (first item → closing): one typed event per row. */
export const opinionEvents = pgTable('opinion_events', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  type: text('type').notNull(),
  data: jsonb('data').notNull().default({}),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
}, (t) => [index('opinion_events_incident_idx').on(t.incidentId, t.id)]);

/** 监测方案: keyword groups (every word of a group), exclusions, source types and organisations; who is told. */
export const opinionPlans = pgTable('opinion_plans', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  /** Each inner list is one group: an item matches a group when it holds all its words; any group suffices. */
  includeGroups: jsonb('include_groups').$type<string[][]>().notNull().default([]),
  excludeWords: jsonb('exclude_words').$type<string[]>().notNull().default([]),
  /** model.ts MEDIA_TYPES; empty = every type. */
  mediaTypes: jsonb('media_types').$type<string[]>().notNull().default([]),
  /** Organisations the plan watches (mentioned or responsible); empty = all. */
  orgIds: jsonb('org_ids').$type<number[]>().notNull().default([]),
  /** Users told when the plan keeps an item. */
  notifyUserIds: jsonb('notify_user_ids').$type<number[]>().notNull().default([]),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Editable lexicons (model.ts LEXICONS): negative, sensitive and category words, gazetteer, stop words. */
export const opinionLexiconTerms = pgTable('opinion_lexicon_terms', {
  id: serial('id').primaryKey(),
  lexicon: text('lexicon').notNull(),
  term: text('term').notNull(),
  weight: real('weight').notNull().default(1),
  /** Gazetteer: { kind: 乡镇/村/社区/地标, orgId? }. */
  data: jsonb('data'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('opinion_lexicon_terms_uq').on(t.lexicon, t.term)]);

/** Routing rules: a keyword or place → the responsible organisation (属地管理、谁主管谁负责). */
export const opinionRoutingRules = pgTable('opinion_routing_rules', {
  id: serial('id').primaryKey(),
  term: text('term').notNull(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  priority: integer('priority').notNull().default(0),
  /** A vertically managed unit: incidents go to its higher department. */
  vertical: boolean('vertical').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('opinion_routing_rules_uq').on(t.term, t.orgId)]);

/** 问责 findings from late or missing responses (seed 004 §六), read by the assessment module. */
export const opinionFindings = pgTable('opinion_findings', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  deadlineKind: text('deadline_kind').notNull(),
  /** model.ts FINDING_KINDS, proposed from the breach and decided by the disclosure office. */
  kind: text('kind').notNull(),
  reason: text('reason').notNull(),
  /** The incident had no lead unit when the deadline ran out: the finding is the government office's (deadlines.job.ts). */
  withoutLead: boolean('without_lead').notNull().default(false),
  /** open | decided | withdrawn */
  status: text('status').notNull().default('open'),
  /** The kind the disclosure office decided (the proposal in `kind`, or another one); null until decided. */
  decidedKind: text('decided_kind'),
  /** Who decided or withdrew it, and when. */
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  /** 决定说明, or the reason of a withdrawal. */
  note: text('note'),
  /** When the job last raised the proposed kind (the deadline still unmet); null when never raised. */
  raisedAt: timestamp('raised_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('opinion_findings_deadline_uq').on(t.incidentId, t.deadlineKind, t.orgId),
  index('opinion_findings_org_idx').on(t.orgId, t.createdAt),
  index('opinion_findings_decided_idx').on(t.status, t.decidedAt),
]);

/** Rumours harming public order referred to 公安机关 / 网信部门, with the record (seed 004 §四). */
export const opinionReferrals = pgTable('opinion_referrals', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  /** model.ts REFERRAL_AGENCIES */
  agency: text('agency').notNull(),
  /** What was referred (the rumour and why it harms public order). */
  note: text('note').notNull(),
  /** The receiving agency's reference (受案 / 回执编号), when it gave one. */
  referenceNo: text('reference_no'),
  /** When it was referred (the date on the record). */
  referredAt: timestamp('referred_at', { withTimezone: true }).notNull().defaultNow(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
});

/** A monitor's correction of what the pipeline suggested (grade, category, organisation …), kept. */
export const opinionCorrections = pgTable('opinion_corrections', {
  id: serial('id').primaryKey(),
  incidentId: integer('incident_id').notNull().references(() => opinionIncidents.id, { onDelete: 'cascade' }),
  field: text('field').notNull(),
  suggested: text('suggested'),
  chosen: text('chosen'),
  reason: text('reason'),
  actorId: integer('actor_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('opinion_corrections_field_idx').on(t.field, t.createdAt)]);

/** 24-hour duty contacts per organisation (seed 004 §四): who answers when a 重大 incident breaks. */
export const opinionDutyContacts = pgTable('opinion_duty_contacts', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  position: text('position').notNull(),
  /** Duty phone (an office or duty-room number is public; a mobile is personal: encrypted). */
  phoneEnc: text('phone_enc').notNull(),
  email: text('email'),
  /** e.g. 全天 / 工作日夜间 / 节假日 */
  hours: text('hours').notNull().default('全天24小时'),
  active: boolean('active').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('opinion_duty_contacts_org_idx').on(t.orgId)]);

/**
 * A hotline / message-board export uploaded at /admin/opinion/import and waiting for its import:
 * the sealed file in `files` is deleted with this row when the import is done, or by the
 * `opinion.import-cleanup` job when the preview was never confirmed (after 24 h).
 */
export const opinionImportUploads = pgTable('opinion_import_uploads', {
  fileId: integer('file_id').primaryKey().references(() => files.id),
  sourceId: integer('source_id').notNull().references(() => opinionSources.id),
  /** Who uploaded it (null: not a signed-in user). */
  userId: integer('user_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('opinion_import_uploads_created_idx').on(t.createdAt)]);
