// 社会评议 tables: surveys and their questions, the public's answers, and the 整改 items raised from them.
import { pgTable, serial, integer, text, boolean, timestamp, jsonb, date, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { orgUnits } from '../org/schema.ts';
import { users } from '../auth/schema.ts';

/**
 * A survey. `orgId` owns it (the staff who built it, and whose grants decide who may edit it);
 * `targetOrgId` is the organisation being evaluated, if one. Public from its first to its last day
 * once published (domain.ts surveyState); only a draft's questions can change.
 */
export const surveys = pgTable('survey_surveys', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  targetOrgId: integer('target_org_id').references(() => orgUnits.id),
  title: text('title').notNull(),
  intro: text('intro').notNull().default(''),
  startsOn: date('starts_on', { mode: 'string' }).notNull(),
  endsOn: date('ends_on', { mode: 'string' }).notNull(),
  /** model.ts SURVEY_STATUSES */
  status: text('status').notNull().default('draft'),
  /** The results summary is shown on the public page after the survey ends. */
  resultsPublic: boolean('results_public').notNull().default(false),
  /** One answer per mobile number (kept only as a blind index and encrypted). */
  requirePhone: boolean('require_phone').notNull().default(false),
  /** Answers one network address may give to this survey per hour. */
  perAddressHourly: integer('per_address_hourly').notNull().default(10),
  createdBy: integer('created_by').references(() => users.id),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('survey_surveys_status_idx').on(t.status, t.endsOn)]);

export const surveyQuestions = pgTable('survey_questions', {
  id: serial('id').primaryKey(),
  surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  position: integer('position').notNull(),
  /** model.ts QUESTION_KINDS */
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  hint: text('hint'),
  required: boolean('required').notNull().default(false),
  options: jsonb('options').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
  minChoices: integer('min_choices'),
  maxChoices: integer('max_choices'),
  maxLength: integer('max_length'),
}, (t) => [index('survey_questions_survey_idx').on(t.surveyId, t.position)]);

/**
 * One answer from the public. No account, no name: the network address is kept only as a keyed hash
 * (for the hourly limit), the phone number (when asked for) as a blind index and encrypted.
 */
export const surveyResponses = pgTable('survey_responses', {
  id: serial('id').primaryKey(),
  surveyId: integer('survey_id').notNull().references(() => surveys.id, { onDelete: 'cascade' }),
  /** { q<id>: option number | option numbers | rating | text } */
  answers: jsonb('answers').$type<Record<string, string | number | string[]>>().notNull(),
  addressIndex: text('address_index').notNull(),
  phoneIndex: text('phone_index'),
  phoneEnc: text('phone_enc'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('survey_responses_address_idx').on(t.surveyId, t.addressIndex, t.createdAt),
  uniqueIndex('survey_responses_phone_uq').on(t.surveyId, t.phoneIndex),
]);

/**
 * 整改 (附件7 第六条): a problem raised in a survey, given to an organisation with a due date; closed
 * by the organisation with its rectification, or with an explanation to the leading group.
 */
export const surveyRectifications = pgTable('survey_rectifications', {
  id: serial('id').primaryKey(),
  surveyId: integer('survey_id').notNull().references(() => surveys.id),
  questionId: integer('question_id').references(() => surveyQuestions.id, { onDelete: 'set null' }),
  responseId: integer('response_id').references(() => surveyResponses.id, { onDelete: 'set null' }),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  problem: text('problem').notNull(),
  dueOn: date('due_on', { mode: 'string' }).notNull(),
  /** model.ts RECTIFY_STATUSES */
  status: text('status').notNull().default('open'),
  closeText: text('close_text'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: integer('closed_by').references(() => users.id),
  createdBy: integer('created_by').references(() => users.id),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('survey_rectifications_open_idx').on(t.status, t.orgId, t.dueOn)]);
