// User, role-grant and API token admin screens: /admin/users…, /admin/tokens…
// Routes stay thin: read the form, call the use case, render the outcome.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { buildTree } from '../org/domain.ts';
import * as orgRepo from '../org/repo.ts';
import { orgChoices, type Caller } from '../org/use-cases.ts';
import { IdParams, formText, parseForm } from '../../platform/forms/index.ts';
import { AdminQuerySchema, GrantFormSchema, TokenFormSchema, UserFormSchema, UserListQuerySchema } from './forms.ts';
import { can, scopeOf } from './policy.ts';
import { parseId, type UserForm } from './users-domain.ts';
import * as users from './users.ts';
import * as tokens from './tokens.ts';
import {
  PasswordShownOncePage, TokenCreatedPage, TokenListPage, UserDetailPage, UserListPage, UserNewPage, type ListFilters,
} from './admin-views.tsx';

const USER_NOTICES: Record<string, string> = {
  saved: '用户信息已保存。',
  deactivated: '账户已停用，该用户已登录的会话均已退出。',
  reactivated: '账户已启用。',
  unlocked: '账户已解除锁定。',
  integration: '接口集成账户已创建。该账户不能登录，请授予必要的角色，再在“接口令牌”中为其创建令牌。',
  granted: '角色已授予。',
  revoked: '授权已删除。',
};

const TOKEN_NOTICES: Record<string, string> = { revoked: '令牌已吊销，使用该令牌的请求将被拒绝。' };

const UserParams = IdParams('id');
const GrantParams = IdParams(['id', 'grantId']);
const TokenParams = IdParams('id');

const caller = (req: FastifyRequest): Caller => ({ user: req.user!, ip: req.ip });
/** The query string's `done` / `org` as bounded strings (checked where used: a notice lookup, parseId). */
const adminQuery = (req: FastifyRequest) => formText(parseForm(AdminQuerySchema, req.query));

function failure(r: { reason: string; message: string }): AppError {
  if (r.reason === 'forbidden') return new AppError('forbidden', r.message);
  if (r.reason === 'not_found') return new AppError('not_found', r.message);
  if (r.reason === 'invalid') return new AppError('validation_failed', r.message);
  return new AppError('conflict', r.message);
}

/** The user form as bounded strings as typed: validateUserForm (in the use case) checks them and gives the messages. */
function readUserForm(body: unknown): Partial<UserForm> {
  return formText(parseForm(UserFormSchema, body));
}

/** Password and token pages must never be cached or kept in history caches. */
function noStore(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store, max-age=0').header('pragma', 'no-cache');
}

