// User administration use cases: list, create (with a generated temporary password), edit,
// (de)activate, unlock, reset password, and role grants. Each change is audited in its transaction;
// audit summaries never hold password hashes and mask contact details.
import { withTx, type Db, type Tx } from '../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import { hashPassword, maskEmail, maskPhone } from '../../platform/crypto/index.ts';
import { invalid, type Result } from '../../platform/errors.ts';
import * as orgRepo from '../org/repo.ts';
import { auditActor, type Caller } from './caller.ts';
import { can, ROLES, scopeOf, type Principal } from './policy.ts';
import * as authRepo from './repo.ts';
import * as repo from './users-repo.ts';
import {
  activationBlocker, generateTemporaryPassword, isRoleKey, grantBlocker, integrationGrantBlocker, normaliseUsername, sysadminRemovalBlocker,
  validateGrantForm, validateUserForm, type UserFields, type UserForm,
} from './users-domain.ts';

export type { Caller };
export type UserFailure = 'invalid' | 'forbidden' | 'not_found' | 'conflict';
export type UserResult<T = object> = Result<T, UserFailure>;

const FORBIDDEN = { ok: false as const, reason: 'forbidden' as const, message: '您没有管理该用户的权限。' };
const NOT_FOUND = { ok: false as const, reason: 'not_found' as const, message: '用户不存在。' };
const conflict = (message: string) => ({ ok: false as const, reason: 'conflict' as const, message });

/** Contact details in the audit log are masked: the log is read by more people than the user list. */
function auditFields(u: Partial<UserFields & { username: string; orgName: string }>) {
  const out: Record<string, unknown> = { ...u };
  if (u.email) out.email = maskEmail(u.email);
  if (u.phone) out.phone = maskPhone(u.phone);
  return out;
}

function changed<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of Object.keys(after) as (keyof T)[]) if (before[k] !== after[k]) { b[k] = before[k]; a[k] = after[k]; }
  return { before: b, after: a };
}

export const PAGE_SIZE = 20;

export interface ListInput { orgId?: number | null; role?: string; status?: string; q?: string; page?: number }

export async function listUsers(db: Db, user: Principal, input: ListInput) {
  const scope = [...scopeOf(user, 'user.read')];
  const page = Math.max(1, Math.min(input.page ?? 1, 100000));
  const role = input.role && isRoleKey(input.role) ? input.role : undefined;
  const status = ['active', 'inactive', 'locked', 'must_change'].includes(input.status ?? '') ? (input.status as repo.UserStatus) : undefined;
  const q = (input.q ?? '').trim().slice(0, 50) || undefined;
  const r = await repo.listUsers(db, {
    scope, orgIds: input.orgId ? [input.orgId] : undefined, role, status, q, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE,
  });
  return { ...r, page, pages: Math.max(1, Math.ceil(r.total / PAGE_SIZE)) };
}

/** A user with grants, if the caller may read them. */
export async function getUser(db: Db, user: Principal, id: number): Promise<UserResult<{ user: repo.UserDetail; grants: repo.GrantRow[] }>> {
  const u = await repo.findUser(db, id);
  if (!u) return NOT_FOUND;
  if (!can(user, 'user.read', { orgId: u.orgId })) return { ...FORBIDDEN, message: '您没有查看该用户的权限。' };
  return { ok: true, user: u, grants: await repo.listGrants(db, id) };
}

/** The new organisation must exist, be active and be inside the caller's user.manage scope. */
async function checkOrg(db: Db | Tx, user: Principal, orgId: number): Promise<Record<string, string> | 'forbidden' | null> {
  const org = await orgRepo.findOrg(db, orgId);
  if (!org) return { orgId: '所属机构不存在，请从列表中选择' };
  if (!can(user, 'user.manage', { orgId })) return 'forbidden';
  if (!org.active) return { orgId: '该机构已停用，请选择其他机构' };
  return null;
}

export async function createUser(db: Db, caller: Caller, form: Partial<UserForm>): Promise<UserResult<{ id: number; username: string; password: string; integration: boolean }>> {
  if (!can(caller.user, 'user.manage')) return FORBIDDEN;
  const v = validateUserForm(form, true);
  if (!v.ok) return invalid(v.fields);
  const f = v.value;
  const orgProblem = await checkOrg(db, caller.user, f.orgId);
  if (orgProblem === 'forbidden') return { ...FORBIDDEN, message: '您不能在该机构下新增用户。' };
  if (orgProblem) return invalid(orgProblem);
  const integration = form.integration === '1';
  const password = generateTemporaryPassword(f.username);
  const passwordHash = await hashPassword(password);
  const taken = invalid({ username: `用户名“${f.username}”已被使用（不区分大小写），请换一个` });
  try {
    return await withTx(db, async (tx) => {
      if (await repo.usernameTaken(tx, f.username)) return taken;
      const id = await repo.insertUser(tx, { ...f, passwordHash, integration });
      await writeAudit(tx, auditActor(caller), {
        action: 'user.create', entityType: 'user', entityId: id,
        summary: integration ? { after: auditFields(f), integration: true } : { after: auditFields(f), mustChangePassword: true },
      });
      // An integration account never signs in: its random password is not shown to anyone.
      return { ok: true as const, id, username: f.username, password: integration ? '' : password, integration };
    });
  } catch (e) {
    if (orgRepo.isUniqueViolation(e, 'users_username_uq')) return taken;
    throw e;
  }
}

