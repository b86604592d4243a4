// Building a survey (survey.manage on its organisation): create (blank, 从模板新建 or 复制为新问卷), edit its details,
// add / edit / move / delete questions while it is a draft, publish, end. Each is one transaction
// through onSurvey: lock → permission → state → change → audit.
import type { AppContext } from '../../../app-context.ts';
import { withTx, type Tx } from '../../../platform/db/index.ts';
import { writeAudit } from '../../../platform/audit/index.ts';
import { fail, type Result } from '../../../platform/errors.ts';
import { publicPagesChanged } from '../../../platform/http/page-cache.ts';
import { auditActor, type Caller } from '../../auth/caller.ts';
import { can } from '../../auth/policy.ts';
import { LIMITS, TEMPLATE, type QuestionDraft } from '../model.ts';
import { beijingToday } from '../../../platform/time/index.ts';
import { copyPeriod, copyTitle } from '../domain.ts';
import * as repo from '../repo.ts';
import type { SurveyRow } from '../repo.ts';

export interface SurveyFields {
  title: string;
  intro: string;
  targetOrgId: number | null;
  startsOn: string;
  endsOn: string;
  resultsPublic: boolean;
  requirePhone: boolean;
  perAddressHourly: number;
}

const NOT_FOUND = '评议不存在。';
const FORBIDDEN = '您没有管理该单位社会评议的权限。';
const NOT_DRAFT = '评议已发布，题目不能再修改（已收到的答卷须与题目一致）。如需调整，请新建评议。';

const questionRow = (surveyId: number, position: number, q: QuestionDraft) => ({
  surveyId, position, kind: q.kind, title: q.title, hint: q.hint ?? null, required: q.required, options: q.options ?? [],
  minChoices: q.minChoices ?? null, maxChoices: q.maxChoices ?? null, maxLength: q.maxLength ?? null,
});

/** Creates a draft owned by the caller's organisation; `template` adds the 附件7 questions. */
export async function createSurvey(ctx: AppContext, c: Caller, f: SurveyFields, template: boolean): Promise<Result<{ id: number }>> {
  const orgId = c.user.orgId;
  if (!can(c.user, 'survey.manage', { orgId })) return fail('forbidden', FORBIDDEN);
  return withTx(ctx.db, async (tx) => {
    const s = await repo.insertSurvey(tx, { ...f, orgId, status: 'draft', createdBy: c.user.id });
    if (template) await repo.insertQuestions(tx, TEMPLATE.questions.map((q, i) => questionRow(s.id, i + 1, q)));
    await writeAudit(tx, auditActor(c), {
      action: template ? 'survey.create_from_template' : 'survey.create', entityType: 'survey', entityId: s.id,
      summary: { title: f.title, startsOn: f.startsOn, endsOn: f.endsOn, questions: template ? TEMPLATE.questions.length : 0 },
    });
    return { ok: true as const, id: s.id };
  });
}

/**
 * 复制为新问卷: a new draft of the caller's organisation with the same details and questions (none of
 * the answers), from today for as many days as the original. Any survey the caller may see can be
 * copied; the copy is the caller's to change and publish.
 */
export async function copySurvey(ctx: AppContext, c: Caller, sourceId: number): Promise<Result<{ id: number }>> {
  const orgId = c.user.orgId;
  return withTx(ctx.db, async (tx) => {
    const src = await repo.findSurvey(tx, sourceId);
    if (!src) return fail('not_found', NOT_FOUND);
    if (!can(c.user, 'survey.read', { orgId: src.orgId })) return fail('forbidden', '您没有查看该评议的权限。');
    if (!can(c.user, 'survey.manage', { orgId })) return fail('forbidden', FORBIDDEN);
    const questions = await repo.listQuestions(tx, src.id);
    const title = copyTitle(src.title);
    const period = copyPeriod(src, beijingToday(ctx.now()));
    const s = await repo.insertSurvey(tx, {
      orgId, targetOrgId: src.targetOrgId, title, intro: src.intro, ...period, status: 'draft', createdBy: c.user.id,
      resultsPublic: src.resultsPublic, requirePhone: src.requirePhone, perAddressHourly: src.perAddressHourly,
    });
    await repo.insertQuestions(tx, questions.map((q, i) => questionRow(s.id, i + 1, { ...q, hint: q.hint ?? undefined })));
    await writeAudit(tx, auditActor(c), {
      action: 'survey.copy', entityType: 'survey', entityId: s.id,
      summary: { copiedFrom: src.id, title, startsOn: period.startsOn, endsOn: period.endsOn, questions: questions.length },
    });
    return { ok: true as const, id: s.id };
  });
}

type Step = (tx: Tx, s: SurveyRow) => Promise<Result<object> | void>;

/** lock → survey.manage on its organisation → `draftOnly` → the change (which writes its audit row). */
async function onSurvey(ctx: AppContext, c: Caller, id: number, draftOnly: boolean, step: Step): Promise<Result<object>> {
  const r = await withTx(ctx.db, async (tx) => {
    const s = await repo.lockSurvey(tx, id);
    if (!s) return fail('not_found', NOT_FOUND);
    if (!can(c.user, 'survey.manage', { orgId: s.orgId })) return fail('forbidden', FORBIDDEN);
    if (draftOnly && s.status !== 'draft') return fail('conflict', NOT_DRAFT);
    return (await step(tx, s)) ?? { ok: true as const };
  });
  return r;
}

