// The fee was paid: the clock resumes.
import type { AppContext } from '../../../app-context.ts';
import { feeFor, pauseDeadlineFor, WORKFLOW } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import { eventsOf } from '../events.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, rulesOf, type Caller } from './shared.ts';

export type FeePaidResult = Awaited<ReturnType<typeof feePaid>>;

export async function feePaid(ctx: AppContext, caller: Caller, caseId: number, input: { version?: number; note?: string }) {
  return onCase(ctx, caller, caseId, 'recordFeePaid', input.version, async (tx, c, today) => {
    const ev = eventsOf(await repo.listEvents(tx, c.id), 'fee_notice').find((e) => !e.data.to);
    if (!ev) return fail('state', '没有找到未结清的收费通知。');
    await repo.mergeEventData(tx, ev, { to: today, paid: true });
    await repo.insertEvent(tx, { caseId: c.id, type: 'fee_paid', occurredOn: today, data: { noticeId: ev.id, yuan: ev.data.yuan }, note: clean(input.note, 500) || null, publicNote: '已缴纳信息处理费，恢复计算答复期限', actorId: caller.user.id, actorName: caller.user.displayName });
    await repo.updateCase(tx, c.id, { status: WORKFLOW.recordFeePaid.next! });
    await recomputeCase(tx, ctx, c.id, '缴纳信息处理费，恢复计时');
    await audit(tx, auditActor(caller), 'request.fee.paid', c, { eventId: ev.id });
    return { ok: true as const };
  });
}
