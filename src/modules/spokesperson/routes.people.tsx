// 新闻发言人 back office: the organisations' list, one organisation (its filed people, the yearly
// confirmation, filings, evaluations), the change form per post, the press office's filing queue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { Str } from '../../platform/forms/schema.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { LIMITS, PERSON_ROLE_KEYS, PersonForm, personProblems, type PersonRole, type PersonValues } from './domain.ts';
import * as repo from './repo.ts';
import { fileFiling, returnFiling, submitPerson } from './use-cases/people.ts';
import { confirmYearRound } from './use-cases/rounds.ts';
import { FilingsPage, FyrListPage, OrgPage, PersonFormPage, ReturnFilingPage, type OrgOverview } from './views/people.tsx';
import { FILINGS_HREF, FYR_HREF, orgHref } from './views/shared.tsx';

const READ = { policy: 'spokesperson.read' } as const;
const EDIT = { policy: 'spokesperson.edit' } as const;
const FILE = { policy: 'spokesperson.file' } as const;
const ORG_PARAMS = IdParams('id', '单位不存在或已撤销。');
const FILING_PARAMS = IdParams('id', '报备记录不存在。');
const DoneQuery = Type.Object({ done: QueryStr('结果', 20) });
const ReturnForm = Type.Object({ reason: Str('退回原因', LIMITS.note) });

const NOTICES: Record<string, string> = {
  submitted: '已提交，等待县委宣传部备案。', confirmed: '已确认本年度新闻发言人信息。', filed: '已备案，新闻发言人名单已更新。', returned: '已退回。',
};

export const refusal = (r: Fail) => new AppError(r.reason === 'not_found' ? 'not_found' : r.reason === 'forbidden' ? 'forbidden' : r.reason === 'invalid' ? 'validation_failed' : 'conflict', r.message);

