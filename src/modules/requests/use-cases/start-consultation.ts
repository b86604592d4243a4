// Consultation (第三十二条 third party, 第三十四条 other agencies) starts: the clock pauses.
import type { AppContext } from '../../../app-context.ts';
import { pauseDeadlineFor, WORKFLOW } from '../domain.ts';
import { eventsOf } from '../events.ts';
import { PAUSE_REASONS } from '../model.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, fail, invalid, onCase, rulesOf, type Caller } from './shared.ts';

export type StartConsultationResult = Awaited<ReturnType<typeof startConsultation>>;

export async function startConsultation(ctx: AppContext, caller: Caller, caseId: number, input: { reason: string; party: string; content?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'startConsultation', input.version, async (tx, c, today) => {
    const reason = input.reason === 'third_party' || input.reason === 'inter_agency' ? input.reason : null;
    const party = clean(input.party, 200);
    const errors: Record<string, string> = {};
    if (!reason) errors.reason = '请选择征求意见的对象类型';
    if (!party) errors.party = reason === 'inter_agency' ? '请填写被征求意见的行政机关名称' : '请填写第三方的名称或姓名';
    if (Object.keys(errors).length) return invalid(errors);
    const content = clean(input.content);
    const blocked = await clockAllows(tx, ctx, c.id, { type: '暂停', reason: reason!, from: today });
    if (blocked) return blocked;
    const cal = await ctx.calendar.get();
    const replyBy = pauseDeadlineFor(cal, rulesOf(c), reason!, today);
    await repo.updateCase(tx, c.id, { status: WORKFLOW.startConsultation.next! });
    const eventId = await repo.insertEvent(tx, { caseId: c.id, type: 'pause_start', occurredOn: today, data: { reason: reason!, party, content, deadline: replyBy, to: null }, publicNote: `${PAUSE_REASONS[reason!].label}，所需时间不计算在答复期限内`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, PAUSE_REASONS[reason!].label);
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: reason === 'third_party' ? 'third_party_letter' : 'inter_agency_letter', vars: content ? { 说明: content } : {}, actor: auditActor(caller), visibleToApplicant: false });
    await audit(tx, auditActor(caller), 'request.consult.start', c, { reason, eventId, documentId: doc.documentId });
    return { ok: true as const, eventId };
  });
}
