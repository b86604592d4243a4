/**
 * Review-chain engine: use cases. Generic over `subjectType`; the subject's own module (catalogue,
 * press events, annual reports) owns the subject row and calls these inside its transaction.
 *
 * Contract for callers
 *  - Mutating calls (startReview, act, cancel) take the caller's transaction `tx`: the caller
 *    locks and updates its own subject (e.g. catalog_records.status / review_instance_id) in the
 *    same transaction, so the subject and the review state commit or roll back together. Each
 *    call writes its own audit row (review.start / review.pass / review.return / review.refuse /
 *    review.cancel) into that transaction.
 *  - Results are `{ ok: true, … }` or `{ ok: false, reason, message, fields? }` with a Chinese
 *    message ready to show; a failure writes nothing. Reasons: not_found, no_chain, conflict
 *    (already in review), not_eligible, same_actor, stale (someone else acted first: 该事项已由
 *    他人处理), closed, opinion_required, opinion_too_long, bad_conclusion, forbidden, no_steps,
 *    or whatever a beforeAdvance hook returns.
 *  - act() locks the instance row (`select … for update`): of two reviewers acting at once, the
 *    second waits, then sees the new state and is refused. Pass `expectedStep` (the step index
 *    the reviewer's form was rendered for) so that refusal reads 'stale'.
 *  - Steps of kind 'secrecy' (保密审查) need the subject's own record of the review. The engine
 *    does not know it: pass `beforeAdvance(tx, { instance, step, stepIndex, conclusion, next })`.
 *    It runs after the rules allowed the action and before anything is written, inside the same
 *    transaction. Return `{ ok: false, reason, message, fields? }` to refuse (write nothing
 *    before refusing, or throw to roll back), or nothing to go on. Write the subject's data there
 *    or after act() returns — act() returns the step, the action and the new instance state
 *    (`finished`, `instance.status`: approved → publish, returned → back to draft, refused → 不予公开).
 *  - recordCompleted records an imported subject as approved through the whole chain (migration).
 *  - startReview performs step 0 (承办人提交) as the actor: the actor must be eligible for it.
 *    A returned instance is finished; resubmitting starts a new instance.
 *  - findChain resolves the chain (organisation + record kind, inherited from the nearest
 *    ancestor, then the default for all); ensureDefaultChains(db) creates the built-in defaults
 *    once (idempotent; a deactivated default is not recreated).
 */
import { invalid } from '../../platform/errors.ts';
import { withTx, type Db, type Executor, type Tx } from '../../platform/db/index.ts';
import { writeAudit, SYSTEM_ACTOR, type Actor } from '../../platform/audit/index.ts';
import { can, rolesOf, scopeOf, type Principal } from '../auth/policy.ts';
import { buildTree, flattenTree } from '../org/domain.ts';
import * as orgRepo from '../org/repo.ts';
import * as repo from './repo.ts';
import {
  DEFAULT_CHAINS, DEFAULT_KIND_CHAINS, decide, decideCancel, decideStart, mayActOnStep, parseSteps, validateChainForm,
  type ActionConclusion, type ChainForm, type Conclusion, type InstanceStatus, type StepDef, type SubjectType,
} from './domain.ts';

export type Failure = { ok: false; reason: string; message: string; fields?: Record<string, string> };

/** Where the caller acts from, for the audit log; `now` is the injected clock (tests pass a fixed one). */
export interface ActOptions { ip?: string | null; now?: Date }

const auditActor = (p: Principal, ip?: string | null): Actor => ({ id: p.id, name: p.username, ip: ip ?? null });

// ---------------------------------------------------------------------------------------------
// Types returned to callers

export interface ReviewInstance {
  id: number;
  subjectType: string;
  subjectId: number;
  subjectOrgId: number;
  chainId: number | null;
  steps: StepDef[];
  currentStep: number;
  status: InstanceStatus;
  startedBy: number | null;
  startedAt: Date;
  finishedAt: Date | null;
  /** Who performed the most recent action. */
  lastActorId: number | null;
}

export interface HistoryEntry {
  id: number;
  stepIndex: number;
  stepKey: string;
  stepName: string;
  actorId: number | null;
  actorName: string;
  conclusion: ActionConclusion;
  opinion: string | null;
  actedAt: Date;
}

