// Answering an incident: /admin/opinion/:id/respond (回应 with the review chain), one response's page
// with its review form, publishing on /hygq/, /close (办结 with 效果评估) and /reopen, /referral
// (移交谣言). Routes stay thin: parse through the schema, call the use case, re-render with the
// typed values on a refusal, redirect with a notice on success.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { IdParams, QueryStr, ownValue } from '../../platform/forms/query.ts';
import { beijingToday, formatInstant } from '../../platform/time/index.ts';
import type { Caller } from '../auth/caller.ts';
import * as review from '../review/use-cases.ts';
import * as repo from './responses.repo.ts';
import {
  CloseForm, PublishForm, ReferralForm, ReopenForm, ResponseForm, ReviewForm, referralProblems, responseProblems,
} from './use-cases/respond-forms.ts';
import { submitResponse } from './use-cases/respond.ts';
import { reviewResponse } from './use-cases/respond-review.ts';
import { setResponsePublished } from './use-cases/respond-publish.ts';
import { closeIncident, reopenIncident } from './use-cases/close.ts';
import { referRumour } from './use-cases/referral.ts';
import { NOT_FOUND, mayOnIncident } from './use-cases/respond-shared.ts';
import { RespondPage, type Proposal } from './views/respond/respond.tsx';
import { ResponsePage } from './views/respond/review.tsx';
import { ClosePage } from './views/respond/close.tsx';
import { ReferralPage } from './views/respond/referral.tsx';

const NOTICES: Record<string, string> = {
  submitted: '回应已提交审核，审核通过后生效。',
  approved: '回应已生效，相应时限已记录完成。',
  reviewed: '审核意见已提交。',
  published: '回应已在回应关切栏目公开。',
  unpublished: '回应已从回应关切栏目撤下。',
  closed: '舆情已办结，效果评估已记录。',
  reopened: '舆情已重新办理。',
  referred: '移交记录已登记，该舆情已标记为谣言。',
};
const Query = Type.Object({ done: QueryStr('提示', 20), edit: QueryStr('修改的回应', 10) });
const IncidentParams = IdParams('id', NOT_FOUND);
const ResponseParams = IdParams(['id', 'rid'], '该回应不存在。');

const base = (id: number) => `/admin/opinion/${id}`;
const bjLocal = (d: Date) => formatInstant(d, 'minute').replace(' ', 'T');

/** A refusal that is not about the form: 403 / 404 pages; anything else re-renders with its message. */
function raise(r: Fail): never | void {
  if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
  if (r.reason === 'not_found') throw new AppError('not_found', r.message);
}
const statusOf = (r: Fail) => (r.reason === 'invalid' ? 422 : 409);

