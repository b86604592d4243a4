// 年度备案 rounds and 新闻发言人绩效评估 (with 通报 and 整改) in the back office.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { DateStr, Str, StringEnum } from '../../platform/forms/schema.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { FAILING_KEYS, LIMITS, RESULT_KEYS, evaluationOutcome, type Failing } from './domain.ts';
import * as repo from './repo.ts';
import { closeYearRound, openYearRound } from './use-cases/rounds.ts';
import { addFailing, closeRectification, decideEvaluation, removeFailing, startEvaluation } from './use-cases/evaluations.ts';
import { todayOf } from './use-cases/shared.ts';
import { EvaluationPage, EvaluationsPage, RoundPage, RoundsPage } from './views/evaluations.tsx';
import { EVALUATIONS_HREF, ROUNDS_HREF } from './views/shared.tsx';
import { refusal } from './routes.people.tsx';

const READ = { policy: 'spokesperson.read' } as const;
const EDIT = { policy: 'spokesperson.edit' } as const;
const FILE = { policy: 'spokesperson.file' } as const;
const DoneQuery = Type.Object({ done: QueryStr('结果', 20) });
const ROUND_PARAMS = IdParams('id', '年度备案不存在。');
const EVAL_PARAMS = IdParams('id', '评估不存在。');
const FAILING_PARAMS = IdParams(['id', 'failingId'], '问题记录不存在。');

const RoundForm = Type.Object({ year: Type.Integer({ title: '备案年度', minimum: 2000, maximum: 2100 }), dueOn: DateStr('确认截止日期') });
const StartForm = Type.Object({ personId: Type.Integer({ title: '新闻发言人', minimum: 1, maximum: 2_147_483_647 }), year: Type.Integer({ title: '评估年度', minimum: 2000, maximum: 2100 }) });
const FailingForm = Type.Object({ kind: StringEnum(FAILING_KEYS, { title: '问题类型' }), occurredOn: DateStr('发生日期'), description: Str('情况说明', LIMITS.description) });
const DecideForm = Type.Object({
  result: StringEnum(RESULT_KEYS, { title: '评估结果' }),
  rectifyRequired: Type.Optional(Str('整改要求', LIMITS.note)),
  rectifyDueOn: Type.Optional(DateStr('整改期限')),
});
const RectifyForm = Type.Object({ measures: Str('整改措施和结果', LIMITS.note) });

const NOTICES: Record<string, string> = {
  opened: '年度备案已开启，各单位可以确认。', closed: '年度备案已结束。', created: '评估已新建，请记录发现的问题后确定结果。',
  failing: '问题已记录。', removed: '问题记录已删除。', decided: '评估结果已确定。', rectified: '整改已办结。',
};