export interface ResolvedChain {
  /** null for a built-in default that is not stored. */
  id: number | null;
  name: string;
  steps: StepDef[];
  /** The organisation the chain is configured for (null = all units). */
  orgId: number | null;
  recordKind: string | null;
}

function toInstance(r: repo.InstanceRow): ReviewInstance {
  return {
    id: r.id, subjectType: r.subjectType, subjectId: r.subjectId, subjectOrgId: r.subjectOrgId, chainId: r.chainId,
    steps: parseSteps(r.steps) ?? [], currentStep: r.currentStep, status: r.status as InstanceStatus, startedBy: r.startedBy,
    startedAt: new Date(r.startedAt), finishedAt: r.finishedAt ? new Date(r.finishedAt) : null, lastActorId: r.lastActorId,
  };
}

// ---------------------------------------------------------------------------------------------
// Chains

/** The chain that applies to a subject: org+kind > org > nearest ancestor (+kind first) > default+kind > default > built-in. */
export async function findChain(db: Executor, q: { subjectType: string; recordKind?: string | null; orgId: number }): Promise<ResolvedChain | null> {
  const row = await repo.resolveChain(db, { subjectType: q.subjectType, recordKind: q.recordKind ?? null, orgId: q.orgId });
  if (row) {
    const steps = parseSteps(row.steps);
    if (steps) return { id: row.id, name: row.name, steps, orgId: row.orgId, recordKind: row.recordKind };
  }
  const builtin = (q.recordKind ? DEFAULT_KIND_CHAINS[q.subjectType as SubjectType]?.[q.recordKind] : undefined) ?? DEFAULT_CHAINS[q.subjectType as SubjectType];
  return builtin ? { id: null, name: builtin.name, steps: [...builtin.steps], orgId: null, recordKind: null } : null;
}

/** Creates the built-in default chains that were never stored (idempotent, safe to run at every start-up). */
export async function ensureDefaultChains(db: Db): Promise<number[]> {
  return withTx(db, async (tx) => {
    await repo.lockChains(tx);
    const created: number[] = [];
    for (const [subjectType, def] of Object.entries(DEFAULT_CHAINS)) {
      if (!def) continue;
      const key = { subjectType, recordKind: null, orgId: null };
      if (await repo.anyChain(tx, key)) continue;
      const id = await repo.insertChain(tx, { ...key, name: def.name, steps: def.steps });
      await writeAudit(tx, SYSTEM_ACTOR, { action: 'review_chain.create', entityType: 'review_chain', entityId: id, summary: { after: { ...key, name: def.name, steps: def.steps } } });
      created.push(id);
    }
    for (const [subjectType, kinds] of Object.entries(DEFAULT_KIND_CHAINS)) {
      for (const [recordKind, def] of Object.entries(kinds ?? {})) {
        const key = { subjectType, recordKind, orgId: null };
        if (await repo.anyChain(tx, key)) continue;
        const id = await repo.insertChain(tx, { ...key, name: def.name, steps: def.steps });
        await writeAudit(tx, SYSTEM_ACTOR, { action: 'review_chain.create', entityType: 'review_chain', entityId: id, summary: { after: { ...key, name: def.name, steps: def.steps } } });
        created.push(id);
      }
    }
    return created;
  });
}

// ---------------------------------------------------------------------------------------------
// Instances

export interface SubjectRef {
  subjectType: string;
  subjectId: number;
  /** The organisation that owns the subject: step scopes are evaluated against it. */
  subjectOrgId: number;
  /** Optional kind code (see SUBJECT_TYPES) for a kind-specific chain. */
  recordKind?: string | null;
}

export type StartResult = { ok: true; instance: ReviewInstance; chain: ResolvedChain; finished: boolean } | Failure;