export function registerUserAdmin(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  // ---- users -------------------------------------------------------------

  app.get('/admin/users', { config: { policy: 'user.read' } }, async (req, reply) => {
    // A filter that does not fit its field (longer than any the form offers) is not applied.
    const lq = parseForm(UserListQuerySchema, req.query);
    const t = formText(lq);
    const fit = (k: keyof typeof t) => (lq.ok || !lq.errors[k] ? t[k] : '');
    const filters: ListFilters = { org: fit('org'), role: fit('role'), status: fit('status'), q: fit('q') };
    const orgId = parseId(filters.org);
    if (!orgId) filters.org = '';
    const page = parseId(fit('page')) ?? 1;
    const r = await users.listUsers(db, req.user!, { orgId, role: filters.role, status: filters.status, q: filters.q, page });
    const orgTree = buildTree(await orgRepo.listOrgs(db), scopeOf(req.user!, 'user.read'));
    const notice = USER_NOTICES[adminQuery(req).done];
    return reply.page((vc) => UserListPage({ vc, ...r, filters, orgTree, canManage: can(req.user, 'user.manage'), notice }));
  });

  async function newUserPage(req: FastifyRequest, reply: FastifyReply, values: Partial<UserForm>, errors?: Record<string, string>, status = 200) {
    const orgTree = await orgChoices(db, req.user!, 'user.manage');
    return reply.page((vc) => UserNewPage({ vc, values, errors, orgTree }), status);
  }

  app.get('/admin/users/new', { config: { policy: 'user.manage' } }, async (req, reply) => {
    const org = parseId(adminQuery(req).org);
    return newUserPage(req, reply, { orgId: org ? String(org) : '' });
  });

  app.post('/admin/users', { config: { policy: 'user.manage' } }, async (req, reply) => {
    const form = readUserForm(req.body);
    const r = await users.createUser(db, caller(req), form);
    if (r.ok && r.integration) return reply.redirect(`/admin/users/${r.id}?done=integration`, 303);
    if (r.ok) {
      return noStore(reply).page((vc) => PasswordShownOncePage({ vc, title: '用户已创建', userId: r.id, username: r.username, password: r.password, created: true }), 201);
    }
    if (r.reason === 'invalid') return newUserPage(req, reply, form, r.fields, 422);
    throw failure(r);
  });

  interface DetailOpts {
    values?: Partial<UserForm>; errors?: Record<string, string>;
    grantValues?: { role?: string; grantOrgId?: string; includeSubtree?: boolean }; grantErrors?: Record<string, string>;
    error?: string; status?: number;
  }

  async function detailPage(req: FastifyRequest, reply: FastifyReply, id: number, opts: DetailOpts = {}) {
    const r = await users.getUser(db, req.user!, id);
    if (!r.ok) throw failure(r);
    const canManage = can(req.user, 'user.manage', { orgId: r.user.orgId });
    const orgTree = canManage ? await orgChoices(db, req.user!, 'user.manage') : [];
    const notice = USER_NOTICES[adminQuery(req).done];
    return reply.page((vc) => UserDetailPage({
      vc, user: r.user, grants: r.grants, canManage, isSelf: r.user.id === req.user!.id, orgTree, notice, ...opts,
    }), opts.status ?? 200);
  }

  app.get('/admin/users/:id', { config: { policy: 'user.read' }, schema: { params: UserParams } }, async (req, reply) => detailPage(req, reply, req.params.id));

  app.post('/admin/users/:id', { config: { policy: 'user.manage' }, schema: { params: UserParams } }, async (req, reply) => {
    const id = req.params.id;
    const form = readUserForm(req.body);
    const r = await users.updateUser(db, caller(req), id, form);
    if (r.ok) return reply.redirect(`/admin/users/${id}?done=saved`, 303);
    if (r.reason === 'invalid') return detailPage(req, reply, id, { values: form, errors: r.fields, status: 422 });
    throw failure(r);
  });

  const simple = [
    ['deactivate', 'deactivated', (c: Caller, id: number) => users.setUserActive(db, c, id, false)],
    ['reactivate', 'reactivated', (c: Caller, id: number) => users.setUserActive(db, c, id, true)],
    ['unlock', 'unlocked', (c: Caller, id: number) => users.unlockUser(db, c, id)],
  ] as const;
  for (const [path, done, run] of simple) {
    app.post(`/admin/users/:id/${path}`, { config: { policy: 'user.manage' }, schema: { params: UserParams } }, async (req, reply) => {
      const id = req.params.id;
      const r = await run(caller(req), id);
      if (r.ok) return reply.redirect(`/admin/users/${id}?done=${done}`, 303);
      if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
      throw failure(r);
    });
  }

  app.post('/admin/users/:id/reset-password', { config: { policy: 'user.manage' }, schema: { params: UserParams } }, async (req, reply) => {
    const id = req.params.id;
    const r = await users.resetUserPassword(db, caller(req), id);
    if (r.ok) {
      return noStore(reply).page((vc) => PasswordShownOncePage({ vc, title: '密码已重置', userId: id, username: r.username, password: r.password, created: false }));
    }
    if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
    throw failure(r);
  });

  app.post('/admin/users/:id/grants', { config: { policy: 'user.manage' }, schema: { params: UserParams } }, async (req, reply) => {
    const id = req.params.id;
    const g = formText(parseForm(GrantFormSchema, req.body));
    const grantValues = { role: g.role, grantOrgId: g.grantOrgId, includeSubtree: g.includeSubtree === '1' };
    const r = await users.addGrant(db, caller(req), id, { role: grantValues.role, orgId: grantValues.grantOrgId, includeSubtree: grantValues.includeSubtree ? '1' : '' });
    if (r.ok) return reply.redirect(`/admin/users/${id}?done=granted#grants`, 303);
    if (r.reason === 'invalid') return detailPage(req, reply, id, { grantValues, grantErrors: r.fields, status: 422 });
    // A grant outside the granter's scope: say why next to the form rather than on a bare 403 page.
    if (r.reason === 'forbidden' && r.fields) return detailPage(req, reply, id, { grantValues, grantErrors: r.fields, status: 403 });
    throw failure(r);
  });

  app.post('/admin/users/:id/grants/:grantId/delete', { config: { policy: 'user.manage' }, schema: { params: GrantParams } }, async (req, reply) => {
    const id = req.params.id;
    const grantId = req.params.grantId;
    const r = await users.removeGrant(db, caller(req), id, grantId);
    if (r.ok) return reply.redirect(`/admin/users/${id}?done=revoked#grants`, 303);
    if (r.reason === 'conflict') return detailPage(req, reply, id, { error: r.message, status: 409 });
    if (r.reason === 'forbidden' && r.fields) return detailPage(req, reply, id, { error: r.message, status: 403 });
    throw failure(r);
  });

  // ---- API tokens --------------------------------------------------------

  async function tokenPage(req: FastifyRequest, reply: FastifyReply, opts: { values?: Partial<tokens.TokenForm>; errors?: Record<string, string>; status?: number } = {}) {
    const rows = await tokens.listTokens(db, req.user!);
    const notice = TOKEN_NOTICES[adminQuery(req).done];
    const values = opts.values ?? { username: req.user!.username };
    return reply.page((vc) => TokenListPage({ vc, rows, now: ctx.now(), notice, ...opts, values }), opts.status ?? 200);
  }

  app.get('/admin/tokens', { config: { policy: 'token.manage' } }, async (req, reply) => tokenPage(req, reply));

  app.post('/admin/tokens', { config: { policy: 'token.manage' } }, async (req, reply) => {
    // Bounded strings as typed: validateTokenForm (in createToken) checks them and gives the messages.
    const values = formText(parseForm(TokenFormSchema, req.body));
    const r = await tokens.createToken(db, caller(req), values);
    if (r.ok) return noStore(reply).page((vc) => TokenCreatedPage({ vc, token: r.token, username: r.username, id: r.id }), 201);
    if (r.reason === 'invalid') return tokenPage(req, reply, { values, errors: r.fields, status: 422 });
    throw failure(r);
  });

  app.post('/admin/tokens/:id/revoke', { config: { policy: 'token.manage' }, schema: { params: TokenParams } }, async (req, reply) => {
    const r = await tokens.revokeToken(db, caller(req), req.params.id);
    if (r.ok) return reply.redirect('/admin/tokens?done=revoked', 303);
    throw failure(r);
  });
}
