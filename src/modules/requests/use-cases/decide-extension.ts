// Extension decided by the head of the disclosure office.
import type { AppContext } from '../../../app-context.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import { eventsOf } from '../events.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, type Caller } from './shared.ts';

export type DecideExtensionResult = Awaited<ReturnType<typeof decideExtension>>;

export async function decideExtension(ctx: AppContext, caller: Caller, caseId: number, input: { eventId: number; approve: boolean; opinion?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'decideExtension', input.version, async (tx, c, today) => {
    const ev = eventsOf(await repo.listEvents(tx, c.id), 'extension_requested').find((e) => e.id === input.eventId);
    if (!ev || ev.data.decision) return fail('state', '该延期申请已审批或不存在，请刷新页面。');
    const days = ev.data.days;
    const opinion = clean(input.opinion, 1000);
    if (!input.approve && !opinion) return invalid({ opinion: '不同意延期时请填写意见' });
    if (input.approve) {
      const blocked = await clockAllows(tx, ctx, c.id, { type: '延期', days, on: today });
      if (blocked) return blocked;
    }
    await repo.mergeEventData(tx, ev, { decision: input.approve ? 'approved' : 'rejected', decidedBy: caller.user.displayName, opinion });
    await repo.updateCase(tx, c.id, {});
    if (input.approve) {
      const approvedId = await repo.insertEvent(tx, { caseId: c.id, type: 'extension_approved', occurredOn: today, data: { days, requestId: ev.id, reason: ev.data.reason, opinion }, publicNote: `答复期限延长 ${days} 个工作日`, actorId: caller.user.id, actorName: caller.user.displayName });
      await recomputeCase(tx, ctx, c.id, `经政务公开工作机构负责人同意，延长答复期限 ${days} 个工作日`);
      const fresh = (await repo.findCase(tx, c.id))!;
      await repo.mergeEventData(tx, { id: approvedId, type: 'extension_approved' }, { newDue: fresh.statutoryDueOn });
      const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'extension_notice', actor: auditActor(caller), visibleToApplicant: true });
      await audit(tx, auditActor(caller), 'request.extension.approve', c, { days, eventId: ev.id, documentId: doc.documentId });
    } else {
      await repo.insertEvent(tx, { caseId: c.id, type: 'extension_rejected', occurredOn: today, data: { days, requestId: ev.id, opinion }, actorId: caller.user.id, actorName: caller.user.displayName });
      await audit(tx, auditActor(caller), 'request.extension.reject', c, { days, eventId: ev.id });
    }
    return { ok: true as const };
  });
}