export function registerSpokesPeople(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });

  api.get(FYR_HREF, { config: READ, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const scope = scopeOf(req.user!, 'spokesperson.read');
    const orgs = (await repo.activeOrgs(db)).filter((o) => scope.has(o.id));
    const ids = orgs.map((o) => o.id);
    const [people, pending, round] = await Promise.all([repo.activePeople(db, ids), repo.listFilings(db, { status: 'pending', orgIds: ids }), repo.openRound(db)]);
    const confirmed = round ? await repo.confirmations(db, round.id) : new Map<number, string>();
    const rows: OrgOverview[] = orgs.map((o) => ({
      id: o.id, name: o.name, pending: pending.filter((f) => f.orgId === o.id).length, confirmedOn: confirmed.get(o.id),
      spokesperson: people.find((p) => p.orgId === o.id && p.role === 'spokesperson'), assistant: people.find((p) => p.orgId === o.id && p.role === 'assistant'),
    }));
    return reply.page((vc) => FyrListPage({ vc, orgs: rows, round, canFile: can(req.user, 'spokesperson.file'), notice: ownValue(NOTICES, req.query.done) }));
  });

  async function orgOf(req: FastifyRequest, id: number, action: 'spokesperson.read' | 'spokesperson.edit') {
    const org = await repo.findActiveOrg(db, id);
    if (!org) throw new AppError('not_found', '单位不存在或已撤销。');
    authorize(req, action, { orgId: org.id });
    return org;
  }

  async function orgPage(req: FastifyRequest, reply: FastifyReply, id: number, p: { notice?: string; error?: string } = {}, status = 200) {
    const org = await orgOf(req, id, 'spokesperson.read');
    const [people, filings, round, evaluations] = await Promise.all([
      repo.activePeople(db, [org.id]), repo.listFilings(db, { orgIds: [org.id], limit: 30 }), repo.openRound(db), repo.listEvaluations(db, { orgIds: [org.id] }),
    ]);
    const confirmedOn = round ? (await repo.confirmations(db, round.id)).get(org.id) : undefined;
    return reply.page((vc) => OrgPage({
      vc, org, people, filings, round, confirmedOn, evaluations, ...p,
      canEdit: can(req.user, 'spokesperson.edit', { orgId: org.id }), canFile: can(req.user, 'spokesperson.file', { orgId: org.id }),
    }), status);
  }

  api.get(`${FYR_HREF}/org/:id`, { config: READ, schema: { params: ORG_PARAMS, querystring: DoneQuery } }, async (req, reply) =>
    orgPage(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done) }));

  api.post(`${FYR_HREF}/org/:id/confirm`, { config: EDIT, schema: { params: ORG_PARAMS } }, async (req, reply) => {
    const org = await orgOf(req, req.params.id, 'spokesperson.edit');
    const r = await confirmYearRound(ctx, caller(req), org.id);
    if (!r.ok && r.reason === 'conflict') return orgPage(req, reply, org.id, { error: r.message }, 409);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${orgHref(org.id)}?done=confirmed`, 303);
  });

  for (const role of PERSON_ROLE_KEYS) {
    const path = `${FYR_HREF}/org/:id/${role}`;
    const form = async (req: FastifyRequest, reply: FastifyReply, orgId: number, values: FormStrings | null, errors?: Record<string, string>, status = 200) => {
      const org = await orgOf(req, orgId, 'spokesperson.edit');
      const [current, pending] = await Promise.all([repo.activePerson(db, org.id, role), repo.pendingFiling(db, org.id, role)]);
      const base = (pending?.data as PersonValues | undefined) ?? current;
      const shown: FormStrings = values ?? (base ? {
        name: base.name, position: base.position, basis: base.basis ?? '', officePhone: base.officePhone, email: base.email ?? '', termFrom: base.termFrom, termTo: base.termTo ?? '',
      } : {});
      return reply.page((vc) => PersonFormPage({ vc, org, role, current, pending: !!pending, values: shown, errors }), status);
    };
    api.get(path, { config: EDIT, schema: { params: ORG_PARAMS } }, async (req, reply) => form(req, reply, req.params.id, null));
    api.post(path, { config: EDIT, schema: { params: ORG_PARAMS } }, async (req, reply) => {
      const org = await orgOf(req, req.params.id, 'spokesperson.edit');
      const f = parseForm(PersonForm, req.body, { domain: personProblems(role as PersonRole) });
      if (!f.ok) return form(req, reply, org.id, f.values, f.errors, 422);
      const v = f.values;
      const r = await submitPerson(ctx, caller(req), org.id, role, {
        name: v.name, position: v.position, basis: v.basis ?? null, officePhone: v.officePhone, email: v.email || null, termFrom: v.termFrom, termTo: v.termTo || null,
      });
      if (!r.ok && r.reason === 'invalid') return form(req, reply, org.id, f.strings, r.fields, 422);
      if (!r.ok) throw refusal(r);
      return reply.redirect(`${orgHref(org.id)}?done=submitted`, 303);
    });
  }

  // --- the press office's queue --------------------------------------------------------------------

  api.get(FILINGS_HREF, { config: READ, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const ids = [...scopeOf(req.user!, 'spokesperson.read')];
    const [pending, all] = await Promise.all([repo.listFilings(db, { status: 'pending', orgIds: ids }), repo.listFilings(db, { orgIds: ids, limit: 60 })]);
    return reply.page((vc) => FilingsPage({ vc, pending, recent: all.filter((f) => f.status !== 'pending').slice(0, 30), canFile: can(req.user, 'spokesperson.file'), notice: ownValue(NOTICES, req.query.done) }));
  });

  api.post(`${FILINGS_HREF}/:id/file`, { config: FILE, schema: { params: FILING_PARAMS } }, async (req, reply) => {
    const r = await fileFiling(ctx, caller(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${FILINGS_HREF}?done=filed`, 303);
  });

  const filingOf = async (req: FastifyRequest, id: number) => {
    const f = (await repo.listFilings(db, { orgIds: [...scopeOf(req.user!, 'spokesperson.file')], status: 'pending', limit: 1000 })).find((x) => x.id === id);
    if (!f) throw new AppError('not_found', '报备记录不存在或已处理。');
    return f;
  };

  api.get(`${FILINGS_HREF}/:id/return`, { config: FILE, schema: { params: FILING_PARAMS } }, async (req, reply) => {
    const filing = await filingOf(req, req.params.id);
    return reply.page((vc) => ReturnFilingPage({ vc, filing, values: {} }));
  });

  api.post(`${FILINGS_HREF}/:id/return`, { config: FILE, schema: { params: FILING_PARAMS } }, async (req, reply) => {
    const filing = await filingOf(req, req.params.id);
    const f = parseForm(ReturnForm, req.body);
    if (!f.ok) return reply.page((vc) => ReturnFilingPage({ vc, filing, values: f.values, errors: f.errors }), 422);
    const r = await returnFiling(ctx, caller(req), filing.id, f.values.reason);
    if (!r.ok && r.reason === 'invalid') return reply.page((vc) => ReturnFilingPage({ vc, filing, values: f.strings, errors: r.fields }), 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${FILINGS_HREF}?done=returned`, 303);
  });
}
