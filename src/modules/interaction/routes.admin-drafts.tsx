// Back office of 意见征集 (/admin/hdjl/yjzj): list with filters (incl. 采纳情况逾期), new / edit,
// 送审 → 发布 or 退回, the attachment (multipart, own scope), 采纳情况, and the comments to moderate.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError, type Fail } from '../../platform/errors.ts';
import { IdParams, QueryStr, ownValue, parseForm, readStrings, type FormStrings } from '../../platform/forms/index.ts';
import { registerUploads, signedInOnly, uploadedFile } from '../../platform/http/uploads.ts';
import { DOCUMENT_KINDS, MAX_DOCUMENT_BYTES, checkUpload } from '../../platform/files/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { listOrgs } from '../org/repo.ts';
import { addDays, SUMMARY_GRACE_DAYS } from './domain.ts';
import * as repo from './drafts.repo.ts';
import { DraftForm, draftProblems, ReasonForm, SummaryForm, WithdrawForm } from './forms.ts';
import { attachDraftFile, createDraft, publishDraft, publishSummary, returnDraft, submitDraft, updateDraft, withdrawDraft } from './use-cases/drafts.ts';
import { ADMIN_DRAFTS_HREF, DraftAdminListPage, DraftAdminPage, DraftEditPage, type DraftAdminState } from './views/admin-drafts.tsx';
import { staffSubmissions } from './routes.moderation.ts';

const READ = { config: { policy: 'interaction.read' } } as const;
const MANAGE = { config: { policy: 'interaction.manage' } } as const;
const APPROVE = { config: { policy: 'interaction.approve' } } as const;
const NOT_FOUND = '该意见征集不存在或已被删除。';
const Params = IdParams('id', NOT_FOUND);
const ListQuery = Type.Object({ view: QueryStr('筛选', 20), done: QueryStr('结果', 20) });
const DoneQuery = Type.Object({ done: QueryStr('结果', 20), err: QueryStr('问题', 20), item: QueryStr('留言', 12) });
const VersionForm = Type.Object({ version: Type.Optional(Type.String({ title: '版本', maxLength: 12 })) });
const FILTERS = { all: 'all', pending: 'pending', open: 'open', overdue: 'overdue' } as const;
export const DRAFT_NOTICES: Record<string, string> = {
  created: '意见征集已保存，可继续上传附件或送审发布。', saved: '修改已保存。', submitted: '已送审，待单位审核发布。', published: '已发布到门户网站“意见征集”栏目。',
  returned: '已退回修改。', withdrawn: '已撤回，门户网站不再列出该意见征集，原页面显示撤回原因。', summary: '采纳情况已公布。', attached: '附件已上传。', approved: '该条意见已通过审核，在网站上公开显示。', rejected: '该条意见不予展示。',
};
export const ITEM_PROBLEMS: Record<string, string> = { reason: '请填写不予展示的理由', conflict: '该条留言状态已变化，请刷新后重试' };

export function registerDraftsAdmin(app: FastifyInstance, ctx: AppContext): void {
  app.register(async (scope) => {
    await registerUploads(scope, { maxBytes: MAX_DOCUMENT_BYTES, fields: 4, tooLarge: '上传的文件超过 20 MB，请压缩后再上传。', allow: signedInOnly });
    routes(scope, ctx);
  });
}