export function registerSpokesEvaluations(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });

  // --- rounds --------------------------------------------------------------------------------------

  async function roundsPage(req: FastifyRequest, reply: FastifyReply, values: FormStrings, errors?: Record<string, string>, notice?: string, status = 200) {
    const [rounds, orgs] = await Promise.all([repo.listRounds(db), repo.activeOrgs(db)]);
    return reply.page((vc) => RoundsPage({ vc, rounds, orgCount: orgs.length, canFile: can(req.user, 'spokesperson.file'), values, errors, notice }), status);
  }

  api.get(ROUNDS_HREF, { config: READ, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const today = todayOf(ctx);
    return roundsPage(req, reply, { year: today.slice(0, 4) }, undefined, ownValue(NOTICES, req.query.done));
  });

  api.post(ROUNDS_HREF, { config: FILE }, async (req, reply) => {
    const f = parseForm(RoundForm, req.body);
    if (!f.ok) return roundsPage(req, reply, f.values, f.errors, undefined, 422);
    const r = await openYearRound(ctx, caller(req), f.values.year, f.values.dueOn);
    if (!r.ok && r.reason === 'invalid') return roundsPage(req, reply, f.strings, r.fields, undefined, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${ROUNDS_HREF}?done=opened`, 303);
  });

  api.get(`${ROUNDS_HREF}/:id`, { config: READ, schema: { params: ROUND_PARAMS } }, async (req, reply) => {
    const round = await repo.findRound(db, req.params.id);
    if (!round) throw new AppError('not_found', '年度备案不存在。');
    const scope = scopeOf(req.user!, 'spokesperson.read');
    const confirmed = await repo.confirmations(db, round.id);
    const orgs = (await repo.activeOrgs(db)).filter((o) => scope.has(o.id)).map((o) => ({ id: o.id, name: o.name, confirmedOn: confirmed.get(o.id) }));
    return reply.page((vc) => RoundPage({ vc, round, orgs, canFile: can(req.user, 'spokesperson.file') }));
  });

  api.post(`${ROUNDS_HREF}/:id/close`, { config: FILE, schema: { params: ROUND_PARAMS } }, async (req, reply) => {
    const r = await closeYearRound(ctx, caller(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${ROUNDS_HREF}?done=closed`, 303);
  });

  // --- evaluations ---------------------------------------------------------------------------------

  async function listPage(req: FastifyRequest, reply: FastifyReply, values: FormStrings, errors?: Record<string, string>, notice?: string, status = 200) {
    const ids = [...scopeOf(req.user!, 'spokesperson.read')];
    const [rows, people] = await Promise.all([repo.listEvaluations(db, { orgIds: ids }), repo.publicPeople(db)]);
    return reply.page((vc) => EvaluationsPage({ vc, rows, people: people.filter((p) => p.role === 'spokesperson'), canFile: can(req.user, 'spokesperson.file'), values, errors, notice }), status);
  }

  api.get(EVALUATIONS_HREF, { config: READ, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const year = Number(todayOf(ctx).slice(0, 4)) - 1;
    return listPage(req, reply, { year: String(year) }, undefined, ownValue(NOTICES, req.query.done));
  });

  api.post(EVALUATIONS_HREF, { config: FILE }, async (req, reply) => {
    const f = parseForm(StartForm, req.body);
    if (!f.ok) return listPage(req, reply, f.values, f.errors, undefined, 422);
    const r = await startEvaluation(ctx, caller(req), f.values.personId, f.values.year);
    if (!r.ok && r.reason === 'invalid') return listPage(req, reply, f.strings, r.fields, undefined, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EVALUATIONS_HREF}/${r.evaluationId}?done=created`, 303);
  });

  async function evalPage(req: FastifyRequest, reply: FastifyReply, id: number, p: { values?: FormStrings; errors?: Record<string, string>; form?: 'failing' | 'decide' | 'rectify'; notice?: string } = {}, status = 200) {
    const e = await repo.findEvaluation(db, id);
    if (!e) throw new AppError('not_found', '评估不存在。');
    authorize(req, 'spokesperson.read', { orgId: e.orgId });
    const failings = await repo.failingsOf(db, id);
    return reply.page((vc) => EvaluationPage({
      vc, e, failings, outcome: evaluationOutcome(failings.map((f) => f.kind as Failing)), values: p.values ?? {}, errors: p.errors, form: p.form, notice: p.notice,
      canFile: can(req.user, 'spokesperson.file', { orgId: e.orgId }), canEdit: can(req.user, 'spokesperson.edit', { orgId: e.orgId }),
    }), status);
  }

  api.get(`${EVALUATIONS_HREF}/:id`, { config: READ, schema: { params: EVAL_PARAMS, querystring: DoneQuery } }, async (req, reply) =>
    evalPage(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done) }));

  api.post(`${EVALUATIONS_HREF}/:id/failings`, { config: FILE, schema: { params: EVAL_PARAMS } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(FailingForm, req.body);
    if (!f.ok) return evalPage(req, reply, id, { values: f.values, errors: f.errors, form: 'failing' }, 422);
    const r = await addFailing(ctx, caller(req), id, f.values);
    if (!r.ok && r.reason === 'invalid') return evalPage(req, reply, id, { values: f.strings, errors: r.fields, form: 'failing' }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EVALUATIONS_HREF}/${id}?done=failing`, 303);
  });

  api.post(`${EVALUATIONS_HREF}/:id/failings/:failingId/delete`, { config: FILE, schema: { params: FAILING_PARAMS } }, async (req, reply) => {
    const r = await removeFailing(ctx, caller(req), req.params.id, req.params.failingId);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EVALUATIONS_HREF}/${req.params.id}?done=removed`, 303);
  });

  api.post(`${EVALUATIONS_HREF}/:id/decide`, { config: FILE, schema: { params: EVAL_PARAMS } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(DecideForm, req.body);
    if (!f.ok) return evalPage(req, reply, id, { values: f.values, errors: f.errors, form: 'decide' }, 422);
    const r = await decideEvaluation(ctx, caller(req), id, { result: f.values.result, rectifyRequired: f.values.rectifyRequired ?? '', rectifyDueOn: f.values.rectifyDueOn ?? '' });
    if (!r.ok && r.reason === 'invalid') return evalPage(req, reply, id, { values: f.strings, errors: r.fields, form: 'decide' }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EVALUATIONS_HREF}/${id}?done=decided`, 303);
  });

  api.post(`${EVALUATIONS_HREF}/:id/rectify`, { config: EDIT, schema: { params: EVAL_PARAMS } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(RectifyForm, req.body);
    if (!f.ok) return evalPage(req, reply, id, { values: f.values, errors: f.errors, form: 'rectify' }, 422);
    const r = await closeRectification(ctx, caller(req), id, f.values.measures);
    if (!r.ok && r.reason === 'invalid') return evalPage(req, reply, id, { values: f.strings, errors: r.fields, form: 'rectify' }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EVALUATIONS_HREF}/${id}?done=rectified`, 303);
  });
}
