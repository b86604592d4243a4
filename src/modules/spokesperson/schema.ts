// 新闻发言人与政务新媒体 (SPEC.md §5; seeds 000 一、五(四), 001 (一)四 (三) (七), 003 §1 §7 §10).
import { pgTable, serial, integer, text, boolean, date, timestamp, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema.ts';

/**
 * Filed spokespersons and 新闻助理: only what the press office filed is here (and public). A change
 * of person ends the old row (active false) and adds a new one, so evaluations keep their person.
 */
export const spokesPeople = pgTable('spokes_people', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** domain.ts PERSON_ROLES */
  role: text('role').notNull(),
  name: text('name').notNull(),
  position: text('position').notNull(),
  /** domain.ts BASES (spokesperson only). */
  basis: text('basis'),
  /** Office numbers and e-mail of staff: published contact data, not citizens' personal data. */
  officePhone: text('office_phone').notNull(),
  email: text('email'),
  termFrom: date('term_from').notNull(),
  termTo: date('term_to'),
  active: boolean('active').notNull().default(true),
  filedOn: date('filed_on').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('spokes_people_active_uq').on(t.orgId, t.role).where(sql`${t.active}`),
]);

/** 备案: each change an organisation submits, waiting for (or filed / returned by) the press office. */
export const spokesFilings = pgTable('spokes_filings', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  role: text('role').notNull(),
  /** domain.ts FILING_KINDS */
  kind: text('kind').notNull(),
  /** domain.ts PersonValues as submitted. */
  data: jsonb('data').notNull(),
  /** What changed, in Chinese (domain.ts filingOf). */
  changes: text('changes').notNull(),
  /** domain.ts FILING_STATUSES */
  status: text('status').notNull().default('pending'),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  submittedBy: integer('submitted_by'),
  /** The Beijing date the press office filed (or returned) it. */
  decidedOn: date('decided_on'),
  decidedBy: integer('decided_by'),
  returnReason: text('return_reason'),
  /** The spokes_people row it created or updated. */
  personId: integer('person_id').references(() => spokesPeople.id),
}, (t) => [
  uniqueIndex('spokes_filings_pending_uq').on(t.orgId, t.role).where(sql`${t.status} = 'pending'`),
  index('spokes_filings_status_idx').on(t.status, t.submittedAt),
]);

/** 年度备案: a round opened by the press office for a year; each organisation confirms its data. */
export const spokesRounds = pgTable('spokes_rounds', {
  id: serial('id').primaryKey(),
  year: integer('year').notNull(),
  openedOn: date('opened_on').notNull(),
  dueOn: date('due_on').notNull(),
  closedOn: date('closed_on'),
  openedBy: integer('opened_by'),
}, (t) => [uniqueIndex('spokes_rounds_year_uq').on(t.year)]);

export const spokesConfirmations = pgTable('spokes_confirmations', {
  roundId: integer('round_id').notNull().references(() => spokesRounds.id),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  confirmedOn: date('confirmed_on').notNull(),
  confirmedBy: integer('confirmed_by'),
}, (t) => [primaryKey({ columns: [t.roundId, t.orgId] })]);

/** 新闻发言人绩效评估 (seed 001 (一)四): yearly per spokesperson, with 通报 and 整改. */
export const spokesEvaluations = pgTable('spokes_evaluations', {
  id: serial('id').primaryKey(),
  personId: integer('person_id').notNull().references(() => spokesPeople.id),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  year: integer('year').notNull(),
  /** domain.ts RESULTS; null while the press office is still recording failings. */
  result: text('result'),
  decidedOn: date('decided_on'),
  /** 通报批评 text (when there were failings). */
  noticeText: text('notice_text'),
  accountability: boolean('accountability').notNull().default(false),
  /** 整改: what is required, by when; closed by the organisation with what it did. */
  rectifyRequired: text('rectify_required'),
  rectifyDueOn: date('rectify_due_on'),
  rectifyMeasures: text('rectify_measures'),
  rectifiedOn: date('rectified_on'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('spokes_evaluations_person_year_uq').on(t.personId, t.year)]);

export const spokesFailings = pgTable('spokes_failings', {
  id: serial('id').primaryKey(),
  evaluationId: integer('evaluation_id').notNull().references(() => spokesEvaluations.id, { onDelete: 'cascade' }),
  /** domain.ts FAILINGS */
  kind: text('kind').notNull(),
  occurredOn: date('occurred_on').notNull(),
  description: text('description').notNull(),
}, (t) => [index('spokes_failings_eval_idx').on(t.evaluationId)]);

/** 政策解读专家库 (seed 001 (七), 003 §10): experts are private persons — contact encrypted. */
export const spokesExperts = pgTable('spokes_experts', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  name: text('name').notNull(),
  field: text('field').notNull(),
  employer: text('employer').notNull(),
  title: text('title').notNull(),
  phoneEnc: text('phone_enc').notNull(),
  emailEnc: text('email_enc'),
  /** domain.ts EXPERT_STATUSES */
  status: text('status').notNull().default('active'),
  /** Filed with the press office on (null: not yet filed). */
  filedOn: date('filed_on'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('spokes_experts_org_idx').on(t.orgId)]);

/** 政务新媒体 accounts (seed 001 (三), 003 §7): 谁开设、谁主管; filed with the press office. */
export const spokesMediaAccounts = pgTable('spokes_media_accounts', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** domain.ts MEDIA_PLATFORMS */
  platform: text('platform').notNull(),
  accountName: text('account_name').notNull(),
  responsible: text('responsible').notNull(),
  url: text('url'),
  /** domain.ts MEDIA_STATUSES */
  status: text('status').notNull().default('operating'),
  filedOn: date('filed_on'),
  lastUpdateOn: date('last_update_on'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('spokes_media_org_idx').on(t.orgId)]);