export function updateSurveyDetails(ctx: AppContext, c: Caller, id: number, f: SurveyFields): Promise<Result<object>> {
  return onSurvey(ctx, c, id, false, async (tx, s) => {
    // A published survey keeps its privacy rule: asking for phones midway would split the answers.
    const patch = s.status === 'draft' ? f : { ...f, requirePhone: s.requirePhone };
    await repo.updateSurvey(tx, id, patch);
    const changed = (Object.keys(patch) as (keyof SurveyFields)[]).filter((k) => patch[k] !== s[k]);
    await writeAudit(tx, auditActor(c), { action: 'survey.update', entityType: 'survey', entityId: id, summary: { changed } });
  });
}

export function addQuestion(ctx: AppContext, c: Caller, id: number, q: QuestionDraft): Promise<Result<object>> {
  return onSurvey(ctx, c, id, true, async (tx) => {
    const qs = await repo.listQuestions(tx, id);
    if (qs.length >= LIMITS.questions) return fail('invalid', `每份评议最多${LIMITS.questions}道题。`);
    await repo.insertQuestions(tx, [questionRow(id, (qs.at(-1)?.position ?? 0) + 1, q)]);
    await writeAudit(tx, auditActor(c), { action: 'survey.question.add', entityType: 'survey', entityId: id, summary: { questionKind: q.kind, title: q.title } });
  });
}

export function editQuestion(ctx: AppContext, c: Caller, id: number, questionId: number, q: QuestionDraft): Promise<Result<object>> {
  return onSurvey(ctx, c, id, true, async (tx) => {
    const { position: _p, surveyId: _s, ...patch } = questionRow(id, 0, q);
    if (!(await repo.updateQuestion(tx, id, questionId, patch))) return fail('not_found', '题目不存在。');
    await writeAudit(tx, auditActor(c), { action: 'survey.question.update', entityType: 'survey', entityId: id, summary: { surveyQuestion: questionId, questionKind: q.kind, title: q.title } });
  });
}

export function deleteQuestion(ctx: AppContext, c: Caller, id: number, questionId: number): Promise<Result<object>> {
  return onSurvey(ctx, c, id, true, async (tx) => {
    if (!(await repo.deleteQuestion(tx, id, questionId))) return fail('not_found', '题目不存在。');
    await writeAudit(tx, auditActor(c), { action: 'survey.question.delete', entityType: 'survey', entityId: id, summary: { surveyQuestion: questionId } });
  });
}

/** Swaps the question with its neighbour above (up) or below. */
export function moveQuestion(ctx: AppContext, c: Caller, id: number, questionId: number, dir: 'up' | 'down'): Promise<Result<object>> {
  return onSurvey(ctx, c, id, true, async (tx) => {
    const qs = await repo.listQuestions(tx, id);
    const i = qs.findIndex((q) => q.id === questionId);
    if (i < 0) return fail('not_found', '题目不存在。');
    const j = dir === 'up' ? i - 1 : i + 1;
    if (j < 0 || j >= qs.length) return;
    const order = qs.map((q) => q.id);
    [order[i], order[j]] = [order[j]!, order[i]!];
    for (const [k, qid] of order.entries()) await repo.updateQuestion(tx, id, qid, { position: k + 1 });
    await writeAudit(tx, auditActor(c), { action: 'survey.question.move', entityType: 'survey', entityId: id, summary: { surveyQuestion: questionId, newPosition: j + 1 } });
  });
}

export async function publishSurvey(ctx: AppContext, c: Caller, id: number): Promise<Result<object>> {
  const r = await onSurvey(ctx, c, id, true, async (tx, s) => {
    if (!(await repo.listQuestions(tx, id)).length) return fail('invalid', '评议至少需要一道题才能发布。');
    await repo.updateSurvey(tx, id, { status: 'published', publishedAt: ctx.now() });
    await writeAudit(tx, auditActor(c), { action: 'survey.publish', entityType: 'survey', entityId: id, summary: { title: s.title, startsOn: s.startsOn, endsOn: s.endsOn } });
  });
  if (r.ok) publicPagesChanged();
  return r;
}

export async function closeSurvey(ctx: AppContext, c: Caller, id: number): Promise<Result<object>> {
  const r = await onSurvey(ctx, c, id, false, async (tx, s) => {
    if (s.status !== 'published') return fail('conflict', '只有已发布的评议可以结束。');
    await repo.updateSurvey(tx, id, { status: 'closed', closedAt: ctx.now() });
    await writeAudit(tx, auditActor(c), { action: 'survey.close', entityType: 'survey', entityId: id, summary: { title: s.title } });
  });
  if (r.ok) publicPagesChanged();
  return r;
}

/** Audits an export of every answer (a read of all of them). */
export async function auditExport(ctx: AppContext, c: Caller, id: number, rows: number): Promise<void> {
  await withTx(ctx.db, (tx) => writeAudit(tx, auditActor(c), { action: 'survey.export', entityType: 'survey', entityId: id, summary: { exported: rows } }));
}
