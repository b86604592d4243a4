import { pgTable, serial, integer, text, boolean, date, timestamp, jsonb, customType, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { files } from '../../platform/files/schema.ts';
import { spokesExperts } from '../spokesperson/schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A disclosure record (政府信息公开目录条目). Field names follow SPEC.md §1 / seed 002 附件1.
 * Codes (stable, English) are stored; Chinese labels live in the module's domain.
 */
export const catalogRecords = pgTable('catalog_records', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** 索引号: generated at creation from the organisation's format, never editable. */
  indexNo: text('index_no').notNull(),
  indexYear: integer('index_year').notNull(),
  indexSeq: integer('index_seq').notNull(),
  /** 信息名称 */
  title: text('title').notNull(),
  /** 文号, normalised to 〔〕; with its parts for lookup and validation. */
  docNo: text('doc_no'),
  docNoAgency: text('doc_no_agency'),
  docNoYear: integer('doc_no_year'),
  docNoSeq: integer('doc_no_seq'),
  /** 生成日期 (产生日期) */
  generatedOn: date('generated_on', { mode: 'string' }).notNull(),
  /** 公开属性: active (主动公开) | on_request (依申请公开) | withheld (不予公开) */
  disclosure: text('disclosure').notNull().default('active'),
  /** 不予公开 ground (seed 002 第八条): state_secret | commercial_secret | privacy | process | work_secret | other */
  withheldGround: text('withheld_ground'),
  withheldReason: text('withheld_reason'),
  /** 公开时限: long (长期) | limited (限时) with termEnd */
  term: text('term').notNull().default('long'),
  termEnd: date('term_end', { mode: 'string' }),
  /** 内容描述 */
  description: text('description'),
  /** 关键词, space-separated, each ≤ 10 characters */
  keywords: text('keywords').notNull(),
  /** 责任部门（科室） */
  responsibleDept: text('responsible_dept'),
  /** 发布机构 (defaults to the organisation's name) */
  publisher: text('publisher').notNull(),
  /** One of the nine categories of seed 002 */
  category: text('category').notNull(),
  /** Regulation 第20条 item (1–15), for the annual report */
  art20Item: integer('art20_item'),
  /** rule (规章) | normative (行政规范性文件) | other */
  docType: text('doc_type').notNull().default('other'),
  importantPolicy: boolean('important_policy').notNull().default(false),
  /** 有效性: valid | repealed | expired, with dates (annual report: 本年制发 / 本年废止 / 现行有效) */
  validity: text('validity').notNull().default('valid'),
  effectiveOn: date('effective_on', { mode: 'string' }),
  repealedOn: date('repealed_on', { mode: 'string' }),
  expiredOn: date('expired_on', { mode: 'string' }),
  /** Body as written (internal) and the public version with redactions applied. */
  body: text('body').notNull().default(''),
  bodyPublic: text('body_public'),
  titlePublic: text('title_public'),
  /** draft | in_review | published | withheld | withdrawn */
  status: text('status').notNull().default('draft'),
  /** Publication time limit preset: art26 (20 working days) | normative10 (10 working days) | activity24h */
  timeLimit: text('time_limit').notNull().default('art26'),
  dueOn: date('due_on', { mode: 'string' }),
  dueAt: timestamp('due_at', { withTimezone: true }),
  dueProvisional: boolean('due_provisional').notNull().default(false),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnReason: text('withdrawn_reason'),
  /** 复查 date for withheld records (seed 002 附件4 第十五条) */
  recheckOn: date('recheck_on', { mode: 'string' }),
  /** Policy interpretation: the plan (提纲, 形式, 途径, 时间) on a policy; on an interpretation, the policy it explains. */
  interpretationPlan: jsonb('interpretation_plan'),
  interpretsRecordId: integer('interprets_record_id'),
  interpretationForm: text('interpretation_form'),
  interpretationLink: text('interpretation_link'),
  interpretationDueOn: date('interpretation_due_on', { mode: 'string' }),
  reviewInstanceId: integer('review_instance_id'),
  /** Optimistic locking: every update bumps it; a stale form is refused instead of overwriting. */
  version: integer('version').notNull().default(1),
  /** Search: Simplified-normalised jieba words + CJK bigrams ('simple' config), from the public text only. */
  searchVector: tsvector('search_vector'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('catalog_records_index_no_uq').on(t.indexNo),
  uniqueIndex('catalog_records_org_year_seq_uq').on(t.orgId, t.indexYear, t.indexSeq),
  index('catalog_records_status_idx').on(t.status, t.publishedAt),
  // The year columns of 法定主动公开内容 (repo.public.ts listPublishedPage).
  index('catalog_records_generated_idx').on(t.status, t.generatedOn),
  index('catalog_records_org_idx').on(t.orgId, t.status),
  index('catalog_records_category_idx').on(t.category, t.status, t.publishedAt),
  index('catalog_records_doc_no_idx').on(t.docNo),
  index('catalog_records_due_idx').on(t.status, t.dueOn),
  index('catalog_records_interprets_idx').on(t.interpretsRecordId),
  index('catalog_records_search_idx').using('gin', t.searchVector),
]);

/** Per organisation and year, the last 索引号 sequence used (incremented in the record's transaction: gap-free). */
export const catalogIndexCounters = pgTable('catalog_index_counters', {
  orgId: integer('org_id').notNull(),
  year: integer('year').notNull(),
  lastSeq: integer('last_seq').notNull(),
}, (t) => [primaryKey({ columns: [t.orgId, t.year] })]);

/** Per organisation settings of the catalogue: 索引号 format, default time limit. */
export const catalogOrgSettings = pgTable('catalog_org_settings', {
  orgId: integer('org_id').primaryKey(),
  indexFormat: text('index_format').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Attachments of a record (the bytes live once in `files`). */
export const catalogAttachments = pgTable('catalog_attachments', {
  id: serial('id').primaryKey(),
  recordId: integer('record_id').notNull().references(() => catalogRecords.id, { onDelete: 'cascade' }),
  fileId: integer('file_id').notNull().references(() => files.id),
  name: text('name').notNull(),
  /** The public version of the attachment's text after redactions (null = nothing redacted). */
  textPublic: text('text_public'),
  /** The redacted file itself (a .docx masked in place), when the format allows; else the public get textPublic as text. */
  publicFileId: integer('public_file_id').references(() => files.id),
  /** The public document's own title (title property or first heading), set at publication; null = use the file name. */
  title: text('title'),
  sort: integer('sort').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('catalog_attachments_record_idx').on(t.recordId), index('catalog_attachments_file_idx').on(t.fileId)]);

/** Privacy / secrecy scan findings; each must be resolved (redact or accept with a reason) before publishing. */
export const catalogFindings = pgTable('catalog_findings', {
  id: serial('id').primaryKey(),
  recordId: integer('record_id').notNull().references(() => catalogRecords.id, { onDelete: 'cascade' }),
  /** title | body | attachment */
  source: text('source').notNull(),
  attachmentId: integer('attachment_id'),
  /** id_number | mobile | landline | bank_card | email | uscc_person | address | name_with_data | secrecy_mark | spam */
  kind: text('kind').notNull(),
  /** The matched text, masked for display (the original stays in the record). */
  excerpt: text('excerpt').notNull(),
  /**
   * SM3 of the kind and the normalised value (platform/text normalizeFindingValue): the same value in
   * several places of a record is one finding to decide on. Null on rows scanned before it existed.
   */
  valueKey: text('value_key'),
  start: integer('start').notNull(),
  end: integer('end').notNull(),
  /** redact | accept */
  resolution: text('resolution'),
  reason: text('reason'),
  resolvedBy: integer('resolved_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  scannedAt: timestamp('scanned_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('catalog_findings_record_idx').on(t.recordId)]);

/**
 * Numbers an organisation publishes as its own contact point (办公电话): accepted once by a clerk or
 * reviewer, they are no longer reported by later scans of that organisation's records. Kept in the
 * normalised form of the scanner (digits, without extension); removable by the disclosure office.
 */
export const catalogAllowedNumbers = pgTable('catalog_allowed_numbers', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** landline */
  kind: text('kind').notNull(),
  value: text('value').notNull(),
  /** The record on which it was accepted (for the admin's information). */
  recordId: integer('record_id'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('catalog_allowed_numbers_uq').on(t.orgId, t.kind, t.value)]);

/** 保密审查 written record (seed 002 附件4), kept for ever and exportable. */
export const catalogSecrecyReviews = pgTable('catalog_secrecy_reviews', {
  id: serial('id').primaryKey(),
  recordId: integer('record_id').notNull().references(() => catalogRecords.id),
  title: text('title').notNull(),
  docNoOrSummary: text('doc_no_or_summary').notNull(),
  proposedDisclosure: text('proposed_disclosure').notNull(),
  proposedReason: text('proposed_reason'),
  conclusion: text('conclusion').notNull(),
  ground: text('ground'),
  basis: text('basis').notNull(),
  reviewerId: integer('reviewer_id'),
  reviewerName: text('reviewer_name').notNull(),
  reviewedOn: date('reviewed_on', { mode: 'string' }).notNull(),
  recheckOn: date('recheck_on', { mode: 'string' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('catalog_secrecy_reviews_record_idx').on(t.recordId)]);

/** 征求意见 (seed 002 附件6): a written opinion asked of another organisation, with a reply deadline. */
export const catalogCoordinations = pgTable('catalog_coordinations', {
  id: serial('id').primaryKey(),
  recordId: integer('record_id').notNull().references(() => catalogRecords.id),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  question: text('question').notNull(),
  sentOn: date('sent_on', { mode: 'string' }).notNull(),
  replyDueOn: date('reply_due_on', { mode: 'string' }).notNull(),
  /** agree | disagree | null (no reply yet) */
  replyStance: text('reply_stance'),
  replyText: text('reply_text'),
  repliedBy: integer('replied_by'),
  repliedAt: timestamp('replied_at', { withTimezone: true }),
  /** The disclosure office's final decision on a disagreement. */
  decision: text('decision'),
  decidedBy: integer('decided_by'),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('catalog_coordinations_record_idx').on(t.recordId), index('catalog_coordinations_org_idx').on(t.orgId)]);

/**
 * 专家解读: experts of the spokesperson module's 专家库 named on an interpretation record, in the order
 * chosen. Only the id is kept; name and field are read through spokesperson/experts.ts.
 */
export const catalogRecordExperts = pgTable('catalog_record_experts', {
  recordId: integer('record_id').notNull().references(() => catalogRecords.id, { onDelete: 'cascade' }),
  expertId: integer('expert_id').notNull().references(() => spokesExperts.id),
  sort: integer('sort').notNull().default(0),
  addedBy: integer('added_by'),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.recordId, t.expertId] }), index('catalog_record_experts_expert_idx').on(t.expertId)]);
