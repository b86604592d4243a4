// A reviewer's conclusion on the reply: pass to the next step, sign (last step), or return.
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

export type ActOnReplyResult = Awaited<ReturnType<typeof actOnReply>>;

/** A reviewer's conclusion on the reply (request.review): pass to the next step, sign (last step), or return with an opinion. */
export async function actOnReply(ctx: AppContext, caller: Caller, caseId: number, input: { conclusion: string; opinion?: string; expectedStep?: number; version?: number }) {
  return onCase(ctx, caller, caseId, 'actOnReply', input.version, async (tx, c, today) => {
    if (!c.replyReviewInstanceId) return fail('state', '该申请没有待审核的答复。');
    const conclusion = input.conclusion === 'refuse' ? 'return' : input.conclusion;
    if (!isConclusion(conclusion)) return invalid({ conclusion: '请选择审核结论' });
    const d = draftOf(c);
    if (!d) return fail('no_draft', '没有找到答复稿。');
    const r = await review.act(tx, c.replyReviewInstanceId, caller.user, conclusion, input.opinion ?? null, { ip: caller.ip, expectedStep: input.expectedStep, now: ctx.now() });
    if (!r.ok) return fail(r.reason, r.message, r.fields);
    const opinion = r.action.opinion;
    if (r.instance.status === 'approved') {
      await finalizeReply(tx, ctx, c, d, today, auditActor(caller));
    } else if (r.instance.status === 'returned' || r.instance.status === 'refused') {
      await repo.updateCase(tx, c.id, { status: 'handling' });
      await repo.insertEvent(tx, { caseId: c.id, type: 'reply_returned', occurredOn: today, data: { instanceId: r.instance.id, step: r.step.name, opinion }, note: opinion, actorId: caller.user.id, actorName: caller.user.displayName });
      await audit(tx, auditActor(caller), 'request.reply.return', c, { instanceId: r.instance.id, step: r.step.key });
    } else {
      await repo.updateCase(tx, c.id, {});
      await audit(tx, auditActor(caller), 'request.reply.pass', c, { instanceId: r.instance.id, step: r.step.key });
    }
    return { ok: true as const, status: r.instance.status };
  });
}
