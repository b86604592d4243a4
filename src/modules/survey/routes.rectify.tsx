// 整改 items in the back office (/admin/surveys/rectifications): the list of the caller's scope, a new
// item raised from a survey's results (survey.manage), one item and its closing (survey.rectify of
// the item's organisation).
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { DateStr, IdParams, QueryStr, Str, StringEnum, parseForm } from '../../platform/forms/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { authorize } from '../auth/routes.tsx';
import { can } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import { fieldOf } from './domain.ts';
import { CLOSE_KINDS, type CloseKind } from './model.ts';
import * as repo from './repo.ts';
import { closeRectification, createRectification } from './use-cases/rectify.ts';
import { RECT_HREF, type Values } from './views/admin.tsx';
import { NewRectificationPage, RectificationPage, RectificationsPage } from './views/admin-results.tsx';
import { orgOptions, scopeFor } from './routes.admin.tsx';

const Params = IdParams('id', '整改事项不存在。');
const ListQuery = Type.Object({ status: QueryStr('状态', 10), survey: QueryStr('评议', 10), done: QueryStr('提示', 10) });
const NewQuery = Type.Object({ survey: QueryStr('评议', 10), question: QueryStr('题目', 10), response: QueryStr('答卷', 10) });

const NewForm = Type.Object({
  surveyId: Type.Optional(Str('评议', 10)), questionId: Type.Optional(Str('题目', 10)), responseId: Type.Optional(Str('答卷', 10)),
  orgId: Str('责任单位', 10, { pattern: '^\\d{1,9}$' }),
  problem: Str('需要整改的问题', 2000, { minLength: 1 }),
  dueOn: DateStr('整改期限'),
});
const CloseForm = Type.Object({
  kind: StringEnum(Object.keys(CLOSE_KINDS) as CloseKind[], { title: '办结方式' }),
  text: Str('整改措施或情况说明', 4000, { minLength: 1 }),
  version: Type.Integer({ title: '版本', minimum: 1 }),
});
const DONE: Record<string, string> = { created: '整改事项已交办。', closed: '整改事项已办结。' };

export function registerSurveyRectify(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const today = () => beijingToday(ctx.now());

  app.get(RECT_HREF, { config: { policy: 'survey.read' }, schema: { querystring: ListQuery } }, async (req, reply) => {
    const status = req.query.status === 'open' || req.query.status === 'closed' ? req.query.status : undefined;
    const survey = parseId(req.query.survey) ?? undefined;
    const rows = await repo.listRectifications(db, await scopeFor(ctx, req, 'survey.read'), { status, surveyId: survey });
    return reply.page((vc) => <RectificationsPage vc={vc} rows={rows} today={today()} filter={{ status, survey }} done={req.query.done ? DONE[req.query.done] : undefined} />);
  });

  async function newPage(surveyId: number | null, values: Values, errors: Record<string, string>, status = 200, req: Parameters<typeof authorize>[0], reply: import('fastify').FastifyReply) {
    const s = surveyId ? await repo.findSurvey(db, surveyId) : undefined;
    if (!s) throw new AppError('not_found', '评议不存在。');
    authorize(req, 'survey.manage', { orgId: s.orgId });
    // The answer the item comes from, shown as context (and proposed as the problem text).
    let context: string | undefined;
    const q = values.questionId ? (await repo.listQuestions(db, s.id)).find((x) => String(x.id) === values.questionId) : undefined;
    const resp = values.responseId ? await repo.findResponse(db, s.id, Number(values.responseId)) : undefined;
    if (q && resp) context = String(resp.answers[fieldOf(q)] ?? '');
    else if (q) context = `评议内容：${q.title}`;
    if (context && values.problem === undefined) values.problem = context.slice(0, 2000);
    if (!values.orgId && s.targetOrgId) values.orgId = String(s.targetOrgId);
    const orgs = await orgOptions(ctx);
    return reply.page((vc) => <NewRectificationPage vc={vc} s={s} values={values} errors={errors} orgs={orgs} context={context} />, status);
  }

  app.get(`${RECT_HREF}/new`, { config: { policy: 'survey.manage' }, schema: { querystring: NewQuery } }, async (req, reply) => {
    const values: Values = { questionId: String(parseId(req.query.question) ?? ''), responseId: String(parseId(req.query.response) ?? '') };
    if (values.questionId === '') delete values.questionId;
    if (values.responseId === '') delete values.responseId;
    return newPage(parseId(req.query.survey), values, {}, 200, req, reply);
  });

  app.post(`${RECT_HREF}/new`, { config: { policy: 'survey.manage' } }, async (req, reply) => {
    const f = parseForm(NewForm, req.body);
    const strings = (f.ok ? f.strings : f.values) as Values;
    const surveyId = parseId(strings.surveyId);
    if (!f.ok) return newPage(surveyId, strings, f.errors, 422, req, reply);
    const r = await createRectification(ctx, { user: req.user!, ip: req.ip }, {
      surveyId: surveyId ?? 0, orgId: Number(f.values.orgId), problem: f.values.problem, dueOn: f.values.dueOn,
      questionId: parseId(strings.questionId), responseId: parseId(strings.responseId),
    });
    if (!r.ok) {
      if (r.reason === 'invalid') return newPage(surveyId, strings, r.fields ?? {}, 422, req, reply);
      throw new AppError(r.reason === 'forbidden' ? 'forbidden' : 'not_found', r.message);
    }
    return reply.redirect(`${RECT_HREF}/${r.id}?done=created`, 303);
  });

  async function itemPage(req: Parameters<typeof authorize>[0], reply: import('fastify').FastifyReply, id: number, extra: { values?: Values; errors?: Record<string, string>; done?: string } = {}, status = 200) {
    const r = await repo.findRectification(db, id);
    if (!r) throw new AppError('not_found', '整改事项不存在。');
    const s = await repo.findSurvey(db, r.surveyId);
    // The item's organisation, or the survey's owners, may see it.
    if (!can(req.user, 'survey.read', { orgId: r.orgId })) authorize(req, 'survey.read', { orgId: s?.orgId ?? r.orgId });
    const canClose = can(req.user, 'survey.rectify', { orgId: r.orgId });
    return reply.page((vc) => <RectificationPage vc={vc} r={r} today={today()} canClose={canClose} {...extra} />, status);
  }

  app.get(`${RECT_HREF}/:id`, { config: { policy: 'survey.read' }, schema: { params: Params, querystring: ListQuery } }, async (req, reply) =>
    itemPage(req, reply, req.params.id, { done: req.query.done ? DONE[req.query.done] : undefined }));

  app.post(`${RECT_HREF}/:id`, { config: { policy: 'survey.rectify' }, schema: { params: Params } }, async (req, reply) => {
    const f = parseForm(CloseForm, req.body);
    if (!f.ok) return itemPage(req, reply, req.params.id, { values: f.values as Values, errors: f.errors }, 422);
    const r = await closeRectification(ctx, { user: req.user!, ip: req.ip }, req.params.id, f.values.kind, f.values.text, f.values.version);
    if (!r.ok) {
      if (r.reason === 'conflict') return itemPage(req, reply, req.params.id, { values: f.strings as Values, errors: { text: r.message } }, 409);
      throw new AppError(r.reason === 'forbidden' ? 'forbidden' : 'not_found', r.message);
    }
    return reply.redirect(`${RECT_HREF}/${req.params.id}?done=closed`, 303);
  });
}
