// The handler submits the draft reply to the review chain (承办人拟办 is step 0).
import type { AppContext } from '../../../app-context.ts';
import type { Tx } from '../../../platform/db/index.ts';
import type { Actor } from '../../../platform/audit/index.ts';
import * as review from '../../review/use-cases.ts';
import { isConclusion } from '../../review/domain.ts';
import { ANSWER_KINDS, CORRECTION_OUTCOMES, OUTCOMES, isAnswerKind, isOutcome, outcomeLabel } from '../model.ts';
import { DEFAULT_RULE_SET, RULE_SETS, isRuleSetId, provideDueDate, WORKFLOW, type RuleSetId } from '../domain.ts';
import { recomputeCase } from '../clock.ts';
import { generateDocument } from '../documents.ts';
import * as repo from '../repo.ts';
import { draftOf, type ReplyDraft } from './reply-draft.ts';
import { audit, auditActor, clean, fail, invalid, onCase, SUBJECT, type Caller } from './shared.ts';
import { finalizeReply } from './finalize-reply.ts';

export type SubmitReplyResult = Awaited<ReturnType<typeof submitReply>>;

/** Anything pending that must be settled before a reply may go to review. */
async function pendingBeforeReply(tx: Tx, c: repo.CaseRow): Promise<string | null> {
  const events = await repo.listEvents(tx, c.id);
  if (events.some((e) => e.type === 'extension_requested' && !e.data.decision)) return '延期申请尚未审批，请等待政务公开办负责人审批后再提交答复。';
  if (events.some((e) => (e.type === 'pause_start' || e.type === 'fee_notice') && !e.data.to)) return '仍有未结束的征求意见或收费通知，请先办结后再提交答复。';
  return null;
}

/** Submits the draft to the review chain (承办人拟办 is step 0, performed by the handler). */
export async function submitReply(ctx: AppContext, caller: Caller, caseId: number, input: { version?: number; opinion?: string }) {
  return onCase(ctx, caller, caseId, 'submitReply', input.version, async (tx, c, today) => {
    const d = draftOf(c);
    if (!d) return fail('no_draft', '请先拟写并保存答复，再提交审核。');
    const pending = await pendingBeforeReply(tx, c);
    if (pending) return fail('pending', pending);
    const started = await review.startReview(tx, { subjectType: SUBJECT, subjectId: c.id, subjectOrgId: c.orgId, recordKind: c.kind }, caller.user, { ip: caller.ip, opinion: clean(input.opinion, 2000) || null, now: ctx.now() });
    if (!started.ok) return fail(started.reason, started.message);
    await repo.updateCase(tx, c.id, { status: WORKFLOW.submitReply.next!, replyReviewInstanceId: started.instance.id });
    await repo.insertEvent(tx, { caseId: c.id, type: 'reply_submitted', occurredOn: today, data: { instanceId: started.instance.id, outcome: d.outcome, answerKind: d.answerKind }, actorId: caller.user.id, actorName: caller.user.displayName });
    await audit(tx, auditActor(caller), 'request.reply.submit', c, { instanceId: started.instance.id, outcome: d.outcome });
    if (started.finished) await finalizeReply(tx, ctx, c, d, today, auditActor(caller));
    return { ok: true as const, instanceId: started.instance.id };
  });
}
