// 指定承办人: the case's handler, who must have request.handle on its organisation.
import type { AppContext } from '../../../app-context.ts';
import { can } from '../../auth/policy.ts';
import { findUserById, toPrincipal } from '../../auth/repo.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, invalid, onCase, type Caller } from './shared.ts';

export type AssignHandlerResult = Awaited<ReturnType<typeof assignHandler>>;

export async function assignHandler(ctx: AppContext, caller: Caller, caseId: number, input: { handlerId: number; version?: number; note?: string }) {
  return onCase(ctx, caller, caseId, 'assign', input.version, async (tx, c, today) => {
    const u = await findUserById(tx, input.handlerId);
    if (!u || !u.active) return invalid({ handlerId: '请选择承办人' });
    const p = await toPrincipal(tx, u, 'session');
    if (!can(p, 'request.handle', { orgId: c.orgId })) return invalid({ handlerId: `${u.displayName}没有办理${c.orgName}依申请公开事项的权限，请选择其他承办人` });
    if (c.handlerId === u.id) return invalid({ handlerId: `${u.displayName}已是该申请的承办人` });
    await repo.updateCase(tx, c.id, { handlerId: u.id });
    await repo.insertEvent(tx, { caseId: c.id, type: 'assigned', occurredOn: today, data: { handlerId: u.id, handlerName: u.displayName, fromId: c.handlerId }, note: clean(input.note, 500) || null, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.assign', c, { before: c.handlerId, after: u.id });
    return { ok: true as const };
  });
}
