// Every SQL statement of the review-chain engine.
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { ActionRecord, InstanceStatus, StepDef } from './domain.ts';

/** A JS number array as one SQL int[] parameter. */
const intArray = (ids: Iterable<number>) => sql`${'{' + [...ids].filter((n) => Number.isSafeInteger(n)).join(',') + '}'}::int[]`;
const textArray = (xs: Iterable<string>) => sql`${'{' + [...xs].map((x) => '"' + x.replace(/["\\]/g, '') + '"').join(',') + '}'}::text[]`;

// ---------------------------------------------------------------------------------------------
// Chains

export type ChainRow = {
  id: number; name: string; subjectType: string; recordKind: string | null; orgId: number | null; orgName: string | null;
  steps: unknown; active: boolean; createdAt: string; updatedAt: string;
};

const CHAIN_COLS = sql`c.id, c.name, c.subject_type as "subjectType", c.record_kind as "recordKind", c.org_id as "orgId",
  o.name as "orgName", c.steps, c.active, c.created_at as "createdAt", c.updated_at as "updatedAt"`;

export async function listChains(db: Executor): Promise<ChainRow[]> {
  const r = await db.execute<ChainRow>(sql`select ${CHAIN_COLS} from review_chains c left join org_units o on o.id = c.org_id
    order by c.subject_type, (c.org_id is not null), o.sort, o.name, (c.record_kind is not null), c.record_kind, c.active desc, c.id`);
  return r.rows;
}

export async function findChain(db: Executor, id: number): Promise<ChainRow | undefined> {
  const r = await db.execute<ChainRow>(sql`select ${CHAIN_COLS} from review_chains c left join org_units o on o.id = c.org_id where c.id = ${id}`);
  return r.rows[0];
}

export async function lockChain(db: Executor, id: number): Promise<ChainRow | undefined> {
  const r = await db.execute<ChainRow>(sql`select ${CHAIN_COLS} from review_chains c left join org_units o on o.id = c.org_id where c.id = ${id} for update of c`);
  return r.rows[0];
}

/**
 * The active chain that applies, most specific first: the organisation itself, then each ancestor
 * nearest first, then the default for all (org_id null); at each level a chain for the record kind
 * wins over one for all kinds. `depth` bounds the walk in case of bad cyclic data.
 */
export async function resolveChain(db: Executor, q: { subjectType: string; recordKind: string | null; orgId: number }): Promise<(ChainRow & { depth: number | null }) | undefined> {
  const r = await db.execute<ChainRow & { depth: number | null }>(sql`
    with recursive up(id, parent_id, depth) as (
      select id, parent_id, 0 from org_units where id = ${q.orgId}
      union all
      select o.id, o.parent_id, up.depth + 1 from org_units o join up on o.id = up.parent_id where up.depth < 50
    )
    select ${CHAIN_COLS}, up.depth
    from review_chains c left join up on up.id = c.org_id left join org_units o on o.id = c.org_id
    where c.active and c.subject_type = ${q.subjectType}
      and (c.org_id is null or up.id is not null)
      and (c.record_kind is null or c.record_kind = ${q.recordKind})
    order by coalesce(up.depth, 1000000), (c.record_kind is null), c.id desc
    limit 1`);
  return r.rows[0];
}

/** Another active chain with the same applicability (there should be at most one). */
export async function activeDuplicate(db: Executor, k: { subjectType: string; recordKind: string | null; orgId: number | null }, exceptId?: number): Promise<number | undefined> {
  const r = await db.execute<{ id: number }>(sql`select id from review_chains where active and subject_type = ${k.subjectType}
    and record_kind is not distinct from ${k.recordKind} and org_id is not distinct from ${k.orgId}
    ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`);
  return r.rows[0]?.id;
}

/** Any chain (active or not) with this applicability: a deactivated default is not silently recreated. */
export async function anyChain(db: Executor, k: { subjectType: string; recordKind: string | null; orgId: number | null }): Promise<boolean> {
  const r = await db.execute(sql`select 1 from review_chains where subject_type = ${k.subjectType}
    and record_kind is not distinct from ${k.recordKind} and org_id is not distinct from ${k.orgId} limit 1`);
  return r.rows.length > 0;
}

