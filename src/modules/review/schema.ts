import { pgTable, serial, integer, text, boolean, timestamp, jsonb, index } from 'drizzle-orm/pg-core';

/**
 * Review chains are data: an ordered list of steps, each naming the role that may act and where
 * (the subject's own organisation, its parent government, or anywhere in the actor's grant scope).
 * A chain applies to a subject type (catalog_record, press_event, annual_report …), optionally to
 * one record kind, and to one organisation (null = the default for all).
 */
export const reviewChains = pgTable('review_chains', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  subjectType: text('subject_type').notNull(),
  recordKind: text('record_kind'),
  orgId: integer('org_id'),
  /** [{ key, name, role, scope: 'own_org' | 'ancestor' | 'grant_scope', kind?: 'secrecy' }] */
  steps: jsonb('steps').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('review_chains_lookup_idx').on(t.subjectType, t.orgId)]);

/** One pass of a subject through a chain; the steps are copied so later edits of the chain do not change it. */
export const reviewInstances = pgTable('review_instances', {
  id: serial('id').primaryKey(),
  subjectType: text('subject_type').notNull(),
  subjectId: integer('subject_id').notNull(),
  subjectOrgId: integer('subject_org_id').notNull(),
  chainId: integer('chain_id'),
  steps: jsonb('steps').notNull(),
  currentStep: integer('current_step').notNull().default(0),
  /** in_progress | approved | returned | refused | cancelled */
  status: text('status').notNull(),
  startedBy: integer('started_by'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
}, (t) => [
  index('review_instances_subject_idx').on(t.subjectType, t.subjectId),
  index('review_instances_open_idx').on(t.status, t.subjectType),
]);

/** Every conclusion at every step: who, when, 通过 / 退回修改 / 不予公开, opinion. Never updated. */
export const reviewActions = pgTable('review_actions', {
  id: serial('id').primaryKey(),
  instanceId: integer('instance_id').notNull().references(() => reviewInstances.id),
  stepIndex: integer('step_index').notNull(),
  stepKey: text('step_key').notNull(),
  stepName: text('step_name').notNull(),
  actorId: integer('actor_id'),
  actorName: text('actor_name').notNull(),
  /** submit | pass | return | refuse */
  conclusion: text('conclusion').notNull(),
  opinion: text('opinion'),
  actedAt: timestamp('acted_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('review_actions_instance_idx').on(t.instanceId)]);
