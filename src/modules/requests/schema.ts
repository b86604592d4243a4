import { sql } from 'drizzle-orm';
import { pgTable, serial, integer, text, boolean, date, timestamp, jsonb, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { files } from '../../platform/files/schema.ts';

/**
 * An application for government information (依申请公开, SPEC.md §3) or a correction request
 * (更正, seed 002 第七条). Codes (stable, English) are stored; Chinese labels live in model.ts.
 * Personal data of the applicant is stored encrypted (`*_enc`, SM4 + HMAC-SM3 field cipher) and
 * only ever shown masked, except to the handlers of the case (every full view is audited).
 */
export const requestCases = pgTable('request_cases', {
  id: serial('id').primaryKey(),
  /** 受理编号, e.g. 2026-YXJTJ-00017 (format per organisation, see requestOrgSettings). Gap-free per org and year. */
  trackingNo: text('tracking_no').notNull(),
  trackingYear: integer('tracking_year').notNull(),
  trackingSeq: integer('tracking_seq').notNull(),
  /** Hash of the random 查询码 given to the applicant (never stored in clear). */
  queryCodeHash: text('query_code_hash').notNull(),
  /** disclosure (政府信息公开申请) | correction (更正申请) */
  kind: text('kind').notNull().default('disclosure'),
  /** The organisation that handles the case now (changes on transfer). */
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** online | in_person | registered_mail | ordinary_mail | fax | email | oral (model.ts CHANNELS) */
  channel: text('channel').notNull(),
  /** model.ts STATUSES */
  status: text('status').notNull(),
  /** Rule set of the clock (domain.ts RULE_SETS), fixed at receipt. */
  ruleSet: text('rule_set').notNull(),
  /** natural | commercial | research | public_interest | legal_services | other (annual-report columns) */
  applicantType: text('applicant_type').notNull(),
  applicantNameEnc: text('applicant_name_enc').notNull(),
  /** For organisations: 法定代表人 / 联系人 (encrypted). */
  contactNameEnc: text('contact_name_enc'),
  /** id_card | passport | hk_macao_permit | taiwan_permit | foreign_permanent | uscc | other */
  idType: text('id_type').notNull(),
  idNumberEnc: text('id_number_enc').notNull(),
  /** Blind index of the ID number: finds repeated applications without decrypting. */
  idNumberBidx: text('id_number_bidx').notNull(),
  phoneEnc: text('phone_enc'),
  emailEnc: text('email_enc'),
  addressEnc: text('address_enc'),
  postcode: text('postcode'),
  /** 所需信息的名称 / 描述 */
  infoDescription: text('info_description').notNull(),
  /** 所需信息的文号 (optional) */
  infoDocNo: text('info_doc_no'),
  /** Other features that help identify the information (optional). */
  infoFeatures: text('info_features'),
  /** For correction requests: what is wrong and the correction asked for. */
  correctionDetail: text('correction_detail'),
  /** Forms wanted: paper | email | disc | collect | other (model.ts FORMS) */
  forms: jsonb('forms').$type<string[]>().notNull(),
  /** post | email | collect | fax (model.ts DELIVERIES) */
  delivery: text('delivery').notNull(),
  /** Applicant asked for a fee waiver (第42条 / 109号文 reasons), with the reason. */
  feeWaiverReason: text('fee_waiver_reason'),
  /** When the applicant submitted (online) or staff registered it (offline). */
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  /** 收到申请之日 (第31条): null until known (online: until staff confirm receipt). */
  receivedOn: date('received_on', { mode: 'string' }),
  /** How the receipt date was established (e.g. registered-mail signed-for date), for the ledger. */
  receiptBasis: text('receipt_basis'),
  /** Clock results, recomputed from request_events by the pure rules on every change. */
  statutoryDueOn: date('statutory_due_on', { mode: 'string' }),
  internalDueOn: date('internal_due_on', { mode: 'string' }),
  dueProvisional: boolean('due_provisional').notNull().default(false),
  /** True while the clock is stopped (补正 awaited, consultation, fee notice). */
  clockStopped: boolean('clock_stopped').notNull().default(false),
  /** The deadline ledger as last computed (domain.ts Ledger), shown on the case page and the tracking page. */
  ledger: jsonb('ledger'),
  handlerId: integer('handler_id'),
  /** Outcome, exactly an annual-report row (model.ts OUTCOMES) plus the 第36条 answer kind. */
  outcome: text('outcome'),
  answerKind: text('answer_kind'),
  /** Outcome details: withheld parts and reasons (部分公开), competent agency and contact (不属于本机关), where published … */
  outcomeDetail: jsonb('outcome_detail'),
  replyReviewInstanceId: integer('reply_review_instance_id'),
  /** Date of the reply (答复日期) — what on-time statistics compare with the statutory due date. */
  repliedOn: date('replied_on', { mode: 'string' }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  /** Earlier case this one repeats (重复申请), if found. */
  duplicateOfId: integer('duplicate_of_id'),
  createdBy: integer('created_by'),
  /** Optimistic locking: every update bumps it. */
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('request_cases_tracking_no_uq').on(t.trackingNo),
  uniqueIndex('request_cases_org_year_seq_uq').on(t.orgId, t.trackingYear, t.trackingSeq),
  index('request_cases_status_due_idx').on(t.status, t.statutoryDueOn),
  index('request_cases_org_status_idx').on(t.orgId, t.status),
  index('request_cases_handler_idx').on(t.handlerId, t.status),
  index('request_cases_id_bidx_idx').on(t.idNumberBidx),
  index('request_cases_received_idx').on(t.receivedOn),
  // The work queue reads only open cases (a few thousand among ever more closed ones): this partial
  // index answers its filters, sort and counts without visiting the wide case rows. The predicate
  // spells out OPEN_STATUSES (model.ts) so the queue's `status in (…)` matches it exactly.
  index('request_cases_open_queue_idx').on(t.orgId, t.status, t.statutoryDueOn, t.handlerId, t.id)
    .where(sql`status in ('submitted', 'handling', 'awaiting_supplement', 'consulting', 'awaiting_fee', 'reply_review')`),
  // The same open cases in the queue's own order (repo.ts listQueue: unconfirmed first, then by due
  // date), so a page reads its 20 rows off the index instead of sorting every open case per view.
  index('request_cases_open_order_idx').on(sql`(status = 'submitted') desc`, sql`statutory_due_on asc nulls last`, t.id)
    .where(sql`status in ('submitted', 'handling', 'awaiting_supplement', 'consulting', 'awaiting_fee', 'reply_review')`),
]);

/**
 * The case's timeline: every step (receipt, 补正, consultation, fee, extension, transfer, reply,
 * delivery …). Clock events carry the dates the pure rules read (`data`), and their legal basis.
 * Rows are never updated except to close an open pause (`data.to`) — the audit log keeps the rest.
 */
export const requestEvents = pgTable('request_events', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull().references(() => requestCases.id, { onDelete: 'cascade' }),
  /** model.ts EVENT_TYPES */
  type: text('type').notNull(),
  /** The legal date of the event (e.g. the day a 补正 notice was sent). */
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  data: jsonb('data').notNull().default({}),
  /** Shown to the applicant on the tracking page. */
  publicNote: text('public_note'),
  /** Internal note (staff only). */
  note: text('note'),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('request_events_case_idx').on(t.caseId, t.id)]);

/** A due date that moved after the case was opened (calendar change, 补正, pause, extension): the why. */
export const requestDueChanges = pgTable('request_due_changes', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull().references(() => requestCases.id, { onDelete: 'cascade' }),
  fromDue: date('from_due', { mode: 'string' }),
  toDue: date('to_due', { mode: 'string' }),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('request_due_changes_case_idx').on(t.caseId)]);

