// 转办: to another organisation of the same government.
import type { AppContext } from '../../../app-context.ts';
import { listAcceptingOrgs } from '../intake.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, invalid, onCase, type Caller } from './shared.ts';

export type TransferCaseResult = Awaited<ReturnType<typeof transferCase>>;

/**
 * Transfer to another organisation of the same government (internal re-assignment, not the
 * 第三十六条第（五）项 answer): the case keeps its number and clock; the new organisation's staff
 * take over (handler cleared). Who may transfer: request.assign on the current organisation.
 */
export async function transferCase(ctx: AppContext, caller: Caller, caseId: number, input: { orgId: number; reason: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'transfer', input.version, async (tx, c, today) => {
    const reason = clean(input.reason, 1000);
    const errors: Record<string, string> = {};
    // Only organisations that receive applications (the government, departments, towns, zones).
    const target = (await listAcceptingOrgs(tx)).find((o) => o.id === input.orgId);
    if (!target) errors.orgId = '请选择转办到的单位';
    else if (target.id === c.orgId) errors.orgId = '该申请已由此单位办理，请选择其他单位';
    if (!reason) errors.reason = '请填写转办理由（例如：申请的信息由该单位制作或保存）';
    if (Object.keys(errors).length) return invalid(errors);
    await repo.updateCase(tx, c.id, { orgId: target!.id, handlerId: null });
    await repo.insertEvent(tx, { caseId: c.id, type: 'transferred', occurredOn: today, data: { fromOrgId: c.orgId, fromOrgName: c.orgName, toOrgId: target!.id, toOrgName: target!.name, reason }, publicNote: `转由${target!.name}办理`, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.transfer', c, { from: c.orgId, to: target!.id, reason });
    return { ok: true as const };
  });
}
