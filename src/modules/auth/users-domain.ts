// User and role-grant rules: form validation, temporary passwords, who may grant what, and the
// protections against locking everyone out. Pure: every input is an argument.
import { randomInt } from 'node:crypto';
import { ACTIONS, checkPasswordStrength, ROLE_KEYS, type Role } from './policy.ts';

// policy.isRole uses `in`, which also accepts inherited names such as 'toString'.
export const isRoleKey = (v: string): v is Role => (ROLE_KEYS as string[]).includes(v);

export type FieldErrors = Record<string, string>;
export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export const USERNAME_RE = /^[a-z0-9_.-]{3,32}$/;
const EMAIL_RE = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const PHONE_RE = /^[0-9+()（）\- 转]{5,40}$/u;
export const USER_LIMITS = { displayName: 50, email: 100, phone: 40 } as const;

/** A positive int4 id from a string, or null. */
export function parseId(s: unknown): number | null {
  if (typeof s !== 'string' || !/^[1-9][0-9]{0,9}$/.test(s)) return null;
  const n = Number(s);
  return n <= 2_147_483_647 ? n : null;
}

/** User names are compared case-insensitively; they are stored in lower case. */
export function normaliseUsername(s: string): string {
  return s.trim().toLowerCase();
}

export function checkUsername(raw: string): string | null {
  const u = normaliseUsername(raw);
  if (!u) return '请填写用户名';
  if (u.length < 3 || u.length > 32) return '用户名长度应为 3 至 32 个字符';
  if (!USERNAME_RE.test(u)) return '用户名只能使用小写英文字母、数字、下划线、点和连字符';
  return null;
}

export interface UserFields {
  displayName: string;
  orgId: number;
  email: string | null;
  phone: string | null;
}
export type UserForm = { username: string; displayName: string; orgId: string; email: string; phone: string; integration?: string };

const opt = (s: string | undefined) => { const t = (s ?? '').trim(); return t === '' ? null : t; };

/** Validates the user form; `withUsername` when creating (the user name cannot change later). */
export function validateUserForm(f: Partial<UserForm>, withUsername: boolean): Validated<UserFields & { username: string }> {
  const fields: FieldErrors = {};
  const username = normaliseUsername(f.username ?? '');
  if (withUsername) {
    const e = checkUsername(username);
    if (e) fields.username = e;
  }
  const displayName = (f.displayName ?? '').trim();
  if (!displayName) fields.displayName = '请填写姓名';
  else if (displayName.length > USER_LIMITS.displayName) fields.displayName = `姓名不能超过 ${USER_LIMITS.displayName} 个字`;
  const orgId = parseId((f.orgId ?? '').trim());
  if (orgId === null) fields.orgId = '请选择所属机构';
  const email = opt(f.email);
  if (email && (email.length > USER_LIMITS.email || !EMAIL_RE.test(email))) fields.email = '电子邮箱格式不正确（如 zhangsan@example.gov.cn）';
  const phone = opt(f.phone);
  if (phone && !PHONE_RE.test(phone)) fields.phone = '联系电话格式不正确（如 13812345678 或 0793-5120000）';
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { username, displayName, orgId: orgId!, email, phone } };
}

/**
 * Roles an integration account may not hold: every role that reaches applicants' personal data
 * (any request.* action but the aggregate statistics) and the system administrator (who could
 * grant or reset anything). Derived from ACTIONS so a new request.* action is covered at once.
 */
export const INTEGRATION_FORBIDDEN_ROLES: ReadonlySet<Role> = new Set<Role>([
  'sysadmin',
  ...Object.entries(ACTIONS).filter(([a]) => a.startsWith('request.') && a !== 'request.stats').flatMap(([, roles]) => roles as readonly Role[]),
]);

export function integrationGrantBlocker(role: Role): string | null {
  return INTEGRATION_FORBIDDEN_ROLES.has(role)
    ? '接口集成账户不能被授予可查看申请人个人信息或管理系统的角色，请授予其他角色或改用本人账户'
    : null;
}

