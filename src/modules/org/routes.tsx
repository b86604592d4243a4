// Organisation admin screens: /admin/orgs (tree), /admin/orgs/new, /admin/orgs/:id (view + edit).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../auth/routes.tsx';
import { can, scopeOf } from '../auth/policy.ts';
import { parseId, type OrgForm } from './domain.ts';
import * as repo from './repo.ts';
import { ownValue, readStrings } from '../../platform/forms/index.ts';
import { NewOrgQuery, OrgFormSchema, OrgNoticeQuery, OrgParams } from './forms.ts';
import * as uc from './use-cases.ts';
import { OrgDetailPage, OrgListPage, OrgNewPage, orgToForm } from './views.tsx';

const NOTICES: Record<string, string> = {
  created: '机构已新增。',
  saved: '机构信息已保存。',
  deactivated: '机构已停用。',
  reactivated: '机构已启用。',
};

/** Reads the organisation form from a body: bounded strings only. */
export function readOrgForm(body: unknown): Partial<OrgForm> {
  return readStrings(OrgFormSchema, body);
}

const caller = (req: FastifyRequest): uc.Caller => ({ user: req.user!, ip: req.ip });

function failure(r: { reason: uc.OrgFailure; message: string }): AppError {
  if (r.reason === 'forbidden') return new AppError('forbidden', r.message);
  if (r.reason === 'not_found') return new AppError('not_found', r.message);
  return new AppError('conflict', r.message);
}

export function registerOrgAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  app.get('/admin/orgs', { config: { policy: 'org.read' }, schema: { querystring: OrgNoticeQuery } }, async (req, reply) => {
    const tree = await uc.orgTree(db, req.user!);
    const notice = ownValue(NOTICES, req.query.done);
    return reply.page((vc) => OrgListPage({ vc, tree, canManage: can(req.user, 'org.manage'), notice }));
  });

  async function newPage(req: FastifyRequest, reply: FastifyReply, values: Partial<OrgForm>, errors?: Record<string, string>, status = 200) {
    const parents = await uc.orgChoices(db, req.user!, 'org.manage');
    const roots = await repo.rootIds(db);
    const allowRoot = roots.every((id) => can(req.user, 'org.manage', { orgId: id }));
    return reply.page((vc) => OrgNewPage({ vc, values, errors, parents, allowRoot }), status);
  }

  app.get('/admin/orgs/new', { config: { policy: 'org.manage' }, schema: { querystring: NewOrgQuery } }, async (req, reply) => {
    const parent = parseId(req.query.parent);
    return newPage(req, reply, { parentId: parent ? String(parent) : '', kind: 'department', sort: '0' });
  });

  app.post('/admin/orgs', { config: { policy: 'org.manage' } }, async (req, reply) => {
    const form = readOrgForm(req.body);
    const parentId = parseId(form.parentId);
    if (parentId !== null) authorize(req, 'org.manage', { orgId: parentId });
    const r = await uc.createOrg(db, caller(req), form);
    if (r.ok) return reply.redirect(`/admin/orgs/${r.id}?done=created`, 303);
    if (r.reason === 'invalid') return newPage(req, reply, form, r.fields, 422);
    throw failure(r);
  });

  async function detailPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: { values?: Partial<OrgForm>; errors?: Record<string, string>; error?: string; notice?: string; status?: number } = {}) {
    const org = await repo.findOrg(db, id);
    if (!org) throw new AppError('not_found', '机构不存在。');
    if (!scopeOf(req.user!, 'org.read').has(id)) throw new AppError('forbidden', '您没有查看该机构的权限。');
    const all = await repo.listOrgs(db);
    const parent = org.parentId !== null ? all.find((o) => o.id === org.parentId) : undefined;
    const children = all.filter((o) => o.parentId === id);
    const canManage = can(req.user, 'org.manage', { orgId: id });
    let form: Parameters<typeof OrgDetailPage>[0]['form'];
    if (canManage) {
      const parents = await uc.orgChoices(db, req.user!, 'org.manage');
      const roots = await repo.rootIds(db);
      form = {
        values: opts.values ?? orgToForm(org),
        errors: opts.errors,
        parents,
        allowRoot: org.parentId === null || roots.every((r) => can(req.user, 'org.manage', { orgId: r })),
        exclude: new Set(await repo.subtreeIds(db, id)),
      };
    }
    const userCount = await repo.countUsers(db, id);
    return reply.page((vc) => OrgDetailPage({
      vc, org, parent, children, userCount, canManage, canReadUsers: can(req.user, 'user.read', { orgId: id }), form, notice: opts.notice, error: opts.error,
    }), opts.status ?? 200);
  }

  app.get('/admin/orgs/:id', { config: { policy: 'org.read' }, schema: { params: OrgParams, querystring: OrgNoticeQuery } },
    async (req, reply) => detailPage(req, reply, req.params.id, { notice: ownValue(NOTICES, req.query.done) }));

  app.post('/admin/orgs/:id', { config: { policy: 'org.manage' }, schema: { params: OrgParams } }, async (req, reply) => {
    const id = req.params.id;
    const form = readOrgForm(req.body);
    const r = await uc.updateOrg(db, caller(req), id, form);
    if (r.ok) return reply.redirect(`/admin/orgs/${id}?done=saved`, 303);
    if (r.reason === 'invalid') return detailPage(req, reply, id, { values: form, errors: r.fields, status: 422 });
    throw failure(r);
  });

  for (const [path, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`/admin/orgs/:id/${path}`, { config: { policy: 'org.manage' }, schema: { params: OrgParams } }, async (req, reply) => {
      const id = req.params.id;
      const r = await uc.setOrgActive(db, caller(req), id, active);
      if (r.ok) return reply.redirect(`/admin/orgs/${id}?done=${active ? 'reactivated' : 'deactivated'}`, 303);
      if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
      throw failure(r);
    });
  }
}
