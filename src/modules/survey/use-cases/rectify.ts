// 整改 (seed 002 附件7 第六条): staff who manage a survey turn a problem raised in it (a free-text
// answer or a low-rated aspect) into an item for an organisation with a due date; the organisation
// (survey.rectify) closes it with its rectification (整改措施) or, when it cannot rectify, with an
// explanation (情况说明) to the leading group. One transaction each, audited. A new item is mailed to
// the organisation's users who may close it (survey.rectify), through the mail.send job on the same
// transaction: the mail exists if and only if the item does.
import type { AppContext } from '../../../app-context.ts';
import { withTx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, invalid, type Result } from '../../../platform/errors.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { ACTIONS, can } from '../../auth/policy.ts';
import { absoluteUrl } from '../../../platform/config.ts';
import { isMailConfigured, sendMailLater } from '../../../platform/mail/job.ts';
import { findOrg } from '../../org/repo.ts';
import { checkRectification } from '../domain.ts';
import { RECT_HREF, type CloseKind } from '../model.ts';
import * as repo from '../repo.ts';

export interface NewRectification {
  surveyId: number;
  orgId: number;
  problem: string;
  dueOn: string;
  questionId: number | null;
  responseId: number | null;
}

/** The notice of a new item to its organisation (plain text). */
export function rectificationMail(m: { id: number; orgName: string; surveyTitle: string; problem: string; dueOn: string; url: string }): string {
  return [
    `${m.orgName}：`,
    '',
    `社会评议“${m.surveyTitle}”中反映的以下问题已交由你单位整改（整改事项 ZG-${m.id}）：`,
    '',
    m.problem,
    '',
    `整改期限：${m.dueOn}`,
    '需要整改的，请在期限内整改并填写整改措施；不具备整改条件的，请向政府信息公开领导小组作出情况说明。',
    '',
    `请登录管理平台办理：${m.url}`,
  ].join('\n');
}

export async function createRectification(ctx: AppContext, c: Caller, f: NewRectification): Promise<Result<{ id: number }>> {
  const errors = checkRectification(f.dueOn, beijingToday(ctx.now()));
  if (Object.keys(errors).length) return invalid(errors);
  return withTx(ctx.db, async (tx) => {
    const s = await repo.lockSurvey(tx, f.surveyId);
    if (!s) return fail('not_found', '评议不存在。');
    if (!can(c.user, 'survey.manage', { orgId: s.orgId })) return fail('forbidden', '您没有管理该评议的权限。');
    const org = await findOrg(tx, f.orgId);
    if (!org || !org.active) return invalid({ orgId: '请选择负责整改的单位' });
    const questions = await repo.listQuestions(tx, s.id);
    const questionId = f.questionId && questions.some((q) => q.id === f.questionId) ? f.questionId : null;
    const responseId = f.responseId && (await repo.findResponse(tx, s.id, f.responseId)) ? f.responseId : null;
    const id = await repo.insertRectification(tx, { surveyId: s.id, orgId: f.orgId, problem: f.problem, dueOn: f.dueOn, questionId, responseId, createdBy: c.user.id });
    const people = isMailConfigured(ctx.config) ? await repo.orgUsersWithRoles(tx, f.orgId, ACTIONS['survey.rectify']) : [];
    if (people.length) {
      await sendMailLater(tx, {
        to: people.map((p) => p.email),
        subject: `【社会评议整改】ZG-${id} 请于${f.dueOn}前办结`,
        text: rectificationMail({ id, orgName: org.name, surveyTitle: s.title, problem: f.problem, dueOn: f.dueOn, url: absoluteUrl(ctx.config, `${RECT_HREF}/${id}`) }),
      }, { key: `survey.rectification/${id}` });
    }
    await writeAudit(tx, auditActor(c), { action: 'survey.rectification.create', entityType: 'survey_rectification', entityId: id, summary: { surveyId: s.id, rectifyOrg: org.name, dueOn: f.dueOn, recipients: people.length } });
    return { ok: true as const, id };
  });
}

export async function closeRectification(ctx: AppContext, c: Caller, id: number, kind: CloseKind, text: string, version: number): Promise<Result<object>> {
  return withTx(ctx.db, async (tx) => {
    const r = await repo.lockRectification(tx, id);
    if (!r) return fail('not_found', '整改事项不存在。');
    if (!can(c.user, 'survey.rectify', { orgId: r.orgId })) return fail('forbidden', '只有负责整改的单位可以办结该事项。');
    if (r.status !== 'open') return fail('conflict', '该整改事项已经办结。');
    if (r.version !== version) return fail('conflict', '该整改事项已被他人修改，请刷新后重试。');
    const now = ctx.now();
    await repo.updateRectification(tx, id, { status: kind, closeText: text, closedAt: now, closedBy: c.user.id });
    const late = r.dueOn < beijingToday(now);
    await writeAudit(tx, auditActor(c), { action: kind === 'rectified' ? 'survey.rectification.rectify' : 'survey.rectification.explain', entityType: 'survey_rectification', entityId: id, summary: { dueOn: r.dueOn, closedLate: late } });
    return { ok: true as const };
  });
}
