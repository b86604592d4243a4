// What every 研判 and assignment step shares: which statuses allow which step, and `onIncident`,
// which locks the incident, checks the caller's permission on it, the form's version (optimistic
// locking) and the status, then runs the change with its event and audit row in one transaction.
// A refusal writes nothing.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../../platform/audit/index.ts';
import { fail, type Fail, type Ok } from '../../../platform/errors.ts';
import { can, type Action, type Principal } from '../../auth/policy.ts';
import { INCIDENT_STATUSES, labelOf, type IncidentStatus } from '../model.ts';
import { lockIncidents, type IncidentRow } from '../incidents.repo.ts';

export const STALE_MESSAGE = '该事件已被他人修改，请刷新后重试';
export const NOT_FOUND = '该舆情事件不存在或已被删除。';

export type Step = 'confirm' | 'regrade' | 'dismiss' | 'merge' | 'split' | 'escalate' | 'assign' | 'link';

/** Status × step: where each step is allowed, and the policy action it needs. */
export const STEPS: Record<Step, { statuses: readonly IncidentStatus[]; action: Action; label: string }> = {
  confirm: { statuses: ['candidate'], action: 'opinion.monitor', label: '研判确认' },
  regrade: { statuses: ['confirmed', 'responding'], action: 'opinion.monitor', label: '调整等级或分类' },
  dismiss: { statuses: ['candidate', 'confirmed'], action: 'opinion.monitor', label: '排除' },
  merge: { statuses: ['candidate', 'confirmed', 'responding'], action: 'opinion.monitor', label: '合并' },
  split: { statuses: ['candidate', 'confirmed', 'responding'], action: 'opinion.monitor', label: '拆分' },
  escalate: { statuses: ['candidate', 'confirmed', 'responding'], action: 'opinion.monitor', label: '升级上报' },
  assign: { statuses: ['candidate', 'confirmed', 'responding'], action: 'opinion.assign', label: '指定牵头单位' },
  link: { statuses: ['candidate', 'confirmed', 'responding'], action: 'opinion.monitor', label: '关联政策文件' },
};

export const stepAllowed = (step: Step, status: string): boolean => (STEPS[step].statuses as readonly string[]).includes(status);

/** The caller may take the step on this incident: over its lead organisation, or anywhere while none leads it. */
export function mayTake(user: Principal, step: Step, i: Pick<IncidentRow, 'leadOrgId'>): boolean {
  return can(user, STEPS[step].action, i.leadOrgId == null ? undefined : { orgId: i.leadOrgId });
}

/** Who acts (auth/caller.ts: one definition for every module); the audit actor is auditActor(caller). */
import type { Caller } from '../../auth/caller.ts';
export type { Caller };

/** Thrown inside the transaction to roll back and return the failure. */
class Refusal extends Error { constructor(readonly failure: Fail) { super(failure.message); } }
export const refuse = (f: Fail): never => { throw new Refusal(f); };

export async function onIncident<T extends object>(
  ctx: AppContext, caller: Caller, id: number, step: Step, version: number | undefined,
  fn: (tx: Tx, i: IncidentRow, now: Date) => Promise<Ok<T> | Fail>,
  opts: { alsoLock?: number[] } = {},
): Promise<Ok<T> | Fail> {
  try {
    return await withTx(ctx.db, async (tx) => {
      const locked = await lockIncidents(tx, [id, ...(opts.alsoLock ?? [])]);
      const i = locked.get(id);
      if (!i) return fail('not_found', NOT_FOUND);
      if (!mayTake(caller.user, step, i)) return fail('forbidden', `您没有对该舆情事件进行“${STEPS[step].label}”的权限。`);
      if (version !== undefined && version !== i.version) return fail('stale', STALE_MESSAGE);
      if (!stepAllowed(step, i.status)) return fail('conflict', `该事件当前状态为“${labelOf(INCIDENT_STATUSES, i.status)}”，不能${STEPS[step].label}。`);
      const r = await fn(tx, i, ctx.now());
      if (!r.ok) throw new Refusal(r);
      return r;
    });
  } catch (e) {
    if (e instanceof Refusal) return e.failure;
    throw e;
  }
}

export async function auditIncident(tx: Tx, actor: Actor, action: string, i: Pick<IncidentRow, 'id' | 'no'>, summary: Record<string, unknown> = {}): Promise<void> {
  await writeAudit(tx, actor, { action, entityType: 'opinion_incident', entityId: i.id, summary: { no: i.no, ...summary } });
}
