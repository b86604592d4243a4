// 专家库 (/admin/experts) and 政务新媒体 (/admin/xmt): organisations register and update, the press
// office files; expert phones encrypted, masked in the list, in full only on the edit page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, type FormStrings } from '../../platform/forms/index.ts';
import { maskPhone } from '../../platform/crypto/index.ts';
import { readSetting } from '../portal/settings.repo.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { DEFAULT_STALE_DAYS, ExpertForm, MediaForm, expertProblems, mediaFlags, mediaProblems, staleCutoff, type MediaStatus } from './domain.ts';
import * as repo from './repo.ts';
import { STALE_DAYS_KEY, fileExpert, fileMedia, saveExpert, saveMedia, setStaleDays } from './use-cases/registry.ts';
import { todayOf } from './use-cases/shared.ts';
import { ExpertEditPage, ExpertsPage, MediaEditPage, MediaPage } from './views/registry.tsx';
import { EXPERTS_HREF, XMT_HREF } from './views/shared.tsx';
import { refusal } from './routes.people.tsx';

const READ = { policy: 'spokesperson.read' } as const;
const EDIT = { policy: 'spokesperson.edit' } as const;
const FILE = { policy: 'spokesperson.file' } as const;
const DoneQuery = Type.Object({ done: QueryStr('结果', 20) });
const MediaQuery = Type.Object({ done: QueryStr('结果', 20), flag: QueryStr('筛选', 2) });
const EXPERT_PARAMS = IdParams('id', '专家不存在。');
const MEDIA_PARAMS = IdParams('id', '政务新媒体账号不存在。');
const DaysForm = Type.Object({ days: Type.Integer({ title: '天数', minimum: 1, maximum: 365 }) });
const NOTICES: Record<string, string> = { saved: '已保存，请报宣传部备案。', filed: '已备案。', settings: '设置已保存。' };

/** Days without an update before an account is flagged (the press office's setting). */
export async function staleDaysOf(ctx: AppContext): Promise<number> {
  const v = await readSetting<number>(ctx.db, STALE_DAYS_KEY);
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : DEFAULT_STALE_DAYS;
}

