// 互动交流 (SPEC.md §5; seeds 001 (二)三, 003 §5): drafts opened for public comment (意见征集) with
// their 采纳情况, online interviews (在线访谈) with public questions, and the one table of moderated
// public submissions (comments and questions) both use.
import { pgTable, serial, integer, text, boolean, timestamp, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';

/**
 * A draft policy opened for comment. Status (domain.ts DRAFT_STATUSES): editing → pending (sent for
 * publication) → published → withdrawn (撤回, with a reason); a pending draft can be returned to
 * editing. Dates are Beijing calendar dates; comments are accepted from startDate to endDate inclusive.
 */
export const interactionDrafts = pgTable('interaction_drafts', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  title: text('title').notNull(),
  body: text('body').notNull(),
  /** How to comment besides this website (letters, e-mail, phone of the drafting office). */
  howToComment: text('how_to_comment').notNull().default(''),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  endDate: date('end_date', { mode: 'string' }).notNull(),
  /** Whether approved public comments are shown on the draft's page. */
  showComments: boolean('show_comments').notNull().default(true),
  status: text('status').notNull().default('editing'),
  /** An optional attachment (the full text as .docx / .pdf), stored through platform/files. */
  attachmentFileId: integer('attachment_file_id'),
  attachmentName: text('attachment_name'),
  /** Why a pending draft was sent back. */
  returnReason: text('return_reason'),
  /** 采纳情况: what was adopted and why other comments were not. */
  summary: text('summary'),
  summaryPublishedAt: timestamp('summary_published_at', { withTimezone: true }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  publishedBy: integer('published_by'),
  /** Who sent it for publication (送审): that person may not publish it (separation of duties). */
  submittedBy: integer('submitted_by'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: integer('withdrawn_by'),
  withdrawReason: text('withdraw_reason'),
  createdBy: integer('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('interaction_drafts_status_idx').on(t.status, t.endDate),
  index('interaction_drafts_org_idx').on(t.orgId),
]);

/**
 * An online interview. Status: editing → announced (预告 published) → closed (文字实录 published);
 * an announced or closed interview can be withdrawn (撤回, with a reason). Questions are accepted
 * while announced and before endsAt. Its creator may not announce it (separation of duties).
 */
export const interactionInterviews = pgTable('interaction_interviews', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  title: text('title').notNull(),
  guests: text('guests').notNull(),
  preview: text('preview').notNull(),
  startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
  endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
  status: text('status').notNull().default('editing'),
  transcript: text('transcript'),
  transcriptPublishedAt: timestamp('transcript_published_at', { withTimezone: true }),
  announcedAt: timestamp('announced_at', { withTimezone: true }),
  announcedBy: integer('announced_by'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawnBy: integer('withdrawn_by'),
  withdrawReason: text('withdraw_reason'),
  /** The press module's event (在线访谈 counts for its quotas); linked later, no foreign key. */
  pressEventId: integer('press_event_id'),
  createdBy: integer('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('interaction_interviews_status_idx').on(t.status, t.startsAt), index('interaction_interviews_press_idx').on(t.pressEventId)]);

/**
 * A public submission on a subject (a draft's comment or an interview's question), moderated before
 * it is shown. The name and contact are the citizen's personal data: encrypted, shown masked. The
 * address is kept only as a keyed hash, for the rate limits. `textKey` is the normalised text's
 * hash: the same text twice on one subject is refused.
 */
export const interactionSubmissions = pgTable('interaction_submissions', {
  id: serial('id').primaryKey(),
  /** submissions.ts SUBJECT_KINDS: 'draft' | 'interview' */
  subjectKind: text('subject_kind').notNull(),
  subjectId: integer('subject_id').notNull(),
  nameEnc: text('name_enc'),
  contactEnc: text('contact_enc'),
  text: text('text').notNull(),
  textKey: text('text_key').notNull(),
  addressKey: text('address_key').notNull(),
  /** pending → approved | rejected */
  status: text('status').notNull().default('pending'),
  rejectReason: text('reject_reason'),
  moderatedBy: integer('moderated_by'),
  moderatedAt: timestamp('moderated_at', { withTimezone: true }),
  /** An interview question's answer (staff). */
  answer: text('answer'),
  answeredBy: integer('answered_by'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('interaction_submissions_text_uq').on(t.subjectKind, t.subjectId, t.textKey),
  index('interaction_submissions_subject_idx').on(t.subjectKind, t.subjectId, t.status),
  index('interaction_submissions_address_idx').on(t.addressKey, t.createdAt),
]);