export function registerOpinionRespond(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });

  /** The incident, if the user may see it for this action (else 404 / 403). */
  async function incidentFor(req: FastifyRequest, id: number, action: 'opinion.respond' | 'opinion.read' | 'opinion.monitor'): Promise<repo.IncidentView> {
    const inc = await repo.findIncident(db, id);
    if (!inc || inc.status === 'merged') throw new AppError('not_found', NOT_FOUND);
    const user = req.user!;
    const ok = mayOnIncident(user, action, inc) || (action === 'opinion.read' && mayOnIncident(user, 'opinion.monitor', inc));
    if (!ok) throw new AppError('forbidden', '您没有办理该舆情事件的权限。');
    return inc;
  }

  async function proposalOf(inc: repo.IncidentView): Promise<Proposal | undefined> {
    if (inc.category !== 'policy_misread' || !inc.recordId) return undefined;
    const r = await repo.findCatalogRecord(db, inc.recordId);
    return r ? { recordId: r.id, title: r.title, indexNo: r.indexNo, published: r.status === 'published' } : undefined;
  }

  async function respondPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { values?: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; edit?: string; done?: string } = {}) {
    const inc = await incidentFor(req, id, 'opinion.respond');
    const [deadlines, responses, proposal] = await Promise.all([repo.listDeadlines(db, id), repo.listResponses(db, id), proposalOf(inc)]);
    const editId = opts.edit ?? (typeof opts.values?.responseId === 'string' ? opts.values.responseId : '');
    const editing = editId ? responses.find((r) => String(r.id) === editId && r.status === 'returned') : undefined;
    const reviewOpinions: Record<number, string> = {};
    for (const r of responses.filter((x) => x.status === 'returned' && x.reviewInstanceId)) {
      const last = (await review.history(db, r.reviewInstanceId!)).filter((h) => h.conclusion === 'return').at(-1);
      if (last?.opinion) reviewOpinions[r.id] = last.opinion;
    }
    const values = opts.values ?? (editing
      ? { channel: editing.channel, title: editing.title, text: editing.text, url: editing.url ?? '', respondedAt: editing.respondedAt ? bjLocal(editing.respondedAt) : '' }
      : { respondedAt: bjLocal(ctx.now()) });
    const user = req.user!;
    return reply.page((vc) => RespondPage({
      vc, inc, deadlines, responses, now: ctx.now(), values, errors: opts.errors, problem: opts.problem, notice: ownValue(NOTICES, opts.done),
      editing, reviewOpinions, proposal,
      canAnswer: mayOnIncident(user, 'opinion.respond', inc), canClose: mayOnIncident(user, 'opinion.respond', inc), canRefer: mayOnIncident(user, 'opinion.monitor', inc),
    }), opts.status ?? 200);
  }

  // --- respond -----------------------------------------------------------------------------------

  app.get('/admin/opinion/:id/respond', { config: { policy: 'opinion.respond' }, schema: { params: IncidentParams, querystring: Query } }, async (req, reply) =>
    respondPage(req, reply, req.params.id, { edit: req.query.edit, done: req.query.done }));

  app.post('/admin/opinion/:id/respond', { config: { policy: 'opinion.respond' }, schema: { params: IncidentParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(ResponseForm, req.body, { domain: (s) => responseProblems(s, ctx.now()) });
    if (!f.ok) return respondPage(req, reply, id, { values: f.values, errors: f.errors, status: 422 });
    const r = await submitResponse(ctx, caller(req), id, f.values);
    if (!r.ok) {
      raise(r);
      return respondPage(req, reply, id, { values: f.strings, errors: r.fields, problem: r.reason === 'invalid' ? undefined : r.message, status: statusOf(r) });
    }
    return reply.redirect(`${base(id)}/respond?done=${r.status === 'approved' ? 'approved' : 'submitted'}`, 303);
  });

  // --- one response and its review ------------------------------------------------------------------

  async function responsePage(req: FastifyRequest, reply: FastifyReply, id: number, rid: number, opts: { values?: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; done?: string } = {}) {
    const inc = await incidentFor(req, id, 'opinion.read');
    const r = await repo.findResponse(db, rid);
    if (!r || r.incidentId !== id) throw new AppError('not_found', '该回应不存在。');
    const instance = r.reviewInstanceId ? await review.getInstance(db, r.reviewInstanceId) : null;
    const history = instance ? await review.history(db, instance.id) : [];
    const mayAct = Boolean(instance && r.status === 'in_review' && review.mayActNow(instance, req.user!));
    return reply.page((vc) => ResponsePage({ vc, inc, r, instance, history, mayAct, values: opts.values, errors: opts.errors, problem: opts.problem, notice: ownValue(NOTICES, opts.done) }), opts.status ?? 200);
  }

  app.get('/admin/opinion/:id/responses/:rid', { config: { policy: 'opinion.read' }, schema: { params: ResponseParams, querystring: Query } }, async (req, reply) =>
    responsePage(req, reply, req.params.id, req.params.rid, { done: req.query.done }));

  app.post('/admin/opinion/:id/responses/:rid/review', { config: { policy: 'opinion.read' }, schema: { params: ResponseParams } }, async (req, reply) => {
    const { id, rid } = req.params;
    const f = parseForm(ReviewForm, req.body);
    if (!f.ok) return responsePage(req, reply, id, rid, { values: f.values, errors: f.errors, status: 422 });
    const r = await reviewResponse(ctx, caller(req), id, rid, { conclusion: f.values.conclusion, opinion: f.values.opinion, step: f.values.step });
    if (!r.ok) {
      raise(r);
      const fields = r.fields && Object.keys(r.fields).length ? r.fields : undefined;
      return responsePage(req, reply, id, rid, { values: f.strings, errors: fields, problem: fields ? undefined : r.message, status: fields ? 422 : 409 });
    }
    return reply.redirect(`${base(id)}/responses/${rid}?done=${r.status === 'approved' ? 'approved' : 'reviewed'}`, 303);
  });

  app.post('/admin/opinion/:id/responses/:rid/publish', { config: { policy: 'opinion.respond' }, schema: { params: ResponseParams } }, async (req, reply) => {
    const { id, rid } = req.params;
    const f = parseForm(PublishForm, req.body);
    if (!f.ok) throw new AppError('validation_failed', '请选择公开或撤下。');
    const r = await setResponsePublished(ctx, caller(req), id, rid, f.values.publish === '1');
    if (!r.ok) { raise(r); throw new AppError('conflict', r.message); }
    return reply.redirect(`${base(id)}/respond?done=${f.values.publish === '1' ? 'published' : 'unpublished'}`, 303);
  });

  // --- close and reopen ----------------------------------------------------------------------------

  async function closePage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { values?: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; done?: string } = {}) {
    const inc = await incidentFor(req, id, 'opinion.read');
    const approved = await repo.countResponses(db, id, 'approved');
    const user = req.user!;
    return reply.page((vc) => ClosePage({
      vc, inc, approved, canClose: mayOnIncident(user, 'opinion.respond', inc), canReopen: mayOnIncident(user, 'opinion.monitor', inc),
      values: opts.values ?? {}, errors: opts.errors, problem: opts.problem, notice: ownValue(NOTICES, opts.done),
    }), opts.status ?? 200);
  }

  app.get('/admin/opinion/:id/close', { config: { policy: 'opinion.read' }, schema: { params: IncidentParams, querystring: Query } }, async (req, reply) =>
    closePage(req, reply, req.params.id, { done: req.query.done }));

  app.post('/admin/opinion/:id/close', { config: { policy: 'opinion.respond' }, schema: { params: IncidentParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(CloseForm, req.body);
    if (!f.ok) return closePage(req, reply, id, { values: f.values, errors: f.errors, status: 422 });
    const r = await closeIncident(ctx, caller(req), id, f.values);
    if (!r.ok) { raise(r); return closePage(req, reply, id, { values: f.strings, errors: r.fields, problem: r.reason === 'invalid' ? undefined : r.message, status: statusOf(r) }); }
    return reply.redirect(`${base(id)}/close?done=closed`, 303);
  });

  app.post('/admin/opinion/:id/reopen', { config: { policy: 'opinion.monitor' }, schema: { params: IncidentParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(ReopenForm, req.body);
    if (!f.ok) return closePage(req, reply, id, { values: f.values, errors: f.errors, status: 422 });
    const r = await reopenIncident(ctx, caller(req), id, f.values.reason);
    if (!r.ok) { raise(r); return closePage(req, reply, id, { values: f.strings, errors: r.fields, problem: r.reason === 'invalid' ? undefined : r.message, status: statusOf(r) }); }
    return reply.redirect(`${base(id)}/respond?done=reopened`, 303);
  });

  // --- referral ------------------------------------------------------------------------------------

  async function referralPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { values?: FormStrings; errors?: Record<string, string>; problem?: string; status?: number; done?: string } = {}) {
    const inc = await incidentFor(req, id, 'opinion.monitor');
    const referrals = await repo.listReferrals(db, id);
    return reply.page((vc) => ReferralPage({
      vc, inc, referrals, values: opts.values ?? { referredOn: beijingToday(ctx.now()) }, errors: opts.errors, problem: opts.problem, notice: ownValue(NOTICES, opts.done),
    }), opts.status ?? 200);
  }

  app.get('/admin/opinion/:id/referral', { config: { policy: 'opinion.monitor' }, schema: { params: IncidentParams, querystring: Query } }, async (req, reply) =>
    referralPage(req, reply, req.params.id, { done: req.query.done }));

  app.post('/admin/opinion/:id/referral', { config: { policy: 'opinion.monitor' }, schema: { params: IncidentParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(ReferralForm, req.body, { domain: (s) => referralProblems(s, ctx.now()) });
    if (!f.ok) return referralPage(req, reply, id, { values: f.values, errors: f.errors, status: 422 });
    const r = await referRumour(ctx, caller(req), id, f.values);
    if (!r.ok) { raise(r); return referralPage(req, reply, id, { values: f.strings, errors: r.fields, problem: r.reason === 'invalid' ? undefined : r.message, status: statusOf(r) }); }
    return reply.redirect(`${base(id)}/referral?done=referred`, 303);
  });
}
