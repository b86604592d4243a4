// A consultation ends (opinion received, or the period passed): the clock resumes.
import type { AppContext } from '../../../app-context.ts';
import { pauseDeadlineFor, WORKFLOW } from '../domain.ts';
import { eventsOf } from '../events.ts';
import { PAUSE_REASONS } from '../model.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, rulesOf, type Caller } from './shared.ts';

export type EndConsultationResult = Awaited<ReturnType<typeof endConsultation>>;

/** Ends one open consultation: opinion received, or the 15 working days passed (inter-agency silence = consent, 第三十四条). */
export async function endConsultation(ctx: AppContext, caller: Caller, caseId: number, input: { eventId: number; result: string; opinion?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'endConsultation', input.version, async (tx, c, today) => {
    // Fee notices are their own event type (fee_notice): every pause_start is a consultation.
    const consultations = eventsOf(await repo.listEvents(tx, c.id), 'pause_start');
    const ev = consultations.find((e) => e.id === input.eventId);
    if (!ev || ev.data.to) return fail('state', '该征求意见已结束或不存在，请刷新页面。');
    const result = input.result === 'opinion' || input.result === 'no_reply' ? input.result : null;
    if (!result) return invalid({ result: '请选择征求意见的结果' });
    const opinion = clean(input.opinion);
    if (result === 'opinion' && !opinion) return invalid({ opinion: '请摘要填写收到的意见' });
    const interAgency = ev.data.reason === 'inter_agency';
    const deadline = ev.data.deadline ?? '';
    if (result === 'no_reply' && deadline && today <= deadline) return invalid({ result: `征求意见期限（${deadline}）尚未届满，不能按逾期未答复处理；收到意见的，请选择“已收到意见”` });
    const summary = result === 'opinion' ? `收到意见：${opinion}` : interAgency ? '逾期未提出意见，视为同意公开（第三十四条）' : '第三方逾期未提出意见，由本机关依法决定（第三十二条）';
    await repo.mergeEventData(tx, ev, { to: today, result, opinion });
    await repo.insertEvent(tx, { caseId: c.id, type: 'pause_end', occurredOn: today, data: { startId: ev.id, reason: ev.data.reason, party: ev.data.party, result, opinion }, note: summary, publicNote: '征求意见结束，恢复计算答复期限', actorId: caller.user.id, actorName: caller.user.displayName });
    const stillOpen = consultations.some((e) => e.id !== ev.id && !e.data.to);
    if (!stillOpen) await repo.updateCase(tx, c.id, { status: 'handling' });
    else await repo.updateCase(tx, c.id, {});
    await recomputeCase(tx, ctx, c.id, '征求意见结束，恢复计时');
    await audit(tx, auditActor(caller), 'request.consult.end', c, { eventId: ev.id, result });
    return { ok: true as const };
  });
}