/** Files of a case: the applicant's attachments and supplements, staff uploads, generated notices (.docx). */
export const requestDocuments = pgTable('request_documents', {
  id: serial('id').primaryKey(),
  caseId: integer('case_id').notNull().references(() => requestCases.id, { onDelete: 'cascade' }),
  fileId: integer('file_id').notNull().references(() => files.id),
  /** applicant_attachment | supplement | staff_upload | receipt | correction_notice | extension_notice |
   *  third_party_letter | fee_notice | reply | other (model.ts DOCUMENT_KINDS) */
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  /** May the applicant download it from the tracking page? (generated notices: once issued) */
  visibleToApplicant: boolean('visible_to_applicant').notNull().default(false),
  /** Delivery: email | post | collected | online (null = not delivered yet), with the date. */
  deliveredVia: text('delivered_via'),
  deliveredOn: date('delivered_on', { mode: 'string' }),
  deliveryNote: text('delivery_note'),
  templateId: integer('template_id'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('request_documents_case_idx').on(t.caseId)]);

/**
 * Editable notice templates (.docx content as structured text with {placeholders}), per kind and
 * optionally per organisation (null = the default for all). Versions are kept: the newest active wins.
 */
export const requestTemplates = pgTable('request_templates', {
  id: serial('id').primaryKey(),
  /** Document kind (model.ts DOCUMENT_KINDS) or a reply kind `reply:<outcome>` */
  kind: text('kind').notNull(),
  orgId: integer('org_id'),
  title: text('title').notNull(),
  /** Paragraphs with {placeholders} (see documents.ts). */
  body: text('body').notNull(),
  version: integer('version').notNull().default(1),
  active: boolean('active').notNull().default(true),
  updatedBy: integer('updated_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('request_templates_kind_idx').on(t.kind, t.orgId)]);

/** Per organisation and year, the last tracking sequence used (incremented in the case's transaction). */
export const requestCounters = pgTable('request_counters', {
  orgId: integer('org_id').notNull(),
  year: integer('year').notNull(),
  lastSeq: integer('last_seq').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.year] })]);

/** Per organisation settings: tracking-number format, rule set, internal lead days, reminder days. */
export const requestOrgSettings = pgTable('request_org_settings', {
  orgId: integer('org_id').primaryKey(),
  trackingFormat: text('tracking_format'),
  ruleSet: text('rule_set'),
  internalLeadDays: integer('internal_lead_days'),
  remindDays: integer('remind_days'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Reminders already sent (one per person, case, kind and target date) and the daily digest log. */
export const requestReminders = pgTable('request_reminders', {
  id: serial('id').primaryKey(),
  userId: integer('user_id').notNull(),
  caseId: integer('case_id').notNull().references(() => requestCases.id, { onDelete: 'cascade' }),
  /** internal_soon | statutory_soon | overdue */
  kind: text('kind').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  /** The digest day it went out in (one digest e-mail per person per day). */
  digestOn: date('digest_on', { mode: 'string' }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('request_reminders_uq').on(t.userId, t.caseId, t.kind, t.dueOn),
  index('request_reminders_digest_idx').on(t.userId, t.digestOn),
]);

/** One row per person per day a digest e-mail was sent: guarantees at most one a day. */
export const requestDigests = pgTable('request_digests', {
  userId: integer('user_id').notNull(),
  day: date('day', { mode: 'string' }).notNull(),
  items: integer('items').notNull(),
  messageId: text('message_id'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.day] })]);
