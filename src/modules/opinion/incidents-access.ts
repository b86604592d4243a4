// Who sees which incidents: a monitor granted over the whole county (the top of the tree) sees
// every one; anyone else those their organisations lead or co-handle, and monitors and assigners
// also the ones no organisation leads yet (candidates waiting for 研判).
import type { Executor } from '../../platform/db/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { rootOrgIds, type IncidentRow, type ListScope } from './incidents.repo.ts';

export async function listScopeOf(db: Executor, user: Principal): Promise<ListScope> {
  const roots = await rootOrgIds(db);
  const all = roots.some((id) => can(user, 'opinion.monitor', { orgId: id }));
  return {
    all,
    orgIds: [...scopeOf(user, 'opinion.read')],
    unassigned: scopeOf(user, 'opinion.monitor').size > 0 || scopeOf(user, 'opinion.assign').size > 0,
  };
}

export function maySee(scope: ListScope, i: Pick<IncidentRow, 'leadOrgId' | 'coOrgIds'>): boolean {
  if (scope.all) return true;
  if (i.leadOrgId === null) return scope.unassigned;
  return scope.orgIds.includes(i.leadOrgId) || i.coOrgIds.some((x) => scope.orgIds.includes(Number(x)));
}

/**
 * Whose accountability findings the user lists, decides and withdraws: every one with
 * opinion.accountability over the top of the tree, else those of the organisations it covers.
 */
export async function findingScopeOf(db: Executor, user: Principal): Promise<{ all: boolean; orgIds: number[] }> {
  const all = (await rootOrgIds(db)).some((id) => can(user, 'opinion.accountability', { orgId: id }));
  return { all, orgIds: [...scopeOf(user, 'opinion.accountability')] };
}