/** Submits a subject for review: resolves the chain, copies its steps and records step 0 (提交) by the actor. */
export async function startReview(tx: Tx, subject: SubjectRef, actor: Principal, opts: ActOptions & { opinion?: string | null } = {}): Promise<StartResult> {
  const now = opts.now ?? new Date();
  await repo.lockSubject(tx, subject.subjectType, subject.subjectId);
  const open = await repo.openInstanceFor(tx, subject.subjectType, subject.subjectId);
  if (open) return { ok: false, reason: 'conflict', message: '该事项已在审核中，不能重复提交。' };
  const chain = await findChain(tx, { subjectType: subject.subjectType, recordKind: subject.recordKind, orgId: subject.subjectOrgId });
  if (!chain) return { ok: false, reason: 'no_chain', message: '尚未配置适用于该事项的审核流程，请联系政务公开办。' };
  const d = decideStart(chain.steps, actor, subject.subjectOrgId, opts.opinion, now);
  if (!d.ok) return d;
  const id = await repo.insertInstance(tx, {
    subjectType: subject.subjectType, subjectId: subject.subjectId, subjectOrgId: subject.subjectOrgId, chainId: chain.id,
    steps: chain.steps, currentStep: d.next.currentStep, status: d.next.status, startedBy: actor.id, startedAt: now,
    finishedAt: d.next.finished ? now : null,
  });
  await repo.insertAction(tx, id, d.action);
  await writeAudit(tx, auditActor(actor, opts.ip), {
    action: 'review.start', entityType: 'review_instance', entityId: id,
    summary: { subjectType: subject.subjectType, subjectId: subject.subjectId, chainId: chain.id, chain: chain.name, status: d.next.status },
  });
  const instance = await repo.findInstance(tx, id);
  return { ok: true, instance: toInstance(instance!), chain, finished: d.next.finished };
}

/**
 * Records a subject as having gone through its whole chain already (migration of records approved
 * on an old site, `catalog import --publish`): an 'approved' instance whose every step is recorded
 * as done by the importing actor with the given note. No eligibility rules apply — the caller has
 * authorised the import — and the audit row says so (review.import).
 */
export async function recordCompleted(tx: Tx, subject: SubjectRef, actor: Principal, opts: ActOptions & { note?: string } = {}): Promise<StartResult> {
  const now = opts.now ?? new Date();
  await repo.lockSubject(tx, subject.subjectType, subject.subjectId);
  if (await repo.openInstanceFor(tx, subject.subjectType, subject.subjectId)) return { ok: false, reason: 'conflict', message: '该事项已在审核中，不能重复提交。' };
  const chain = await findChain(tx, { subjectType: subject.subjectType, recordKind: subject.recordKind, orgId: subject.subjectOrgId });
  if (!chain) return { ok: false, reason: 'no_chain', message: '尚未配置适用于该事项的审核流程，请联系政务公开办。' };
  const note = (opts.note ?? '原网站已审核发布，迁移导入').trim().slice(0, 2000) || null;
  const id = await repo.insertInstance(tx, {
    subjectType: subject.subjectType, subjectId: subject.subjectId, subjectOrgId: subject.subjectOrgId, chainId: chain.id,
    steps: chain.steps, currentStep: chain.steps.length - 1, status: 'approved', startedBy: actor.id, startedAt: now, finishedAt: now,
  });
  for (const [i, st] of chain.steps.entries()) {
    await repo.insertAction(tx, id, { stepIndex: i, stepKey: st.key, stepName: st.name, conclusion: i === 0 ? 'submit' : 'pass', opinion: note, actorId: actor.id, actorName: actor.displayName, actedAt: now });
  }
  await writeAudit(tx, auditActor(actor, opts.ip), {
    action: 'review.import', entityType: 'review_instance', entityId: id,
    summary: { subjectType: subject.subjectType, subjectId: subject.subjectId, chainId: chain.id, steps: chain.steps.length },
  });
  return { ok: true, instance: toInstance((await repo.findInstance(tx, id))!), chain, finished: true };
}

export interface AdvanceContext {
  /** The instance as locked, before the change. */
  instance: ReviewInstance;
  step: StepDef;
  stepIndex: number;
  conclusion: Conclusion;
  opinion: string | null;
  next: { currentStep: number; status: InstanceStatus; finished: boolean };
}

export type BeforeAdvance = (tx: Tx, ctx: AdvanceContext) => Promise<void | Failure> | void | Failure;

export type ActResult = {
  ok: true;
  /** The instance after the action. */
  instance: ReviewInstance;
  /** The step that was acted on and the recorded action. */
  step: StepDef;
  action: HistoryEntry;
  finished: boolean;
} | Failure;

