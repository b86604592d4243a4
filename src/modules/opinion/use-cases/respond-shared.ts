// What the answering use cases share: one transaction per change with the incident row locked,
// who may answer an incident, and the refusals' Chinese messages.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { can, type Action, type Principal } from '../../auth/policy.ts';
import type { Caller } from '../../auth/caller.ts';
import { lockIncident, type IncidentRow } from '../responses.repo.ts';

export type Refusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid' | 'stale' | 'not_eligible' | 'same_actor' | string;

export const NOT_FOUND = '该舆情事件不存在或已被删除。';

/**
 * The organisation an incident is answered for: its lead unit (谁主管谁负责). Before a lead unit is
 * named only the monitors and the disclosure office (opinion.assign) answer, for their own office.
 */
export function answeringOrg(user: Principal, inc: Pick<IncidentRow, 'leadOrgId'>): number {
  return inc.leadOrgId ?? user.orgId;
}

/** May the user do `action` on this incident: over its lead unit, or (no lead unit yet) with opinion.assign. */
export function mayOnIncident(user: Principal, action: Action, inc: Pick<IncidentRow, 'leadOrgId'>): boolean {
  if (inc.leadOrgId == null) return can(user, action) && can(user, 'opinion.assign');
  return can(user, action, { orgId: inc.leadOrgId });
}

/** Runs `fn` in one transaction with the incident locked, after the permission check. */
export async function onIncident<T>(
  ctx: AppContext, caller: Caller, id: number, action: Action,
  fn: (tx: Tx, inc: IncidentRow, now: Date) => Promise<Result<T, Refusal>>,
): Promise<Result<T, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const inc = await lockIncident(tx, id);
    if (!inc) return fail('not_found', NOT_FOUND);
    if (!mayOnIncident(caller.user, action, inc)) return fail('forbidden', '您没有办理该舆情事件的权限。');
    return fn(tx, inc, ctx.now());
  });
}

export { eventActor } from '../events.ts';