function routes(scope: FastifyInstance, ctx: AppContext): void {
  const app = scope.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const caller = (req: FastifyRequest) => ({ user: req.user!, ip: req.ip });
  const today = () => beijingToday(ctx.now());
  const versionOf = (body: unknown) => Number(readStrings(VersionForm, body).version) || 0;

  async function orgChoices(req: FastifyRequest) {
    const s = scopeOf(req.user!, 'interaction.manage');
    return (await listOrgs(db)).filter((o) => o.active && s.has(o.id)).map((o) => ({ id: o.id, name: o.name }));
  }
  async function draftOf(req: FastifyRequest, id: number) {
    const d = await repo.findDraft(db, id);
    if (!d) throw new AppError('not_found', NOT_FOUND);
    authorize(req, 'interaction.read', { orgId: d.orgId });
    return d;
  }
  async function detail(req: FastifyRequest, reply: FastifyReply, id: number, state: DraftAdminState, status = 200) {
    const d = await draftOf(req, id);
    const u = req.user!;
    const items = await staffSubmissions(ctx, 'draft', id);
    const c = {
      manage: can(u, 'interaction.manage', { orgId: d.orgId }), approve: can(u, 'interaction.approve', { orgId: d.orgId }), moderate: can(u, 'interaction.moderate', { orgId: d.orgId }),
      submitter: d.submittedBy === u.id,
    };
    return reply.page((vc) => <DraftAdminPage vc={vc} d={d} today={today()} items={items} can={c} state={state} />, status);
  }
  const refused = (req: FastifyRequest, reply: FastifyReply, id: number, r: Fail, values?: FormStrings) => {
    if (r.reason === 'not_found') throw new AppError('not_found', r.message);
    if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
    return detail(req, reply, id, { errors: r.fields, message: r.message, values }, r.reason === 'invalid' ? 422 : r.reason === 'same_actor' ? 403 : 409);
  };

  app.get(ADMIN_DRAFTS_HREF, { ...READ, schema: { querystring: ListQuery } }, async (req, reply) => {
    const filter = ownValue(FILTERS, req.query.view) ?? 'all';
    const day = today();
    const rows = await repo.listDraftsForStaff(db, [...scopeOf(req.user!, 'interaction.read')], filter, day, addDays(day, -SUMMARY_GRACE_DAYS));
    return reply.page((vc) => <DraftAdminListPage vc={vc} rows={rows} filter={filter} today={day} canCreate={can(req.user, 'interaction.manage')} notice={ownValue(DRAFT_NOTICES, req.query.done)} />);
  });

  async function editPage(req: FastifyRequest, reply: FastifyReply, p: { draft?: repo.DraftView; values: FormStrings; errors?: Record<string, string>; message?: string }, status = 200) {
    const orgs = await orgChoices(req);
    return reply.page((vc) => <DraftEditPage vc={vc} orgs={orgs} {...p} />, status);
  }

  app.get(`${ADMIN_DRAFTS_HREF}/new`, MANAGE, async (req, reply) => {
    const day = today();
    const orgs = await orgChoices(req);
    return editPage(req, reply, { values: { orgId: orgs.length === 1 ? String(orgs[0]!.id) : '', startDate: day, endDate: addDays(day, 30), showComments: '1' } });
  });
  app.post(ADMIN_DRAFTS_HREF, MANAGE, async (req, reply) => {
    const f = parseForm(DraftForm, req.body, { domain: draftProblems });
    if (!f.ok) return editPage(req, reply, { values: f.values, errors: f.errors, message: f.summary }, 422);
    const r = await createDraft(ctx, caller(req), f.values);
    if (!r.ok) return editPage(req, reply, { values: f.strings, errors: r.fields, message: r.message }, 422);
    return reply.redirect(`${ADMIN_DRAFTS_HREF}/${r.id}?done=created`, 303);
  });

  app.get(`${ADMIN_DRAFTS_HREF}/:id`, { ...READ, schema: { params: Params, querystring: DoneQuery } }, async (req, reply) => {
    const item = Number(req.query.item);
    const problem = ownValue(ITEM_PROBLEMS, req.query.err);
    return detail(req, reply, req.params.id, { notice: ownValue(DRAFT_NOTICES, req.query.done), itemErrors: problem && item ? { [item]: problem } : undefined });
  });

  app.get(`${ADMIN_DRAFTS_HREF}/:id/edit`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const d = await draftOf(req, req.params.id);
    authorize(req, 'interaction.manage', { orgId: d.orgId });
    const values: FormStrings = { orgId: String(d.orgId), title: d.title, body: d.body, howToComment: d.howToComment, startDate: d.startDate, endDate: d.endDate, showComments: d.showComments ? '1' : '' };
    return editPage(req, reply, { draft: d, values });
  });
  app.post(`${ADMIN_DRAFTS_HREF}/:id/edit`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const d = await draftOf(req, req.params.id);
    const f = parseForm(DraftForm, req.body, { domain: draftProblems });
    if (!f.ok) return editPage(req, reply, { draft: d, values: f.values, errors: f.errors, message: f.summary }, 422);
    const r = await updateDraft(ctx, caller(req), d.id, versionOf(req.body), f.values);
    if (!r.ok) {
      if (r.reason === 'forbidden') throw new AppError('forbidden', r.message);
      return editPage(req, reply, { draft: d, values: f.strings, errors: r.fields, message: r.message }, r.reason === 'invalid' ? 422 : 409);
    }
    return reply.redirect(`${ADMIN_DRAFTS_HREF}/${d.id}?done=saved`, 303);
  });

  app.post(`${ADMIN_DRAFTS_HREF}/:id/attachment`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const id = req.params.id;
    const file = uploadedFile(req.body, 'attachment');
    if (!file || file.data.length === 0) return detail(req, reply, id, { errors: { attachment: '请选择要上传的文件' } }, 422);
    if (file.truncated) return detail(req, reply, id, { errors: { attachment: '文件过大，最大为 20MB' } }, 413);
    const chk = await checkUpload(file.data, file.filename, { allowed: DOCUMENT_KINDS.filter((k) => k !== 'html'), maxBytes: MAX_DOCUMENT_BYTES });
    if (!chk.ok) return detail(req, reply, id, { errors: { attachment: chk.message } }, 422);
    const r = await attachDraftFile(ctx, caller(req), id, { bytes: file.data, name: chk.name, kind: chk.kind, mime: chk.mime });
    if (!r.ok) return refused(req, reply, id, r);
    return reply.redirect(`${ADMIN_DRAFTS_HREF}/${id}?done=attached`, 303);
  });

  app.post(`${ADMIN_DRAFTS_HREF}/:id/submit`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const r = await submitDraft(ctx, caller(req), req.params.id, versionOf(req.body));
    return r.ok ? reply.redirect(`${ADMIN_DRAFTS_HREF}/${req.params.id}?done=submitted`, 303) : refused(req, reply, req.params.id, r);
  });
  app.post(`${ADMIN_DRAFTS_HREF}/:id/publish`, { ...APPROVE, schema: { params: Params } }, async (req, reply) => {
    const r = await publishDraft(ctx, caller(req), req.params.id, versionOf(req.body));
    return r.ok ? reply.redirect(`${ADMIN_DRAFTS_HREF}/${req.params.id}?done=published`, 303) : refused(req, reply, req.params.id, r);
  });
  app.post(`${ADMIN_DRAFTS_HREF}/:id/return`, { ...APPROVE, schema: { params: Params } }, async (req, reply) => {
    const { reason } = readStrings(ReasonForm, req.body);
    const r = await returnDraft(ctx, caller(req), req.params.id, versionOf(req.body), reason);
    return r.ok ? reply.redirect(`${ADMIN_DRAFTS_HREF}/${req.params.id}?done=returned`, 303) : refused(req, reply, req.params.id, r, { reason });
  });
  app.post(`${ADMIN_DRAFTS_HREF}/:id/withdraw`, { ...APPROVE, schema: { params: Params } }, async (req, reply) => {
    const { withdrawReason } = readStrings(WithdrawForm, req.body);
    const r = await withdrawDraft(ctx, caller(req), req.params.id, versionOf(req.body), withdrawReason);
    return r.ok ? reply.redirect(`${ADMIN_DRAFTS_HREF}/${req.params.id}?done=withdrawn`, 303) : refused(req, reply, req.params.id, r, { withdrawReason });
  });
  app.post(`${ADMIN_DRAFTS_HREF}/:id/summary`, { ...MANAGE, schema: { params: Params } }, async (req, reply) => {
    const { summary } = readStrings(SummaryForm, req.body);
    const r = await publishSummary(ctx, caller(req), req.params.id, versionOf(req.body), summary);
    return r.ok ? reply.redirect(`${ADMIN_DRAFTS_HREF}/${req.params.id}?done=summary`, 303) : refused(req, reply, req.params.id, r, { summary });
  });
}