/** A reviewer's conclusion at the current step (通过 / 退回修改 / 不予公开). */
export async function act(
  tx: Tx, instanceId: number, actor: Principal, conclusion: unknown, opinion: string | null | undefined,
  opts: ActOptions & { expectedStep?: number; beforeAdvance?: BeforeAdvance } = {},
): Promise<ActResult> {
  const now = opts.now ?? new Date();
  const row = await repo.lockInstance(tx, instanceId);
  if (!row) return { ok: false, reason: 'not_found', message: '审核事项不存在。' };
  const before = toInstance(row);
  const d = decide(before, actor, conclusion, opinion, now, { expectedStep: opts.expectedStep });
  if (!d.ok) return d;
  const c = d.action.conclusion as Conclusion;
  if (opts.beforeAdvance) {
    const hook = await opts.beforeAdvance(tx, { instance: before, step: d.step, stepIndex: d.action.stepIndex, conclusion: c, opinion: d.action.opinion, next: d.next });
    if (hook && hook.ok === false) return hook;
  }
  await repo.updateInstanceState(tx, instanceId, { currentStep: d.next.currentStep, status: d.next.status, finishedAt: d.next.finished ? now : null });
  const actionId = await repo.insertAction(tx, instanceId, d.action);
  await writeAudit(tx, auditActor(actor, opts.ip), {
    action: `review.${c}`, entityType: 'review_instance', entityId: instanceId,
    summary: { subjectType: before.subjectType, subjectId: before.subjectId, step: d.step.key, stepName: d.step.name, status: d.next.status, hasOpinion: d.action.opinion !== null },
  });
  const after = toInstance((await repo.findInstance(tx, instanceId))!);
  return { ok: true, instance: after, step: d.step, action: { id: actionId, ...d.action }, finished: d.next.finished };
}

/** Withdraws an open instance (the drafter, or a review administrator over the subject's organisation). */
export async function cancel(tx: Tx, instanceId: number, actor: Principal, opts: ActOptions & { reason?: string | null } = {}): Promise<{ ok: true; instance: ReviewInstance } | Failure> {
  const now = opts.now ?? new Date();
  const row = await repo.lockInstance(tx, instanceId);
  if (!row) return { ok: false, reason: 'not_found', message: '审核事项不存在。' };
  const inst = toInstance(row);
  const d = decideCancel(inst, actor);
  if (!d.ok) return d;
  const reason = (opts.reason ?? '').trim().slice(0, 2000) || null;
  const step = inst.steps[inst.currentStep];
  await repo.updateInstanceState(tx, instanceId, { currentStep: inst.currentStep, status: 'cancelled', finishedAt: now });
  await repo.insertAction(tx, instanceId, {
    stepIndex: inst.currentStep, stepKey: step?.key ?? '', stepName: step?.name ?? '', conclusion: 'cancel', opinion: reason,
    actorId: actor.id, actorName: actor.displayName, actedAt: now,
  });
  await writeAudit(tx, auditActor(actor, opts.ip), {
    action: 'review.cancel', entityType: 'review_instance', entityId: instanceId,
    summary: { subjectType: inst.subjectType, subjectId: inst.subjectId, step: step?.key ?? null },
  });
  return { ok: true, instance: toInstance((await repo.findInstance(tx, instanceId))!) };
}

export async function getInstance(db: Executor, id: number): Promise<ReviewInstance | null> {
  const r = await repo.findInstance(db, id);
  return r ? toInstance(r) : null;
}

/** The subject's most recent instance (open or finished), or null. */
export async function latestInstance(db: Executor, subjectType: string, subjectId: number): Promise<ReviewInstance | null> {
  const r = await repo.latestInstanceFor(db, subjectType, subjectId);
  return r ? toInstance(r) : null;
}

/** Every action of the instance in order: who, which step, conclusion, opinion, when. */
export async function history(db: Executor, instanceId: number): Promise<HistoryEntry[]> {
  return (await repo.listActions(db, instanceId)).map((a) => ({
    id: a.id, stepIndex: a.stepIndex, stepKey: a.stepKey, stepName: a.stepName, actorId: a.actorId, actorName: a.actorName,
    conclusion: a.conclusion as ActionConclusion, opinion: a.opinion, actedAt: new Date(a.actedAt),
  }));
}

/** True when the principal may act on the instance's current step now (role, scope, separation). */
export function mayActNow(inst: ReviewInstance, p: Principal): boolean {
  if (inst.status !== 'in_progress') return false;
  const step = inst.steps[inst.currentStep];
  if (!step || !mayActOnStep(step, p, inst.subjectOrgId)) return false;
  return step.allowSameActor === true || inst.lastActorId !== p.id;
}

export interface QueueItem {
  instance: ReviewInstance;
  step: StepDef;
  subjectOrgName: string | null;
  startedByName: string | null;
  /** When the instance reached its current step. */
  waitingSince: Date;
}

