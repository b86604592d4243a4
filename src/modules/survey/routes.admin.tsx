// The survey builder, results and export in the back office (/admin/surveys). Every route declares its
// policy; handlers check the survey's organisation (authorize / the use cases).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { DateStr, IdParams, QueryStr, Str, parseForm, readStrings } from '../../platform/forms/index.ts';
import { toCsv } from '../../platform/csv/index.ts';
import { contentDisposition } from '../../platform/http/download.ts';
import { beijingToday, fileStamp, formatInstant } from '../../platform/time/index.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import type { Caller } from '../auth/caller.ts';
import { listOrgs, rootIds } from '../org/repo.ts';
import { aggregate, answerCells, checkDates, checkQuestion } from './domain.ts';
import { LIMITS } from './model.ts';
import * as repo from './repo.ts';
import type { Scope } from './repo.ts';
import { addQuestion, auditExport, closeSurvey, copySurvey, createSurvey, deleteQuestion, editQuestion, moveQuestion, publishSurvey, updateSurveyDetails, type SurveyFields } from './use-cases/surveys.ts';
import { ADMIN_HREF, QuestionPage, SurveyDetailPage, SurveyFormPage, SurveyListPage, questionValues, type OrgOption, type Values } from './views/admin.tsx';
import { ResultsPage } from './views/admin-results.tsx';

const NOT_FOUND = '评议不存在。';
const Params = IdParams('id', NOT_FOUND);
const QParams = IdParams(['id', 'qid'], '题目不存在。');
const ListQuery = Type.Object({ done: QueryStr('提示', 20) });
const NewQuery = Type.Object({ template: QueryStr('模板', 2) });

export const SurveyForm = Type.Object({
  title: Str('标题', LIMITS.title, { minLength: 1 }),
  intro: Type.Optional(Str('说明', LIMITS.intro)),
  targetOrgId: Type.Optional(Str('评议对象', 10, { pattern: '^\\d{1,9}$' })),
  startsOn: DateStr('开始日期'),
  endsOn: DateStr('结束日期'),
  perAddressHourly: Type.Integer({ title: '每个网络地址每小时最多提交份数', minimum: 1, maximum: 1000 }),
  resultsPublic: Type.Optional(Type.Boolean({ title: '公开评议结果' })),
  requirePhone: Type.Optional(Type.Boolean({ title: '要求填写手机号码' })),
  template: Type.Optional(Str('模板', 2)),
});

const QuestionForm = Type.Object({
  kind: Str('题型', 10), title: Str('题目', LIMITS.questionTitle), hint: Str('填写说明', LIMITS.hint),
  options: Str('选项', LIMITS.options * (LIMITS.option + 1) + 20), minChoices: Str('最少选择项数', 4), maxChoices: Str('最多选择项数', 4),
  maxLength: Str('字数上限', 4), required: Str('必答题', 5),
});
const MoveForm = Type.Object({ dir: Str('方向', 4) });

const DONE: Record<string, string> = { created: '评议已创建。', saved: '已保存。', published: '评议已发布，公众可在网站“社会评议”栏目参与。', closed: '评议已结束。', copied: '已复制为新问卷（草稿）：题目与原评议相同，评议时间从今天起算，请核对后发布。', question: '题目已保存。', deleted: '题目已删除。', moved: '题目顺序已调整。' };

const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

/** Every organisation when the user's grant covers a root; else the organisations of the grant. */
export async function scopeFor(ctx: AppContext, req: FastifyRequest, action: 'survey.read' | 'survey.manage' | 'survey.rectify'): Promise<Scope> {
  const user = req.user!;
  const all = (await rootIds(ctx.db)).some((id) => can(user, action, { orgId: id }));
  return all ? { all: true } : { all: false, orgIds: [...scopeOf(user, action)] };
}

export async function orgOptions(ctx: AppContext): Promise<OrgOption[]> {
  return (await listOrgs(ctx.db)).filter((o) => o.active).map((o) => ({ value: String(o.id), label: o.name }));
}

function fail(reply: FastifyReply, r: Fail): never {
  throw new AppError(r.reason === 'forbidden' ? 'forbidden' : r.reason === 'not_found' ? 'not_found' : r.reason === 'invalid' ? 'validation_failed' : 'conflict', r.message);
}