export function registerSpokesRegistry(app: FastifyInstance, ctx: AppContext): void {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });
  const editOrgs = async (req: FastifyRequest) => { const s = scopeOf(req.user!, 'spokesperson.edit'); return (await repo.activeOrgs(db)).filter((o) => s.has(o.id)); };
  const orgIdOf = (v: string) => (/^[1-9]\d{0,9}$/.test(v) ? Number(v) : 0);

  // --- experts -------------------------------------------------------------------------------------

  api.get(EXPERTS_HREF, { config: READ, schema: { querystring: DoneQuery } }, async (req, reply) => {
    const rows = (await repo.listExperts(db, [...scopeOf(req.user!, 'spokesperson.read')])).map(({ phoneEnc, emailEnc: _e, ...x }) => ({ ...x, phoneMasked: maskPhone(ctx.fieldCipher.decrypt(phoneEnc)) }));
    return reply.page((vc) => ExpertsPage({ vc, rows, canFile: can(req.user, 'spokesperson.file'), notice: ownValue(NOTICES, req.query.done) }));
  });

  const expertForm = async (req: FastifyRequest, reply: FastifyReply, id: number | undefined, values: FormStrings, errors?: Record<string, string>, status = 200) => {
    const orgs = await editOrgs(req);
    return reply.page((vc) => ExpertEditPage({ vc, id, orgs, values, errors }), status);
  };

  api.get(`${EXPERTS_HREF}/new`, { config: EDIT }, async (req, reply) => expertForm(req, reply, undefined, { orgId: String(req.user!.orgId), status: 'active' }));

  const saveExpertRoute = (id: number | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    const f = parseForm(ExpertForm, req.body, { domain: expertProblems });
    if (!f.ok) return expertForm(req, reply, id ?? undefined, f.values, f.errors, 422);
    const v = f.values;
    const r = await saveExpert(ctx, caller(req), id, { ...v, orgId: orgIdOf(v.orgId), email: v.email || null });
    if (!r.ok && r.reason === 'invalid') return expertForm(req, reply, id ?? undefined, f.strings, r.fields, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EXPERTS_HREF}?done=saved`, 303);
  };
  api.post(EXPERTS_HREF, { config: EDIT }, saveExpertRoute(null));

  api.get(`${EXPERTS_HREF}/:id`, { config: EDIT, schema: { params: EXPERT_PARAMS } }, async (req, reply) => {
    const x = await repo.findExpert(db, req.params.id);
    if (!x) throw new AppError('not_found', '专家不存在。');
    authorize(req, 'spokesperson.edit', { orgId: x.orgId });
    reply.header('cache-control', 'no-store');
    return expertForm(req, reply, x.id, {
      orgId: String(x.orgId), name: x.name, field: x.field, employer: x.employer, title: x.title, status: x.status,
      phone: ctx.fieldCipher.decrypt(x.phoneEnc), email: x.emailEnc ? ctx.fieldCipher.decrypt(x.emailEnc) : '',
    });
  });
  api.post(`${EXPERTS_HREF}/:id`, { config: EDIT, schema: { params: EXPERT_PARAMS } }, async (req, reply) => saveExpertRoute(req.params.id)(req, reply));

  api.post(`${EXPERTS_HREF}/:id/file`, { config: FILE, schema: { params: EXPERT_PARAMS } }, async (req, reply) => {
    const r = await fileExpert(ctx, caller(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${EXPERTS_HREF}?done=filed`, 303);
  });

  // --- 政务新媒体 -----------------------------------------------------------------------------------

  async function mediaPage(req: FastifyRequest, reply: FastifyReply, p: { flag?: boolean; values?: FormStrings; errors?: Record<string, string>; notice?: string }, status = 200) {
    const today = todayOf(ctx);
    const staleDays = await staleDaysOf(ctx);
    const ids = [...scopeOf(req.user!, 'spokesperson.read')];
    const rows = (await repo.listMedia(db, { orgIds: ids, flaggedBefore: p.flag ? staleCutoff(today, staleDays) : undefined }))
      .map((m) => ({ ...m, flags: mediaFlags({ status: m.status as MediaStatus, filedOn: m.filedOn, lastUpdateOn: m.lastUpdateOn }, today, staleDays) }));
    return reply.page((vc) => MediaPage({ vc, rows, flaggedOnly: !!p.flag, staleDays, canFile: can(req.user, 'spokesperson.file'), values: p.values ?? {}, errors: p.errors, notice: p.notice }), status);
  }

  api.get(XMT_HREF, { config: READ, schema: { querystring: MediaQuery } }, async (req, reply) =>
    mediaPage(req, reply, { flag: req.query.flag === '1', notice: ownValue(NOTICES, req.query.done) }));

  api.post(`${XMT_HREF}/settings`, { config: FILE }, async (req, reply) => {
    const f = parseForm(DaysForm, req.body);
    if (!f.ok) return mediaPage(req, reply, { values: f.values, errors: f.errors }, 422);
    const r = await setStaleDays(ctx, caller(req), f.values.days);
    if (!r.ok && r.reason === 'invalid') return mediaPage(req, reply, { values: f.strings, errors: r.fields }, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${XMT_HREF}?done=settings`, 303);
  });

  const mediaForm = async (req: FastifyRequest, reply: FastifyReply, id: number | undefined, values: FormStrings, errors?: Record<string, string>, status = 200) => {
    const orgs = await editOrgs(req);
    return reply.page((vc) => MediaEditPage({ vc, id, orgs, values, errors }), status);
  };

  api.get(`${XMT_HREF}/new`, { config: EDIT }, async (req, reply) => mediaForm(req, reply, undefined, { orgId: String(req.user!.orgId), status: 'operating' }));

  const saveMediaRoute = (id: number | null) => async (req: FastifyRequest, reply: FastifyReply) => {
    const f = parseForm(MediaForm, req.body, { domain: mediaProblems(todayOf(ctx)) });
    if (!f.ok) return mediaForm(req, reply, id ?? undefined, f.values, f.errors, 422);
    const v = f.values;
    const r = await saveMedia(ctx, caller(req), id, { ...v, orgId: orgIdOf(v.orgId), url: v.url || null, lastUpdateOn: v.lastUpdateOn || null });
    if (!r.ok && r.reason === 'invalid') return mediaForm(req, reply, id ?? undefined, f.strings, r.fields, 422);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${XMT_HREF}?done=saved`, 303);
  };
  api.post(XMT_HREF, { config: EDIT }, saveMediaRoute(null));

  api.get(`${XMT_HREF}/:id`, { config: EDIT, schema: { params: MEDIA_PARAMS } }, async (req, reply) => {
    const m = await repo.findMedia(db, req.params.id);
    if (!m) throw new AppError('not_found', '政务新媒体账号不存在。');
    authorize(req, 'spokesperson.edit', { orgId: m.orgId });
    return mediaForm(req, reply, m.id, {
      orgId: String(m.orgId), platform: m.platform, accountName: m.accountName, responsible: m.responsible, url: m.url ?? '', status: m.status, lastUpdateOn: m.lastUpdateOn ?? '',
    });
  });
  api.post(`${XMT_HREF}/:id`, { config: EDIT, schema: { params: MEDIA_PARAMS } }, async (req, reply) => saveMediaRoute(req.params.id)(req, reply));

  api.post(`${XMT_HREF}/:id/file`, { config: FILE, schema: { params: MEDIA_PARAMS } }, async (req, reply) => {
    const r = await fileMedia(ctx, caller(req), req.params.id);
    if (!r.ok) throw refusal(r);
    return reply.redirect(`${XMT_HREF}?done=filed`, 303);
  });
}