/** Open instances the principal may act on now, oldest waiting first. */
export async function queueFor(db: Executor, p: Principal, opts: { subjectType?: string; limit?: number } = {}): Promise<QueueItem[]> {
  const orgIds = new Set<number>();
  for (const g of p.grants) for (const id of g.orgIds) orgIds.add(id);
  const limit = Math.min(Math.max(opts.limit ?? 200, 1), 1000);
  const rows = await repo.openInstancesFor(db, { roles: rolesOf(p), orgIds: [...orgIds], subjectType: opts.subjectType, limit });
  return rows.map((r) => ({ r, inst: toInstance(r) }))
    .filter(({ inst }) => mayActNow(inst, p))
    .map(({ r, inst }) => ({ instance: inst, step: inst.steps[inst.currentStep], subjectOrgName: r.subjectOrgName, startedByName: r.startedByName, waitingSince: new Date(r.waitingSince) }));
}

/** Counted at most this far: a 工作台 badge of "1000" already says enough. */
export const WAITING_CAP = 1000;

/**
 * How many open instances of these subject types wait for the principal now (the 工作台's 待我审核):
 * the queue's own query and rules (role, step scope, separate actors), so the count matches the list.
 */
export async function waitingCount(db: Executor, p: Principal, subjectTypes: readonly string[]): Promise<number> {
  const orgIds = new Set<number>();
  for (const g of p.grants) for (const id of g.orgIds) orgIds.add(id);
  const rows = await repo.openInstancesFor(db, { roles: rolesOf(p), orgIds: [...orgIds], subjectTypes, limit: WAITING_CAP });
  return rows.filter((r) => mayActNow(toInstance(r), p)).length;
}

/**
 * The subjects of this type that review returned to the user (the one who submitted them) and that
 * were not submitted again since: her 退回修改, newest first, at most RETURNED_CAP. A module counts
 * and lists only those still editable in its own terms (status, scope). `refused` too where the
 * module treats a refusal as a return (the draft is revised and submitted again).
 */
export async function returnedTo(db: Executor, user: Principal, subjectType: string, opts: { refusedToo?: boolean } = {}): Promise<number[]> {
  return repo.returnedSubjectIds(db, { subjectType, userId: user.id, statuses: opts.refusedToo ? ['returned', 'refused'] : ['returned'], limit: RETURNED_CAP });
}

/** Returned subjects looked at per user and type at most (a desk count of 1000 already says enough). */
export const RETURNED_CAP = 1000;

// ---------------------------------------------------------------------------------------------
// Chain administration (/admin/review-chains)

import type { Caller } from '../auth/caller.ts';
export type { Caller };
export type ChainView = repo.ChainRow & { stepList: StepDef[] };

const FORBIDDEN: Failure = { ok: false, reason: 'forbidden', message: '您没有配置该单位审核流程的权限。' };
const NOT_FOUND: Failure = { ok: false, reason: 'not_found', message: '审核流程不存在。' };

/** A chain for all units (org null) concerns every top-level organisation: the user must configure all of them. */
async function mayConfigure(db: Executor, user: Principal, orgId: number | null): Promise<boolean> {
  if (orgId !== null) return can(user, 'review.configure', { orgId });
  if (!can(user, 'review.configure')) return false;
  const roots = await orgRepo.rootIds(db);
  return roots.every((id) => can(user, 'review.configure', { orgId: id }));
}

/** The chains the user may see: defaults for all units and those of organisations in scope. */
export async function listChainsFor(db: Executor, user: Principal): Promise<{ chains: ChainView[]; canEditDefaults: boolean }> {
  const scope = scopeOf(user, 'review.configure');
  const chains = (await repo.listChains(db))
    .filter((c) => c.orgId === null || scope.has(c.orgId))
    .map((c) => ({ ...c, stepList: parseSteps(c.steps) ?? [] }));
  return { chains, canEditDefaults: await mayConfigure(db, user, null) };
}

export async function getChainFor(db: Executor, user: Principal, id: number): Promise<{ ok: true; chain: ChainView; canEdit: boolean } | Failure> {
  const c = await repo.findChain(db, id);
  if (!c) return NOT_FOUND;
  if (!(await mayConfigure(db, user, c.orgId))) {
    if (c.orgId !== null || !can(user, 'review.configure')) return FORBIDDEN;
    return { ok: true, chain: { ...c, stepList: parseSteps(c.steps) ?? [] }, canEdit: false };
  }
  return { ok: true, chain: { ...c, stepList: parseSteps(c.steps) ?? [] }, canEdit: true };
}

