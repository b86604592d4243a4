import { pgTable, serial, integer, text, boolean, timestamp, index, primaryKey } from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/schema.ts';
import { users } from '../auth/schema.ts';
import { catalogRecords } from '../catalog/schema.ts';
import { opinionIncidents } from '../opinion/schema.ts';
import { spokesExperts } from '../spokesperson/schema.ts';

/**
 * A press event (新闻发布活动) of an organisation: its written application (purpose, outline, time,
 * place, participants), its approval through the review engine (subject type press_event), the
 * actual time it was held, and the release and transcript published after it (each also a
 * catalogue record). Codes are stored (model.ts); the speaker is staff, not citizen data.
 */
export const pressEvents = pgTable('press_events', {
  id: serial('id').primaryKey(),
  orgId: integer('org_id').notNull().references(() => orgUnits.id),
  /** model.ts EVENT_TYPES */
  type: text('type').notNull(),
  /** model.ts CATEGORIES (seed 000 三) */
  category: text('category').notNull(),
  title: text('title').notNull(),
  plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
  place: text('place').notNull().default(''),
  /** 发布人 (name and position as announced) and what they are (model.ts SPEAKER_KINDS). */
  speaker: text('speaker').notNull(),
  speakerKind: text('speaker_kind').notNull(),
  guests: text('guests').notNull().default(''),
  /** 以政府名义: the four-step chain; counted for the government's quotas. */
  govName: boolean('gov_name').notNull().default(false),
  /** A release on economic and social development as a whole (seed 001: ≥ 2 a year). */
  wideScope: boolean('wide_scope').notNull().default(false),
  /** 突发事件: may be held before the approval ends (先发布后补批). */
  emergency: boolean('emergency').notNull().default(false),
  incidentId: integer('incident_id').references(() => opinionIncidents.id),
  // The written application (申请).
  purpose: text('purpose').notNull(),
  outline: text('outline').notNull(),
  participants: text('participants').notNull().default(''),
  /** model.ts STATUSES */
  status: text('status').notNull().default('draft'),
  reviewInstanceId: integer('review_instance_id'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  heldAt: timestamp('held_at', { withTimezone: true }),
  /** Held before approval: when the approval must be complete. */
  approvalDueAt: timestamp('approval_due_at', { withTimezone: true }),
  /** 取消 before it was held, with the reason (staff only). */
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelReason: text('cancel_reason'),
  releaseText: text('release_text'),
  releasePublishedAt: timestamp('release_published_at', { withTimezone: true }),
  /** The catalogue record of the text as last published (a withdrawn one stays linked until the text is published again). */
  releaseRecordId: integer('release_record_id').references(() => catalogRecords.id),
  /** 撤回 of the published text: off /xwfb/, its catalogue record withdrawn. */
  releaseWithdrawnAt: timestamp('release_withdrawn_at', { withTimezone: true }),
  releaseWithdrawReason: text('release_withdraw_reason'),
  transcriptText: text('transcript_text'),
  transcriptPublishedAt: timestamp('transcript_published_at', { withTimezone: true }),
  transcriptRecordId: integer('transcript_record_id').references(() => catalogRecords.id),
  transcriptWithdrawnAt: timestamp('transcript_withdrawn_at', { withTimezone: true }),
  transcriptWithdrawReason: text('transcript_withdraw_reason'),
  version: integer('version').notNull().default(1),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('press_events_org_idx').on(t.orgId, t.plannedAt),
  index('press_events_status_idx').on(t.status, t.plannedAt),
  index('press_events_incident_idx').on(t.incidentId),
]);

/** 答问口径: a question the press may ask and the prepared answer. Staff only, never public. */
export const pressAnswers = pgTable('press_answers', {
  id: serial('id').primaryKey(),
  eventId: integer('event_id').notNull().references(() => pressEvents.id, { onDelete: 'cascade' }),
  question: text('question').notNull(),
  answer: text('answer').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('press_answers_event_idx').on(t.eventId)]);

/**
 * 解读专家: experts of the spokesperson module's 专家库 attached to an event as guests, in the order
 * chosen. Only the id is kept here; name and field are read through spokesperson/experts.ts.
 */
export const pressEventExperts = pgTable('press_event_experts', {
  eventId: integer('event_id').notNull().references(() => pressEvents.id, { onDelete: 'cascade' }),
  expertId: integer('expert_id').notNull().references(() => spokesExperts.id),
  sort: integer('sort').notNull().default(0),
  addedBy: integer('added_by').references(() => users.id),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.eventId, t.expertId] }), index('press_event_experts_expert_idx').on(t.expertId)]);