export async function updateUser(db: Db, caller: Caller, id: number, form: Partial<UserForm>): Promise<UserResult> {
  const current = await repo.findUser(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'user.manage', { orgId: current.orgId })) return FORBIDDEN;
  const v = validateUserForm(form, false);
  if (!v.ok) return invalid(v.fields);
  const { username: _u, ...f } = v.value;
  if (f.orgId !== current.orgId) {
    const orgProblem = await checkOrg(db, caller.user, f.orgId);
    if (orgProblem === 'forbidden') return { ...FORBIDDEN, message: '您不能将用户调整到该机构。' };
    if (orgProblem) return invalid(orgProblem);
  }
  return withTx(db, async (tx) => {
    const before = await repo.findUser(tx, id, { lock: true });
    if (!before) return NOT_FOUND;
    await repo.updateUser(tx, id, f);
    const d = changed<UserFields>({ displayName: before.displayName, orgId: before.orgId, email: before.email, phone: before.phone }, f);
    await writeAudit(tx, auditActor(caller), { action: 'user.update', entityType: 'user', entityId: id, summary: { username: before.username, before: auditFields(d.before), after: auditFields(d.after) } });
    return { ok: true as const };
  });
}

export async function setUserActive(db: Db, caller: Caller, id: number, active: boolean): Promise<UserResult> {
  const current = await repo.findUser(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'user.manage', { orgId: current.orgId })) return FORBIDDEN;
  return withTx(db, async (tx) => {
    await repo.lockAdmins(tx);
    const u = await repo.findUser(tx, id, { lock: true });
    if (!u) return NOT_FOUND;
    if (u.active === active) return { ok: true as const };
    const blocker = activationBlocker({ actorId: caller.user.id, targetUserId: id, active, orgActive: u.orgActive });
    if (blocker) return conflict(blocker);
    if (!active) {
      const counts = await repo.sysadminCounts(tx, id);
      if (counts.userGrants > 0 && counts.activeUsers <= 1) return conflict('该用户是系统中唯一启用中的系统管理员，不能停用');
    }
    await repo.setUserActive(tx, id, active);
    // A deactivated user is signed out everywhere at once.
    if (!active) await authRepo.deleteUserSessions(tx, id);
    await writeAudit(tx, auditActor(caller), {
      action: active ? 'user.reactivate' : 'user.deactivate', entityType: 'user', entityId: id,
      summary: { username: u.username, before: { active: u.active }, after: { active }, ...(active ? {} : { sessionsEnded: true }) },
    });
    return { ok: true as const };
  });
}

export async function unlockUser(db: Db, caller: Caller, id: number): Promise<UserResult> {
  const current = await repo.findUser(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'user.manage', { orgId: current.orgId })) return FORBIDDEN;
  return withTx(db, async (tx) => {
    const u = await repo.findUser(tx, id, { lock: true });
    if (!u) return NOT_FOUND;
    await repo.unlockUser(tx, id);
    await writeAudit(tx, auditActor(caller), {
      action: 'user.unlock', entityType: 'user', entityId: id,
      summary: { username: u.username, before: { failedLogins: u.failedLogins, lockedUntil: u.lockedUntil?.toISOString() ?? null }, after: { failedLogins: 0, lockedUntil: null } },
    });
    return { ok: true as const };
  });
}

/** Sets a generated temporary password that must be changed at next sign-in; ends the user's sessions and unlocks. */
async function doReset(db: Db, actor: Actor, userId: number): Promise<{ username: string; password: string } | undefined> {
  const u = await repo.findUser(db, userId);
  if (!u) return undefined;
  const password = generateTemporaryPassword(u.username);
  const hash = await hashPassword(password);
  await withTx(db, async (tx) => {
    await authRepo.setPassword(tx, userId, hash, true);
    await authRepo.deleteUserSessions(tx, userId);
    await writeAudit(tx, actor, {
      action: 'user.reset_password', entityType: 'user', entityId: userId,
      summary: { username: u.username, mustChangePassword: true, sessionsEnded: true, unlocked: u.failedLogins > 0 || u.lockedUntil !== null },
    });
  });
  return { username: u.username, password };
}

export async function resetUserPassword(db: Db, caller: Caller, id: number): Promise<UserResult<{ username: string; password: string }>> {
  const current = await repo.findUser(db, id);
  if (!current) return NOT_FOUND;
  if (!can(caller.user, 'user.manage', { orgId: current.orgId })) return FORBIDDEN;
  if (id === caller.user.id) return conflict('不能在此重置本人密码，请在“账户设置”中修改。');
  if (current.integration) return conflict('接口集成账户不能登录，无需重置密码；如令牌泄露，请在“接口令牌”中吊销并重新创建。');
  if (!current.active) return conflict('该用户已停用，请先启用后再重置密码。');
  const r = await doReset(db, auditActor(caller), id);
  return r ? { ok: true, ...r } : NOT_FOUND;
}

