// Moderating a public submission (通过 / 不予展示 with a reason) and answering an interview question.
// One transaction each, the submission and its subject locked, audited; the public pages change.
import type { AppContext } from '../../../app-context.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { can, type Action } from '../../auth/policy.ts';
import { INTERVIEW_LIMITS, DRAFT_LIMITS } from '../domain.ts';
import * as repo from '../submissions.repo.ts';
import type { SubjectKind } from '../submissions.ts';
import type { SubmissionRow } from '../submissions.repo.ts';
import { lockSubject, type LockedSubject } from './subjects.ts';

export type ModerateRefusal = 'not_found' | 'forbidden' | 'conflict' | 'invalid';
export type Decision = 'approve' | 'reject';

const NOT_FOUND = '该条留言不存在或已被删除。';

async function onSubmission<T>(ctx: AppContext, caller: Caller, id: number, action: Action,
  fn: (tx: Tx, s: SubmissionRow, subject: LockedSubject, now: Date) => Promise<Result<T, ModerateRefusal>>): Promise<Result<T, ModerateRefusal>> {
  const r = await withTx(ctx.db, async (tx) => {
    const s = await repo.lockSubmission(tx, id);
    if (!s) return fail('not_found', NOT_FOUND);
    const now = ctx.now();
    const subject = await lockSubject(tx, s.subjectKind as SubjectKind, s.subjectId, now);
    if (!subject) return fail('not_found', NOT_FOUND);
    if (!can(caller.user, action, { orgId: subject.orgId })) return fail('forbidden', '您没有处理该单位互动留言的权限。');
    return fn(tx, s, subject, now);
  });
  if (r.ok) publicPagesChanged();
  return r;
}

export async function moderateSubmission(ctx: AppContext, caller: Caller, id: number, decision: Decision, reason: string): Promise<Result<{ kind: SubjectKind; subjectId: number }, ModerateRefusal>> {
  return onSubmission(ctx, caller, id, 'interaction.moderate', async (tx, s, _subject, now) => {
    const why = reason.trim();
    if (decision === 'reject' && !why) return invalid({ reason: '请填写不予展示的理由' });
    if (Array.from(why).length > DRAFT_LIMITS.reason) return invalid({ reason: `理由最多 ${DRAFT_LIMITS.reason} 个字` });
    const status = decision === 'approve' ? 'approved' : 'rejected';
    if (s.status === status) return fail('conflict', decision === 'approve' ? '该条留言已经公开。' : '该条留言已经不予展示。');
    if (s.answer && decision === 'reject') return fail('conflict', '该问题已经答复，不能再改为不予展示。');
    await repo.updateSubmission(tx, s.id, { status, rejectReason: decision === 'reject' ? why : null, moderatedBy: caller.user.id, moderatedAt: now });
    await writeAudit(tx, auditActor(caller), {
      action: `interaction.submission.${decision}`, entityType: 'interaction_submission', entityId: s.id,
      summary: { kind: s.subjectKind, subjectId: s.subjectId, fromStatus: s.status, ...(decision === 'reject' ? { reason: why } : {}) },
    });
    return { ok: true as const, kind: s.subjectKind as SubjectKind, subjectId: s.subjectId };
  });
}

export async function answerQuestion(ctx: AppContext, caller: Caller, id: number, answer: string): Promise<Result<{ subjectId: number }, ModerateRefusal>> {
  return onSubmission(ctx, caller, id, 'interaction.manage', async (tx, s, _subject, now) => {
    if (s.subjectKind !== 'interview') return fail('conflict', '只有在线访谈的问题需要答复。');
    if (s.status !== 'approved') return fail('conflict', '请先审核通过该问题，再填写答复。');
    const text = answer.trim();
    if (!text) return invalid({ answer: '请填写答复内容' });
    if (Array.from(text).length > INTERVIEW_LIMITS.answer) return invalid({ answer: `答复最多 ${INTERVIEW_LIMITS.answer} 个字` });
    await repo.updateSubmission(tx, s.id, { answer: text, answeredBy: caller.user.id, answeredAt: now });
    await writeAudit(tx, auditActor(caller), {
      action: 'interaction.question.answer', entityType: 'interaction_submission', entityId: s.id,
      summary: { subjectId: s.subjectId, changed: s.answer ? 'answer' : undefined },
    });
    return { ok: true as const, subjectId: s.subjectId };
  });
}
