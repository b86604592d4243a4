// API token administration: list, create for a user (the token is shown once), revoke.
// Scope: the token owner's organisation must be inside the caller's token.manage scope.
import type { Db } from '../../platform/db/index.ts';
import type { Result } from '../../platform/errors.ts';
import type { Caller } from '../org/use-cases.ts';
import { can, scopeOf, type Principal } from './policy.ts';
import * as authRepo from './repo.ts';
import * as repo from './tokens-repo.ts';
import { createApiToken, revokeApiToken } from './service.ts';
import { checkUsername, normaliseUsername } from './users-domain.ts';

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

export async function createToken(db: Db, caller: Caller, form: Partial<TokenForm>): Promise<Result<{ id: number; token: string; username: string }, TokenFailure>> {
  const v = validateTokenForm(form);
  const fields = v.ok ? {} : { ...v.fields };
  const username = normaliseUsername(form.username ?? '');
  const owner = fields.username ? undefined : await authRepo.findUserByUsername(db, username);
  // An unknown user and one outside the scope get the same answer: no probing of other units' accounts.
  if (!fields.username && (!owner || !can(caller.user, 'token.manage', { orgId: owner.orgId }))) fields.username = '该用户不存在或不在您的管理范围内';
  else if (owner && !owner.active) fields.username = '该用户已停用，不能为其创建令牌';
  if (!v.ok || Object.keys(fields).length || !owner) {
    return { ok: false, reason: 'invalid', message: '提交的内容有误，请按提示修改后重新提交。', fields };
  }
  const r = await createApiToken(db, { id: caller.user.id, name: caller.user.username, ip: caller.ip }, v.value);
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
