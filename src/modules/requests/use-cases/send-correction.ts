// 补正 (第三十条): one notice per case, within the rule set's days of receipt — both are the clock's
// rules (clock-rules.ts), asked through clockAllows, so the 补正-once rule lives in one place.
import type { AppContext } from '../../../app-context.ts';
import { addWorkingDays, isValidIsoDate } from '../../../calendar/index.ts';
import { RULE_SETS, WORKFLOW } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { audit, auditActor, clean, clockAllows, invalid, onCase, rulesOf, type Caller } from './shared.ts';

export type SendCorrectionResult = Awaited<ReturnType<typeof sendCorrection>>;

export async function sendCorrection(ctx: AppContext, caller: Caller, caseId: number, input: { content: string; deadline?: string; version?: number }) {
  return onCase(ctx, caller, caseId, 'sendCorrection', input.version, async (tx, c, today) => {
    const content = clean(input.content);
    if (!content) return invalid({ content: '请写明需要申请人补正的事项（例如：所需信息的名称、文号或便于查询的特征）' });
    const cal = await ctx.calendar.get();
    let deadline = addWorkingDays(cal, today, RULE_SETS[rulesOf(c)].supplementDays);
    if (input.deadline) {
      if (!isValidIsoDate(input.deadline)) return invalid({ deadline: '补正期限请填写日期，格式为 2026-10-08' });
      if (input.deadline <= today) return invalid({ deadline: '补正期限应晚于今天' });
      deadline = input.deadline;
    }
    const blocked = await clockAllows(tx, ctx, c.id, { type: '补正', sent: today, deadline });
    if (blocked) return blocked;
    await repo.updateCase(tx, c.id, { status: WORKFLOW.sendCorrection.next! });
    await repo.insertEvent(tx, { caseId: c.id, type: 'correction_sent', occurredOn: today, data: { content, deadline }, publicNote: `请于 ${deadline} 前补正：${content}`, actorId: caller.user.id, actorName: caller.user.displayName });
    await recomputeCase(tx, ctx, c.id, '发出补正告知');
    const doc = await generateDocument(tx, ctx, { caseId: c.id, kind: 'correction_notice', actor: auditActor(caller), visibleToApplicant: true });
    await audit(tx, auditActor(caller), 'request.correction.send', c, { deadline, documentId: doc.documentId });
    return { ok: true as const, deadline };
  });
}