export interface GrantInput { role: Role; orgId: number; includeSubtree: boolean }

export function validateGrantForm(f: { role?: string; orgId?: string; includeSubtree?: string }): Validated<GrantInput> {
  const fields: FieldErrors = {};
  const role = (f.role ?? '').trim();
  if (!role) fields.role = '请选择角色';
  else if (!isRoleKey(role)) fields.role = '角色无效，请从列表中选择';
  const orgId = parseId((f.orgId ?? '').trim());
  if (orgId === null) fields.grantOrgId = '请选择授权机构';
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, value: { role: role as Role, orgId: orgId!, includeSubtree: f.includeSubtree === '1' } };
}

/**
 * Why the granter may not give (or take away) a grant, or null. The grant's organisation must be in
 * the granter's user.manage scope, and a subtree grant needs the whole subtree in that scope.
 */
export function grantBlocker(input: { granterScope: ReadonlySet<number>; orgId: number; includeSubtree: boolean; subtreeIds: readonly number[] }): string | null {
  if (!input.granterScope.has(input.orgId)) return '该机构不在您的用户管理范围内，不能在该机构授予或收回角色';
  if (input.includeSubtree && input.subtreeIds.some((id) => !input.granterScope.has(id))) {
    return '您的管理范围不包含该机构的全部下级机构，不能授予或收回“含下级机构”的角色';
  }
  return null;
}

/**
 * Protects against lock-out when a sysadmin grant is removed: nobody removes their own last one, and
 * the system keeps at least one active user with a sysadmin grant.
 */
export function sysadminRemovalBlocker(input: {
  role: string; actorId: number; targetUserId: number;
  /** The target user's sysadmin grants, including the one being removed. */
  targetSysadminGrants: number;
  /** Active users holding a sysadmin grant, including the target. */
  activeSysadminUsers: number;
  targetActive: boolean;
}): string | null {
  if (input.role !== 'sysadmin' || input.targetSysadminGrants > 1) return null;
  if (input.actorId === input.targetUserId) return '不能删除本人唯一的系统管理员角色，请由其他系统管理员操作';
  if (input.targetActive && input.activeSysadminUsers <= 1) return '系统中至少应保留一名启用中的系统管理员，不能删除最后一个系统管理员角色';
  return null;
}

/** Why the actor may not (de)activate the user, or null. */
export function activationBlocker(input: { actorId: number; targetUserId: number; active: boolean; orgActive: boolean }): string | null {
  if (!input.active && input.actorId === input.targetUserId) return '不能停用本人账户';
  if (input.active && !input.orgActive) return '该用户所属机构已停用，请先启用机构或将用户调整到其他机构';
  return null;
}

const UPPER = 'ABCDEFGHJKMNPQRSTUVWXYZ';
const LOWER = 'abcdefghjkmnpqrstuvwxyz';
const DIGITS = '23456789';

/**
 * A temporary password, readable over the phone (no 0/O, 1/l/I), that passes the password rules
 * for this user name: e.g. `Kq7m-x4Rt-9hPz-b3Ne` (about 90 bits).
 */
export function generateTemporaryPassword(username: string, rnd: (n: number) => number = randomInt): string {
  const pick = (set: string) => set[rnd(set.length)];
  const all = UPPER + LOWER + DIGITS;
  for (;;) {
    const groups = Array.from({ length: 4 }, () => {
      const g = [pick(UPPER), pick(LOWER), pick(DIGITS), pick(all)];
      // Shuffle so the classes are not in fixed positions.
      for (let i = g.length - 1; i > 0; i--) { const j = rnd(i + 1); [g[i], g[j]] = [g[j], g[i]]; }
      return g.join('');
    });
    const pw = groups.join('-');
    if (checkPasswordStrength(pw, username) === null) return pw;
  }
}
