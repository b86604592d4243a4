// A reviewer's conclusion on a response (通过 / 退回修改) through the review engine; the last pass
// approves it (respond.ts approveResponse), a return sends it back to the drafter, editable.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import * as review from '../../review/use-cases.ts';
import { recordEvent } from '../events.ts';
import * as repo from '../responses.repo.ts';
import { approveResponse } from './respond.ts';
import { NOT_FOUND, eventActor, type Refusal } from './respond-shared.ts';

export type ReviewInput = { conclusion: 'pass' | 'return'; opinion?: string; step?: number };

export async function reviewResponse(ctx: AppContext, caller: Caller, incidentId: number, responseId: number, input: ReviewInput): Promise<Result<{ status: string }, Refusal>> {
  return withTx(ctx.db, async (tx) => {
    const inc = await repo.lockIncident(tx, incidentId);
    if (!inc) return fail('not_found', NOT_FOUND);
    const r = await repo.lockResponse(tx, responseId);
    if (!r || r.incidentId !== inc.id) return fail('not_found', '该回应不存在。');
    if (r.status !== 'in_review' || !r.reviewInstanceId) return fail('stale', '该回应不在审核中，可能已由他人处理，请刷新页面。');
    const now = ctx.now();
    const a = await review.act(tx, r.reviewInstanceId, caller.user, input.conclusion, input.opinion ?? null, { ip: caller.ip, expectedStep: input.step, now });
    if (!a.ok) return fail(a.reason, a.message, a.fields);
    const ev = eventActor(caller);
    if (a.instance.status === 'approved') {
      await approveResponse(tx, ctx, inc, r, auditActor(caller), ev, now);
    } else if (a.instance.status === 'returned' || a.instance.status === 'refused') {
      await repo.updateResponse(tx, r.id, { status: 'returned' });
      await recordEvent(tx, inc.id, 'response_returned', { responseId: r.id, step: a.step.name, opinion: a.action.opinion }, ev, now);
      await writeAudit(tx, auditActor(caller), { action: 'opinion.response.return', entityType: 'opinion_incident', entityId: inc.id, summary: { responseId: r.id, step: a.step.key } });
    } else {
      await writeAudit(tx, auditActor(caller), { action: 'opinion.response.pass', entityType: 'opinion_incident', entityId: inc.id, summary: { responseId: r.id, step: a.step.key } });
    }
    return { ok: true as const, status: a.instance.status === 'in_progress' ? 'in_review' : a.instance.status === 'approved' ? 'approved' : 'returned' };
  });
}