/** Active organisations the user may configure chains for, in tree order with their depth. */
export async function orgChoices(db: Executor, user: Principal): Promise<{ id: number; name: string; depth: number }[]> {
  const rows = (await orgRepo.listOrgs(db)).filter((o) => o.active);
  return flattenTree(buildTree(rows, scopeOf(user, 'review.configure'))).map((n) => ({ id: n.org.id, name: n.org.name, depth: n.depth }));
}

const DUPLICATE = '该单位已有适用于此类事项的审核流程，请编辑现有流程';

export async function createChain(db: Db, caller: Caller, form: ChainForm): Promise<{ ok: true; id: number } | Failure> {
  if (!can(caller.user, 'review.configure')) return FORBIDDEN;
  const v = validateChainForm(form);
  if (!v.ok) return invalid(v.fields);
  const c = v.value;
  if (c.orgId !== null) {
    const org = await orgRepo.findOrg(db, c.orgId);
    if (!org || !org.active) return invalid({ orgId: '适用单位不存在或已停用，请从列表中选择' });
  }
  if (!(await mayConfigure(db, caller.user, c.orgId))) {
    return c.orgId === null ? invalid({ orgId: '请选择适用单位：全部单位默认流程只能由管辖全部单位的政务公开办配置' }) : FORBIDDEN;
  }
  return withTx(db, async (tx) => {
    await repo.lockChains(tx);
    if (await repo.activeDuplicate(tx, c)) return invalid({ orgId: DUPLICATE });
    const id = await repo.insertChain(tx, c);
    await writeAudit(tx, auditActor(caller.user, caller.ip), { action: 'review_chain.create', entityType: 'review_chain', entityId: id, summary: { after: c } });
    return { ok: true as const, id };
  });
}

/** Edits name, steps and the separation flag; the applicability (type, kind, unit) is fixed once created. */
export async function updateChain(db: Db, caller: Caller, id: number, form: ChainForm): Promise<{ ok: true; id: number } | Failure> {
  const current = await repo.findChain(db, id);
  if (!current) return NOT_FOUND;
  if (!(await mayConfigure(db, caller.user, current.orgId))) return FORBIDDEN;
  const v = validateChainForm({ ...form, subjectType: current.subjectType, recordKind: current.recordKind ?? '', orgId: current.orgId === null ? '' : String(current.orgId) });
  if (!v.ok) return invalid(v.fields);
  return withTx(db, async (tx) => {
    const before = await repo.lockChain(tx, id);
    if (!before) return NOT_FOUND;
    if (!before.active) return { ok: false as const, reason: 'conflict', message: '该审核流程已停用，不能修改。' };
    await repo.updateChain(tx, id, v.value);
    await writeAudit(tx, auditActor(caller.user, caller.ip), {
      action: 'review_chain.update', entityType: 'review_chain', entityId: id,
      summary: { before: { name: before.name, steps: before.steps }, after: { name: v.value.name, steps: v.value.steps } },
    });
    return { ok: true as const, id };
  });
}

/** Deactivates a chain (subjects then fall back to the next applicable one). The default for all units stays: edit it instead. */
export async function deactivateChain(db: Db, caller: Caller, id: number): Promise<{ ok: true } | Failure> {
  const current = await repo.findChain(db, id);
  if (!current) return NOT_FOUND;
  if (!(await mayConfigure(db, caller.user, current.orgId))) return FORBIDDEN;
  if (current.orgId === null && current.recordKind === null) {
    return { ok: false, reason: 'conflict', message: '全部单位默认流程不能停用，如需调整请直接编辑其步骤。' };
  }
  return withTx(db, async (tx) => {
    const before = await repo.lockChain(tx, id);
    if (!before) return NOT_FOUND;
    if (!before.active) return { ok: true as const };
    await repo.setChainActive(tx, id, false);
    await writeAudit(tx, auditActor(caller.user, caller.ip), {
      action: 'review_chain.deactivate', entityType: 'review_chain', entityId: id,
      summary: { name: before.name, before: { active: true }, after: { active: false } },
    });
    return { ok: true as const };
  });
}
