// API token administration: list, create for a user (the token is shown once), revoke.
// A token is minted by a user for themselves, or for an integration account (no personal-data roles)
// inside the caller's token.manage scope.
import type { Db } from '../../platform/db/index.ts';
import type { Result } from '../../platform/errors.ts';
import type { Caller } from '../org/use-cases.ts';
import { can, ROLES, scopeOf, type Principal } from './policy.ts';
import * as authRepo from './repo.ts';
import * as repo from './tokens-repo.ts';
import { createApiToken, revokeApiToken } from './service.ts';
import { checkUsername, INTEGRATION_FORBIDDEN_ROLES, normaliseUsername } from './users-domain.ts';

export type TokenFailure = 'invalid' | 'forbidden' | 'not_found';
export type TokenForm = { username: string; name: string; days: string };

export function listTokens(db: Db, user: Principal): Promise<repo.TokenListRow[]> {
  return repo.listTokens(db, [...scopeOf(user, 'token.manage')]);
}

export function validateTokenForm(f: Partial<TokenForm>): { ok: true; value: { username: string; name: string; days?: number } } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const username = normaliseUsername(f.username ?? '');
  const ue = checkUsername(username);
  if (ue) fields.username = ue;
  const name = (f.name ?? '').trim();
  if (!name) fields.name = '请填写令牌用途说明（如：数据报送接口）';
  else if (name.length > 100) fields.name = '用途说明不能超过 100 个字';
  const daysRaw = (f.days ?? '').trim();
  let days: number | undefined;
  if (daysRaw) {
    if (!/^\d{1,4}$/.test(daysRaw) || Number(daysRaw) < 1 || Number(daysRaw) > 3650) fields.days = '有效天数应为 1 至 3650 之间的整数；留空表示长期有效';
    else days = Number(daysRaw);
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { username, name, days } };
}

export const NOT_YOURS = '只能为本人或接口集成账户创建接口令牌：令牌以所属用户的身份和权限访问接口，为他人创建令牌等于以其名义操作。其他系统需要接口时，请先新增“接口集成账户”并只授予必要的角色。';

/**
 * A token is for the caller themselves, or for an integration account in the caller's token.manage
 * scope that holds no personal-data role; never for another person (the audit would name them).
 */
export async function createToken(db: Db, caller: Caller, form: Partial<TokenForm>): Promise<Result<{ id: number; token: string; username: string }, TokenFailure>> {
  const v = validateTokenForm(form);
  const fields = v.ok ? {} : { ...v.fields };
  const username = normaliseUsername(form.username ?? '');
  const owner = fields.username ? undefined : await authRepo.findUserByUsername(db, username);
  const self = !!owner && owner.id === caller.user.id;
  // An unknown user and one outside the scope get the same answer: no probing of other units' accounts.
  if (!fields.username && (!owner || !(self || can(caller.user, 'token.manage', { orgId: owner.orgId })))) fields.username = '该用户不存在或不在您的管理范围内';
  else if (owner && !owner.active) fields.username = '该用户已停用，不能为其创建令牌';
  if (!v.ok || Object.keys(fields).length || !owner) {
    return { ok: false, reason: 'invalid', message: '提交的内容有误，请按提示修改后重新提交。', fields };
  }
  if (!self && !owner.integration) return { ok: false, reason: 'forbidden', message: NOT_YOURS };
  if (!self) {
    const bad = (await authRepo.loadGrants(db, owner.id)).find((g) => INTEGRATION_FORBIDDEN_ROLES.has(g.role));
    if (bad) return { ok: false, reason: 'forbidden', message: `接口集成账户“${owner.username}”拥有“${ROLES[bad.role]}”角色，可查看个人信息或管理系统，不能为其创建令牌；请先删除该授权。` };
  }
  const r = await createApiToken(db, { id: caller.user.id, name: caller.user.username, ip: caller.ip }, { ...v.value, via: '管理平台' });
  if (!r.ok) return { ok: false, reason: 'invalid', message: r.message, fields: { username: r.message } };
  return { ok: true, id: r.id, token: r.token, username: owner.username };
}

export async function revokeToken(db: Db, caller: Caller, id: number): Promise<Result<object, TokenFailure>> {
  const t = await repo.findToken(db, id);
  if (!t) return { ok: false, reason: 'not_found', message: '令牌不存在。' };
  if (!can(caller.user, 'token.manage', { orgId: t.orgId })) return { ok: false, reason: 'forbidden', message: '您没有管理该令牌的权限。' };
  // Revoking twice is harmless: the first revocation stands and is the one audited.
  await revokeApiToken(db, { id: caller.user.id, name: caller.user.username, ip: caller.ip }, id);
  return { ok: true };
}
