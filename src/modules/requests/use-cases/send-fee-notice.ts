// Fee notice (第四十二条, 国办函〔2020〕109号): the clock pauses until payment.
import type { AppContext } from '../../../app-context.ts';
import { feeFor, pauseDeadlineFor, WORKFLOW } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, rulesOf, type Caller } from './shared.ts';

export type SendFeeNoticeResult = Awaited<ReturnType<typeof sendFeeNotice>>;

export async function sendFeeNotice(ctx: AppContext, caller: Caller, caseId: number, input: { method: string; count: number; priorThisMonth?: number; version?: number }) {
  return onCase(ctx, caller, caseId, 'sendFeeNotice', input.version, async (tx, c, today) => {
    const method = input.method === 'item' || input.method === 'page' ? input.method : null;
    const errors: Record<string, string> = {};
    if (!method) errors.method = '请选择计费方式（按件或按量）';
    if (!Number.isInteger(input.count) || input.count < 1 || input.count > 1_000_000) errors.count = '请填写件数或页数（正整数）';
    if (Object.keys(errors).length) return invalid(errors);
    const events = await repo.listEvents(tx, c.id);
    if (events.some((e) => e.type === 'fee_notice')) return fail('state', '该申请已发出过收费通知。');
    const fee = feeFor({ method: method!, count: input.count, priorThisMonth: input.priorThisMonth ?? 0 });
    if (fee.yuan <= 0) return invalid({ count: '按此数量不需要收取信息处理费（在免费额度内），无需发出收费通知' });
    const cal = await ctx.calendar.get();
    const deadline = pauseDeadlineFor(cal, rulesOf(c), 'fee', today);
    const explanation = `${method === 'item' ? '按件计收' : '按量计收'}：${input.count}${method === 'item' ? '件' : '页'}，${fee.bands.filter((x) => x.yuan > 0).map((x) => `第${x.from}${x.to ? `至第${x.to}` : '起'}${method === 'item' ? '件' : '页'}${x.yuan}元`).join('，')}，合计${fee.yuan}元`;
    const blocked = await clockAllows(tx, ctx, c.id, { type: '暂停', reason: 'fee', from: today });
    if (blocked) return blocked;
    await repo.updateCase(tx, c.id, { status: WORKFLOW.sendFeeNotice.next! });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'fee_notice', occurredOn: today, data: { reason: 'fee', method: method!, count: input.count, yuan: fee.yuan, deadline, explanation, to: null }, publicNote: `需缴纳信息处理费 ${fee.yuan} 元，请于 ${deadline} 前缴纳`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, '发出收费通知');
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'fee_notice', actor: auditActor(caller), visibleToApplicant: true });
    await audit(tx, auditActor(caller), 'request.fee.notice', c, { yuan: fee.yuan, deadline, eventId, documentId: doc.documentId });
    return { ok: true as const, yuan: fee.yuan, deadline };
  });
}
