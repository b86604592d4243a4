// /admin/opinion/findings (opinion.accountability): the accountability findings of the caller's scope,
// filtered by status; /admin/opinion/findings/:id one finding with its 决定 and 撤销 forms (POST, CSRF),
// refused in Chinese once the finding is no longer open.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, type FieldErrors, type FormStrings } from '../../platform/forms/index.ts';
import { can } from '../auth/policy.ts';
import { parseId } from '../portal/domain.ts';
import { findFinding, listFindings } from './findings.repo.ts';
import { findingScopeOf } from './incidents-access.ts';
import { DecideForm, NOT_FOUND, WithdrawForm, confirmProblems, decideFinding, withdrawFinding } from './use-cases/findings.ts';
import { FINDINGS_HREF, FINDING_STATUSES, FindingPage, FindingsPage } from './views/incidents/findings.tsx';

const PER_PAGE = 30;
const FindingsQuery = Type.Object({ page: QueryStr('页码', 6), status: QueryStr('状态', 20) });
const FindingParams = IdParams('id', NOT_FOUND);
const DoneQuery = Type.Object({ done: QueryStr('提示', 20) });
const NOTICES: Record<string, string> = { decided: '决定已记录，并已写入舆情事件的办理记录。', withdrawn: '问责建议已撤销，并已写入舆情事件的办理记录。' };

export function registerOpinionFindings(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();

  app.get(FINDINGS_HREF, { config: { policy: 'opinion.accountability' }, schema: { querystring: FindingsQuery } }, async (req, reply) => {
    const user = req.user!;
    const page = Math.min(Math.max(Number(parseId(req.query.page) ?? 1), 1), 10_000);
    const status = ownValue(FINDING_STATUSES, req.query.status) ? req.query.status! : '';
    const { rows, total } = await listFindings(ctx.db, await findingScopeOf(ctx.db, user), page, PER_PAGE, { status: status || undefined });
    return reply.page((vc) => FindingsPage({ vc, rows, total, page, pages: Math.max(1, Math.ceil(total / PER_PAGE)), status }));
  });

  async function findingPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: {
    done?: string; problem?: string; form?: 'decide' | 'withdraw'; values?: FormStrings; errors?: FieldErrors; status?: number;
  } = {}) {
    const f = await findFinding(ctx.db, id);
    if (!f) throw new AppError('not_found', NOT_FOUND);
    if (!can(req.user!, 'opinion.accountability', { orgId: f.orgId })) throw new AppError('forbidden', '您没有查看该问责建议的权限。');
    return reply.page((vc) => FindingPage({ vc, f, notice: ownValue(NOTICES, opts.done), problem: opts.problem, form: opts.form, values: opts.values, errors: opts.errors }), opts.status ?? 200);
  }

  /** A refusal: 403 / 404 pages; a finding no longer open re-renders the page with the message (409). */
  const refused = (req: FastifyRequest, reply: FastifyReply, id: number, r: Fail, form: 'decide' | 'withdraw', values: FormStrings) => {
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    if (r.reason === 'not_found') throw new AppError('not_found', r.message);
    return findingPage(req, reply, id, { problem: r.message, form, values, status: 409 });
  };

  app.get(`${FINDINGS_HREF}/:id`, { config: { policy: 'opinion.accountability' }, schema: { params: FindingParams, querystring: DoneQuery } }, async (req, reply) =>
    findingPage(req, reply, req.params.id, { done: req.query.done }));

  app.post(`${FINDINGS_HREF}/:id/decide`, { config: { policy: 'opinion.accountability' }, schema: { params: FindingParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(DecideForm, req.body, { domain: confirmProblems('confirm') });
    if (!f.ok) return findingPage(req, reply, id, { form: 'decide', values: f.values, errors: f.errors, status: 422 });
    const r = await decideFinding(ctx, { user: req.user!, ip: req.ip }, id, f.values);
    if (!r.ok) return refused(req, reply, id, r, 'decide', f.strings);
    return reply.redirect(`${FINDINGS_HREF}/${id}?done=decided`, 303);
  });

  app.post(`${FINDINGS_HREF}/:id/withdraw`, { config: { policy: 'opinion.accountability' }, schema: { params: FindingParams } }, async (req, reply) => {
    const id = req.params.id;
    const f = parseForm(WithdrawForm, req.body, { domain: confirmProblems('withdrawConfirm') });
    if (!f.ok) return findingPage(req, reply, id, { form: 'withdraw', values: f.values, errors: f.errors, status: 422 });
    const r = await withdrawFinding(ctx, { user: req.user!, ip: req.ip }, id, f.values);
    if (!r.ok) return refused(req, reply, id, r, 'withdraw', f.strings);
    return reply.redirect(`${FINDINGS_HREF}/${id}?done=withdrawn`, 303);
  });
}
