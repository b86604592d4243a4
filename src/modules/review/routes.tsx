// Review-chain administration: /admin/review-chains (list), /new, /:id (view + edit), /:id/deactivate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, QueryStr, Type, formText, ownValue, parseForm } from '../../platform/forms/index.ts';
import { ChainFormSchema } from './forms.ts';
import { CHAIN_LIMITS, rowsFor, DEFAULT_CATALOG_STEPS, type ChainForm, type StepRow } from './domain.ts';
import * as uc from './use-cases.ts';
import { ChainEditPage, ChainListPage } from './views.tsx';

const NOTICES: Record<string, string> = {
  created: '审核流程已新增。',
  saved: '审核流程已保存，新提交的事项将按修改后的流程办理。',
  deactivated: '审核流程已停用。',
};

/**
 * Reads the chain editor: bounded strings as typed (validateChainForm checks them and gives the
 * messages), at most CHAIN_LIMITS.rows rows; `more` is the "增加空行" button.
 */
export function readChainForm(body: unknown): { form: ChainForm; more: boolean } {
  // Every field of the schema is present ('' when not posted), the row fields included.
  const t: Record<string, string> = formText(parseForm(ChainFormSchema, body));
  const n = Math.min(Math.max(Number.parseInt(t.rowCount, 10) || 0, 0), CHAIN_LIMITS.rows);
  const rows: StepRow[] = [];
  for (let i = 0; i < n; i++) {
    rows.push({
      order: t[`s${i}_order`], key: t[`s${i}_key`], name: t[`s${i}_name`],
      role: t[`s${i}_role`], scope: t[`s${i}_scope`], kind: t[`s${i}_kind`],
      del: t[`s${i}_del`] === '1',
    });
  }
  const form: ChainForm = {
    name: t.name, subjectType: t.subjectType, recordKind: t.recordKind,
    orgId: t.orgId, separateActors: t.separateActors === '1', rows,
  };
  return { form, more: t.more === '1' };
}

/** Three more blank rows (the no-JS "增加空行" button). */
function withMoreRows(f: ChainForm): ChainForm {
  const blank = rowsFor([], CHAIN_LIMITS.rows - f.rows.length).slice(0, 3);
  return { ...f, rows: [...f.rows, ...blank] };
}

const ChainParams = IdParams('id', '审核流程不存在。');
const NoticeQuery = Type.Object({ done: QueryStr('提示') });

const caller = (req: FastifyRequest): uc.Caller => ({ user: req.user!, ip: req.ip });

function failure(r: { reason: string; message: string }): AppError {
  if (r.reason === 'forbidden') return new AppError('forbidden', r.message);
  if (r.reason === 'not_found') return new AppError('not_found', r.message);
  return new AppError('conflict', r.message);
}

export function registerReviewAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  // The built-in default chains exist from the first start (idempotent; the catalogue may call it too).
  app.addHook('onReady', async () => { await uc.ensureDefaultChains(db); });

  app.get('/admin/review-chains', { config: { policy: 'review.configure' }, schema: { querystring: NoticeQuery } }, async (req, reply) => {
    const { chains, canEditDefaults } = await uc.listChainsFor(db, req.user!);
    const notice = ownValue(NOTICES, req.query.done);
    return reply.page((vc) => ChainListPage({ vc, chains, canEditDefaults, notice }));
  });

  async function newPage(req: FastifyRequest, reply: FastifyReply, values: ChainForm, errors?: Record<string, string>, status = 200) {
    const orgs = await uc.orgChoices(db, req.user!);
    const { canEditDefaults } = await uc.listChainsFor(db, req.user!);
    return reply.page((vc) => ChainEditPage({ vc, canEdit: true, canEditDefaults, values, errors, orgs }), status);
  }

  app.get('/admin/review-chains/new', { config: { policy: 'review.configure' } }, async (req, reply) => {
    const orgs = await uc.orgChoices(db, req.user!);
    const { canEditDefaults } = await uc.listChainsFor(db, req.user!);
    // Start from the default chain's steps: most local chains adjust it rather than start from nothing.
    return newPage(req, reply, {
      name: '', subjectType: 'catalog_record', recordKind: '', orgId: canEditDefaults || !orgs[0] ? '' : String(orgs[0].id),
      separateActors: true, rows: rowsFor(DEFAULT_CATALOG_STEPS),
    });
  });

  app.post('/admin/review-chains', { config: { policy: 'review.configure' } }, async (req, reply) => {
    const { form, more } = readChainForm(req.body);
    if (more) return newPage(req, reply, withMoreRows(form));
    const r = await uc.createChain(db, caller(req), form);
    if (r.ok) return reply.redirect(`/admin/review-chains/${r.id}?done=created`, 303);
    if (r.reason === 'invalid') return newPage(req, reply, form, r.fields, 422);
    throw failure(r);
  });

  async function detailPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { values?: ChainForm; errors?: Record<string, string>; error?: string; notice?: string; status?: number } = {}) {
    const g = await uc.getChainFor(db, req.user!, id);
    if (!g.ok) throw failure(g);
    const { chain, canEdit } = g;
    const values: ChainForm = opts.values ?? {
      name: chain.name, subjectType: chain.subjectType, recordKind: chain.recordKind ?? '', orgId: chain.orgId === null ? '' : String(chain.orgId),
      separateActors: !chain.stepList.some((s) => s.allowSameActor), rows: rowsFor(chain.stepList),
    };
    return reply.page((vc) => ChainEditPage({
      vc, chain, canEdit, canEditDefaults: false, values, errors: opts.errors, orgs: [], notice: opts.notice, error: opts.error,
    }), opts.status ?? 200);
  }

  app.get('/admin/review-chains/:id', { config: { policy: 'review.configure' }, schema: { params: ChainParams, querystring: NoticeQuery } },
    async (req, reply) => detailPage(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done) }));

  app.post('/admin/review-chains/:id', { config: { policy: 'review.configure' }, schema: { params: ChainParams } }, async (req, reply) => {
    const id = req.params.id;
    const { form, more } = readChainForm(req.body);
    if (more) return detailPage(req, reply, id, { values: withMoreRows(form) });
    const r = await uc.updateChain(db, caller(req), id, form);
    if (r.ok) return reply.redirect(`/admin/review-chains/${id}?done=saved`, 303);
    if (r.reason === 'invalid') return detailPage(req, reply, id, { values: form, errors: r.fields, status: 422 });
    if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
    throw failure(r);
  });

  app.post('/admin/review-chains/:id/deactivate', { config: { policy: 'review.configure' }, schema: { params: ChainParams } }, async (req, reply) => {
    const id = req.params.id;
    const r = await uc.deactivateChain(db, caller(req), id);
    if (r.ok) return reply.redirect(`/admin/review-chains/${id}?done=deactivated`, 303);
    if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
    throw failure(r);
  });
}