export async function insertChain(db: Executor, c: { name: string; subjectType: string; recordKind: string | null; orgId: number | null; steps: readonly StepDef[] }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into review_chains (name, subject_type, record_kind, org_id, steps)
    values (${c.name}, ${c.subjectType}, ${c.recordKind}, ${c.orgId}, ${JSON.stringify(c.steps)}::jsonb) returning id`);
  return r.rows[0].id;
}

export async function updateChain(db: Executor, id: number, c: { name: string; steps: readonly StepDef[] }): Promise<void> {
  await db.execute(sql`update review_chains set name = ${c.name}, steps = ${JSON.stringify(c.steps)}::jsonb, updated_at = now() where id = ${id}`);
}

export async function setChainActive(db: Executor, id: number, active: boolean): Promise<void> {
  await db.execute(sql`update review_chains set active = ${active}, updated_at = now() where id = ${id}`);
}

/** Serialises changes to the chain configuration (uniqueness of active chains, default creation). */
export async function lockChains(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7301020)`);
}

// ---------------------------------------------------------------------------------------------
// Instances and actions

export type InstanceRow = {
  id: number; subjectType: string; subjectId: number; subjectOrgId: number; chainId: number | null; steps: unknown;
  currentStep: number; status: string; startedBy: number | null; startedAt: string; finishedAt: string | null;
  lastActorId: number | null;
};

const INST_COLS = sql`i.id, i.subject_type as "subjectType", i.subject_id as "subjectId", i.subject_org_id as "subjectOrgId",
  i.chain_id as "chainId", i.steps, i.current_step as "currentStep", i.status, i.started_by as "startedBy",
  i.started_at as "startedAt", i.finished_at as "finishedAt",
  (select a.actor_id from review_actions a where a.instance_id = i.id order by a.id desc limit 1) as "lastActorId"`;

export async function findInstance(db: Executor, id: number): Promise<InstanceRow | undefined> {
  const r = await db.execute<InstanceRow>(sql`select ${INST_COLS} from review_instances i where i.id = ${id}`);
  return r.rows[0];
}

/** Locks the instance row for the transaction: two reviewers acting at once serialise here. */
export async function lockInstance(db: Executor, id: number): Promise<InstanceRow | undefined> {
  const r = await db.execute<InstanceRow>(sql`select ${INST_COLS} from review_instances i where i.id = ${id} for update of i`);
  return r.rows[0];
}

/** The most recent instance of a subject (open or not). */
export async function latestInstanceFor(db: Executor, subjectType: string, subjectId: number): Promise<InstanceRow | undefined> {
  const r = await db.execute<InstanceRow>(sql`select ${INST_COLS} from review_instances i
    where i.subject_type = ${subjectType} and i.subject_id = ${subjectId} order by i.id desc limit 1`);
  return r.rows[0];
}

export async function openInstanceFor(db: Executor, subjectType: string, subjectId: number): Promise<InstanceRow | undefined> {
  const r = await db.execute<InstanceRow>(sql`select ${INST_COLS} from review_instances i
    where i.subject_type = ${subjectType} and i.subject_id = ${subjectId} and i.status = 'in_progress' order by i.id desc limit 1`);
  return r.rows[0];
}

/** Serialises starts for one subject so it never has two open instances. */
export async function lockSubject(db: Executor, subjectType: string, subjectId: number): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'review:' + subjectType}), ${subjectId})`);
}

export async function insertInstance(db: Executor, i: {
  subjectType: string; subjectId: number; subjectOrgId: number; chainId: number | null; steps: readonly StepDef[];
  currentStep: number; status: InstanceStatus; startedBy: number; startedAt: Date; finishedAt: Date | null;
}): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into review_instances
    (subject_type, subject_id, subject_org_id, chain_id, steps, current_step, status, started_by, started_at, finished_at)
    values (${i.subjectType}, ${i.subjectId}, ${i.subjectOrgId}, ${i.chainId}, ${JSON.stringify(i.steps)}::jsonb, ${i.currentStep},
      ${i.status}, ${i.startedBy}, ${i.startedAt}, ${i.finishedAt}) returning id`);
  return r.rows[0].id;
}