/**
 * Command-line reset (`gongkai user reset-password --user NAME`): the operator has shell access to the
 * server, so no scope check; the change is audited under the given actor.
 */
export async function resetPassword(db: Db, actor: Actor, username: string): Promise<{ ok: true; password: string } | { ok: false; message: string }> {
  const name = normaliseUsername(username);
  const u = name ? await authRepo.findUserByUsername(db, name) : undefined;
  if (!u) return { ok: false, message: `用户“${username}”不存在` };
  if (!u.active) return { ok: false, message: `用户“${u.username}”已停用，请先在管理平台启用后再重置密码` };
  if (u.integration) return { ok: false, message: `用户“${u.username}”是接口集成账户，不能登录，无需重置密码` };
  const r = await doReset(db, actor, u.id);
  return r ? { ok: true, password: r.password } : { ok: false, message: `用户“${username}”不存在` };
}

// ---------------------------------------------------------------------------
// Role grants
// ---------------------------------------------------------------------------

export async function addGrant(db: Db, caller: Caller, userId: number, form: { role?: string; orgId?: string; includeSubtree?: string }): Promise<UserResult<{ id: number }>> {
  const target = await repo.findUser(db, userId);
  if (!target) return NOT_FOUND;
  if (!can(caller.user, 'user.manage', { orgId: target.orgId })) return FORBIDDEN;
  const v = validateGrantForm(form);
  if (!v.ok) return invalid(v.fields);
  const g = v.value;
  const noPersonalData = target.integration ? integrationGrantBlocker(g.role) : null;
  if (noPersonalData) return invalid({ role: noPersonalData });
  const org = await orgRepo.findOrg(db, g.orgId);
  if (!org) return invalid({ grantOrgId: '授权机构不存在，请从列表中选择' });
  const blocker = grantBlocker({
    granterScope: scopeOf(caller.user, 'user.manage'), orgId: g.orgId, includeSubtree: g.includeSubtree,
    subtreeIds: g.includeSubtree ? await orgRepo.subtreeIds(db, g.orgId) : [],
  });
  // The reason is tied to the organisation field so the form can say why next to it.
  if (blocker) return { ...FORBIDDEN, message: blocker, fields: { grantOrgId: blocker } };
  if (!org.active) return invalid({ grantOrgId: '该机构已停用，不能在其上授予角色' });
  return withTx(db, async (tx) => {
    await repo.lockAdmins(tx);
    if (await repo.grantExists(tx, userId, g.role, g.orgId)) {
      return invalid({ role: `该用户已在“${org.name}”拥有“${ROLES[g.role]}”角色；如需调整“含下级机构”，请先删除原授权` });
    }
    const id = await repo.insertGrant(tx, { userId, ...g });
    await writeAudit(tx, auditActor(caller), {
      action: 'grant.add', entityType: 'user', entityId: userId,
      summary: { username: target.username, after: { grantId: id, role: g.role, orgId: g.orgId, orgName: org.name, includeSubtree: g.includeSubtree } },
    });
    return { ok: true as const, id };
  });
}

export async function removeGrant(db: Db, caller: Caller, userId: number, grantId: number): Promise<UserResult> {
  const target = await repo.findUser(db, userId);
  if (!target) return NOT_FOUND;
  const grant = await repo.findGrant(db, grantId);
  if (!grant || grant.userId !== userId) return { ...NOT_FOUND, message: '授权记录不存在。' };
  if (!can(caller.user, 'user.manage', { orgId: target.orgId })) return FORBIDDEN;
  const blocker = grantBlocker({
    granterScope: scopeOf(caller.user, 'user.manage'), orgId: grant.orgId, includeSubtree: grant.includeSubtree,
    subtreeIds: grant.includeSubtree ? await orgRepo.subtreeIds(db, grant.orgId) : [],
  });
  if (blocker) return { ...FORBIDDEN, message: blocker, fields: { grant: blocker } };
  return withTx(db, async (tx) => {
    await repo.lockAdmins(tx);
    const g = await repo.findGrant(tx, grantId);
    if (!g) return { ...NOT_FOUND, message: '授权记录不存在。' };
    const counts = await repo.sysadminCounts(tx, userId);
    const stop = sysadminRemovalBlocker({
      role: g.role, actorId: caller.user.id, targetUserId: userId, targetSysadminGrants: counts.userGrants,
      activeSysadminUsers: counts.activeUsers, targetActive: target.active,
    });
    if (stop) return conflict(stop);
    await repo.deleteGrant(tx, grantId);
    await writeAudit(tx, auditActor(caller), {
      action: 'grant.remove', entityType: 'user', entityId: userId,
      summary: { username: target.username, before: { grantId, role: g.role, orgId: g.orgId, orgName: g.orgName, includeSubtree: g.includeSubtree } },
    });
    return { ok: true as const };
  });
}