export function registerSurveyAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const today = () => beijingToday(ctx.now());

  async function surveyOf(req: FastifyRequest, id: number, action: 'survey.read' | 'survey.manage') {
    const s = await repo.findSurvey(db, id);
    if (!s) throw new AppError('not_found', NOT_FOUND);
    authorize(req, action, { orgId: s.orgId });
    return s;
  }

  async function detail(req: FastifyRequest, reply: FastifyReply, id: number, extra: { done?: string; error?: string; add?: { values: Values; errors: Record<string, string> } } = {}, status = 200) {
    const s = await surveyOf(req, id, 'survey.read');
    const questions = await repo.listQuestions(db, id);
    const canManage = can(req.user, 'survey.manage', { orgId: s.orgId });
    const canCopy = can(req.user, 'survey.manage', { orgId: req.user!.orgId });
    return reply.page((vc) => <SurveyDetailPage vc={vc} s={s} questions={questions} today={today()} canManage={canManage} canCopy={canCopy} {...extra} />, status);
  }

  app.get(ADMIN_HREF, { config: { policy: 'survey.read' }, schema: { querystring: ListQuery } }, async (req, reply) => {
    const rows = await repo.listSurveys(db, await scopeFor(ctx, req, 'survey.read'));
    const canManage = can(req.user, 'survey.manage', { orgId: req.user!.orgId });
    return reply.page((vc) => <SurveyListPage vc={vc} rows={rows} today={today()} canManage={canManage} done={req.query.done ? DONE[req.query.done] : undefined} />);
  });

  // --- details ------------------------------------------------------------------------------------

  function readSurvey(body: unknown) {
    return parseForm(SurveyForm, body, { domain: (s) => checkDates(String(s.startsOn ?? ''), String(s.endsOn ?? '')) });
  }
  const fieldsOf = (v: ReturnType<typeof readSurvey> & { ok: true }): SurveyFields => ({
    title: v.values.title, intro: v.values.intro ?? '', targetOrgId: v.values.targetOrgId ? Number(v.values.targetOrgId) : null,
    startsOn: v.values.startsOn, endsOn: v.values.endsOn, resultsPublic: v.values.resultsPublic ?? false, requirePhone: v.values.requirePhone ?? false,
    perAddressHourly: v.values.perAddressHourly,
  });
  const asValues = (v: Record<string, string | string[]>): Values => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) ? x.join('\n') : x]));

  app.get(`${ADMIN_HREF}/new`, { config: { policy: 'survey.manage' }, schema: { querystring: NewQuery } }, async (req, reply) => {
    const template = req.query.template === '1';
    const t = today();
    const values: Values = { title: template ? '政府信息公开工作社会评议问卷' : '', startsOn: t, endsOn: t, perAddressHourly: '10', resultsPublic: '1' };
    const orgs = await orgOptions(ctx);
    return reply.page((vc) => <SurveyFormPage vc={vc} values={values} errors={{}} orgs={orgs} template={template} />);
  });

  app.post(`${ADMIN_HREF}/new`, { config: { policy: 'survey.manage' } }, async (req, reply) => {
    const f = readSurvey(req.body);
    const template = readStrings(Type.Object({ template: Str('模板', 2) }), req.body).template === '1';
    if (!f.ok) {
      const orgs = await orgOptions(ctx);
      return reply.page((vc) => <SurveyFormPage vc={vc} values={asValues(f.values)} errors={f.errors} orgs={orgs} template={template} />, 422);
    }
    const r = await createSurvey(ctx, caller(req), fieldsOf(f), template);
    if (!r.ok) return fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${r.id}?done=created`, 303);
  });

  app.get(`${ADMIN_HREF}/:id`, { config: { policy: 'survey.read' }, schema: { params: Params, querystring: ListQuery } }, async (req, reply) =>
    detail(req, reply, req.params.id, { done: req.query.done ? DONE[req.query.done] : undefined }));

  app.get(`${ADMIN_HREF}/:id/edit`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.manage');
    const values: Values = {
      title: s.title, intro: s.intro, targetOrgId: s.targetOrgId ? String(s.targetOrgId) : '', startsOn: s.startsOn, endsOn: s.endsOn,
      perAddressHourly: String(s.perAddressHourly), resultsPublic: s.resultsPublic ? '1' : '', requirePhone: s.requirePhone ? '1' : '',
    };
    const orgs = await orgOptions(ctx);
    return reply.page((vc) => <SurveyFormPage vc={vc} values={values} errors={{}} orgs={orgs} id={s.id} />);
  });

  app.post(`${ADMIN_HREF}/:id/edit`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.manage');
    const f = readSurvey(req.body);
    if (!f.ok) {
      const orgs = await orgOptions(ctx);
      return reply.page((vc) => <SurveyFormPage vc={vc} values={asValues(f.values)} errors={f.errors} orgs={orgs} id={s.id} />, 422);
    }
    const r = await updateSurveyDetails(ctx, caller(req), s.id, fieldsOf(f));
    if (!r.ok) return fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${s.id}?done=saved`, 303);
  });

  app.post(`${ADMIN_HREF}/:id/publish`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const r = await publishSurvey(ctx, caller(req), req.params.id);
    if (!r.ok) return r.reason === 'not_found' || r.reason === 'forbidden' ? fail(reply, r) : detail(req, reply, req.params.id, { error: r.message }, 409);
    return reply.redirect(`${ADMIN_HREF}/${req.params.id}?done=published`, 303);
  });

  app.post(`${ADMIN_HREF}/:id/close`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const r = await closeSurvey(ctx, caller(req), req.params.id);
    if (!r.ok) return r.reason === 'not_found' || r.reason === 'forbidden' ? fail(reply, r) : detail(req, reply, req.params.id, { error: r.message }, 409);
    return reply.redirect(`${ADMIN_HREF}/${req.params.id}?done=closed`, 303);
  });

  app.post(`${ADMIN_HREF}/:id/copy`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const r = await copySurvey(ctx, caller(req), req.params.id);
    if (!r.ok) return fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${r.id}?done=copied`, 303);
  });

  // --- questions ----------------------------------------------------------------------------------

  app.post(`${ADMIN_HREF}/:id/questions`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const v = readStrings(QuestionForm, req.body);
    const c = checkQuestion(v);
    if (!c.ok) return detail(req, reply, req.params.id, { add: { values: v, errors: c.errors } }, 422);
    const r = await addQuestion(ctx, caller(req), req.params.id, c.q);
    if (!r.ok) return r.reason === 'not_found' || r.reason === 'forbidden' ? fail(reply, r) : detail(req, reply, req.params.id, { error: r.message, add: { values: v, errors: {} } }, 409);
    return reply.redirect(`${ADMIN_HREF}/${req.params.id}?done=question`, 303);
  });

  app.get(`${ADMIN_HREF}/:id/questions/:qid`, { config: { policy: 'survey.manage' }, schema: { params: QParams } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.manage');
    const q = (await repo.listQuestions(db, s.id)).find((x) => x.id === req.params.qid);
    if (!q) throw new AppError('not_found', '题目不存在。');
    return reply.page((vc) => <QuestionPage vc={vc} s={s} questionId={q.id} values={questionValues(q)} errors={{}} />);
  });

  app.post(`${ADMIN_HREF}/:id/questions/:qid`, { config: { policy: 'survey.manage' }, schema: { params: QParams } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.manage');
    const v = readStrings(QuestionForm, req.body);
    const c = checkQuestion(v);
    if (!c.ok) return reply.page((vc) => <QuestionPage vc={vc} s={s} questionId={req.params.qid} values={v} errors={c.errors} />, 422);
    const r = await editQuestion(ctx, caller(req), s.id, req.params.qid, c.q);
    if (!r.ok) return r.reason === 'conflict' ? detail(req, reply, s.id, { error: r.message }, 409) : fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${s.id}?done=question`, 303);
  });

  app.post(`${ADMIN_HREF}/:id/questions/:qid/move`, { config: { policy: 'survey.manage' }, schema: { params: QParams } }, async (req, reply) => {
    const dir = readStrings(MoveForm, req.body).dir === 'up' ? 'up' : 'down';
    const r = await moveQuestion(ctx, caller(req), req.params.id, req.params.qid, dir);
    if (!r.ok) return r.reason === 'conflict' ? detail(req, reply, req.params.id, { error: r.message }, 409) : fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${req.params.id}?done=moved`, 303);
  });

  app.post(`${ADMIN_HREF}/:id/questions/:qid/delete`, { config: { policy: 'survey.manage' }, schema: { params: QParams } }, async (req, reply) => {
    const r = await deleteQuestion(ctx, caller(req), req.params.id, req.params.qid);
    if (!r.ok) return r.reason === 'conflict' ? detail(req, reply, req.params.id, { error: r.message }, 409) : fail(reply, r);
    return reply.redirect(`${ADMIN_HREF}/${req.params.id}?done=deleted`, 303);
  });

  // --- results and export -------------------------------------------------------------------------

  app.get(`${ADMIN_HREF}/:id/results`, { config: { policy: 'survey.read' }, schema: { params: Params } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.read');
    const results = aggregate(await repo.listQuestions(db, s.id), await repo.listResponses(db, s.id));
    const canManage = can(req.user, 'survey.manage', { orgId: s.orgId });
    return reply.page((vc) => <ResultsPage vc={vc} s={s} results={results} canManage={canManage} />);
  });

  app.get(`${ADMIN_HREF}/:id/export.csv`, { config: { policy: 'survey.manage' }, schema: { params: Params } }, async (req, reply) => {
    const s = await surveyOf(req, req.params.id, 'survey.manage');
    const questions = await repo.listQuestions(db, s.id);
    const responses = await repo.listResponses(db, s.id);
    const head = ['答卷编号', '提交时间（北京时间）', ...questions.map((q, i) => `${i + 1}. ${q.title}`)];
    const csv = toCsv([head, ...responses.map((r) => [r.id, formatInstant(r.createdAt, 'datetime'), ...answerCells(questions, r.answers)])]);
    await auditExport(ctx, caller(req), s.id, responses.length);
    return reply.type('text/csv; charset=utf-8').header('cache-control', 'no-store')
      .header('content-disposition', contentDisposition(`社会评议答卷-${s.id}-${fileStamp(ctx.now())}.csv`)).send(csv);
  });
}