export async function updateInstanceState(db: Executor, id: number, s: { currentStep: number; status: InstanceStatus; finishedAt: Date | null }): Promise<void> {
  await db.execute(sql`update review_instances set current_step = ${s.currentStep}, status = ${s.status}, finished_at = ${s.finishedAt} where id = ${id}`);
}

export async function insertAction(db: Executor, instanceId: number, a: ActionRecord): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into review_actions
    (instance_id, step_index, step_key, step_name, actor_id, actor_name, conclusion, opinion, acted_at)
    values (${instanceId}, ${a.stepIndex}, ${a.stepKey}, ${a.stepName}, ${a.actorId}, ${a.actorName}, ${a.conclusion}, ${a.opinion}, ${a.actedAt})
    returning id`);
  return r.rows[0].id;
}

export type ActionRow = {
  id: number; instanceId: number; stepIndex: number; stepKey: string; stepName: string; actorId: number | null;
  actorName: string; conclusion: string; opinion: string | null; actedAt: string;
};

export async function listActions(db: Executor, instanceId: number): Promise<ActionRow[]> {
  const r = await db.execute<ActionRow>(sql`select id, instance_id as "instanceId", step_index as "stepIndex", step_key as "stepKey",
    step_name as "stepName", actor_id as "actorId", actor_name as "actorName", conclusion, opinion, acted_at as "actedAt"
    from review_actions where instance_id = ${instanceId} order by acted_at, id`);
  return r.rows;
}

/**
 * Subjects of a type whose latest pass (no later instance) ended in one of the statuses and was
 * started by the user: what review sent back to her (退回修改). Newest first, at most `limit`.
 */
export async function returnedSubjectIds(db: Executor, q: { subjectType: string; userId: number; statuses: readonly string[]; limit: number }): Promise<number[]> {
  const r = await db.execute<{ id: number }>(sql`select i.subject_id as id from review_instances i
    where i.status = any(${textArray(q.statuses)}) and i.subject_type = ${q.subjectType} and i.started_by = ${q.userId}
      and not exists (select 1 from review_instances n where n.subject_type = i.subject_type and n.subject_id = i.subject_id and n.id > i.id)
    order by i.id desc limit ${q.limit}`);
  return r.rows.map((x) => Number(x.id));
}

export type QueueRow = InstanceRow & { subjectOrgName: string | null; startedByName: string | null; waitingSince: string };

/**
 * Open instances whose current step names one of the roles, on one of the organisations (a coarse
 * SQL filter; the caller applies the exact step-scope and separate-actors rules).
 */
export async function openInstancesFor(db: Executor, q: { roles: string[]; orgIds: number[]; subjectType?: string; subjectTypes?: readonly string[]; limit: number }): Promise<QueueRow[]> {
  if (!q.roles.length || !q.orgIds.length) return [];
  const r = await db.execute<QueueRow>(sql`select ${INST_COLS}, o.name as "subjectOrgName", u.display_name as "startedByName",
      coalesce((select max(a.acted_at) from review_actions a where a.instance_id = i.id), i.started_at) as "waitingSince"
    from review_instances i
    left join org_units o on o.id = i.subject_org_id
    left join users u on u.id = i.started_by
    where i.status = 'in_progress'
      ${q.subjectType ? sql`and i.subject_type = ${q.subjectType}` : sql``}
      ${q.subjectTypes ? sql`and i.subject_type = any(${textArray(q.subjectTypes)})` : sql``}
      and i.subject_org_id = any(${intArray(q.orgIds)})
      and (i.steps -> i.current_step ->> 'role') = any(${textArray(q.roles)})
    order by "waitingSince", i.id
    limit ${q.limit}`);
  return r.rows;
}
