// Auth use cases: sign-in with lock-out, sessions, password change, API tokens. Each change is audited
// in the same transaction.
import { hashPassword, verifyPassword, needsRehash, randomToken, hashToken } from '../../platform/crypto/index.ts';
import { withTx, type Db } from '../../platform/db/index.ts';
import { writeAudit, type Actor } from '../../platform/audit/index.ts';
import * as repo from './repo.ts';
import * as throttle from './throttle.ts';
import { checkPasswordStrength, type Principal } from './policy.ts';
import { INTEGRATION_FORBIDDEN_ROLES } from './users-domain.ts';

export { LOCK_AFTER, LOCK_MINUTES } from './throttle.ts';

// Verifying against a fixed hash when the user is unknown keeps the timing the same (no user enumeration).
let dummyHash: Promise<string> | undefined;

export type LoginResult =
  | { ok: true; token: string; principal: Principal; mustChangePassword: boolean }
  | { ok: false; reason: 'invalid' | 'locked'; message: string };

/** The one answer for an unknown user, an inactive one and a wrong password. */
export const INVALID = '用户名或密码错误。';

export async function login(db: Db, input: { username: string; password: string; ip: string | null; userAgent: string | null; maxHours: number; previousToken?: string }): Promise<LoginResult> {
  const username = input.username.trim();
  if (!username) return { ok: false, reason: 'invalid', message: INVALID };
  const user = await repo.findUserByUsername(db, username);
  const actor: Actor = user ? { id: user.id, name: user.username, ip: input.ip } : { id: null, name: username.slice(0, 64), ip: input.ip };
  // Counted before the password is looked at; the row locks make concurrent attempts queue here.
  const gate = await withTx(db, async (tx) => {
    const g = await throttle.charge(tx, username, input.ip);
    if (user && !g.ok) {
      await writeAudit(tx, actor, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id, summary: { scope: g.scope === 'address' ? '本地址' : '全部新地址', lockedUntil: g.until.toISOString() } });
    }
    if (user && g.ok && g.alert) {
      await writeAudit(tx, actor, { action: 'auth.lock_alert', entityType: 'user', entityId: user.id, summary: { accountFailures: g.accountFailures, windowMinutes: throttle.ACCOUNT_WINDOW_MINUTES, lockedUntil: g.accountLockedUntil?.toISOString() ?? null } });
    }
    return g;
  });
  if (!gate.ok) return { ok: false, reason: 'locked', message: lockedMessage(gate.scope, gate.until) };
  // Inactive and integration accounts (tokens only) are answered like unknown names.
  if (!user || !user.active || user.integration) {
    dummyHash ??= hashPassword('not-a-real-password-Gk1!');
    await verifyPassword(input.password, await dummyHash);
    if (user) await withTx(db, (tx) => writeAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, summary: { reason: user.active ? '接口集成账户不能登录' : '账户已停用' } }));
    return failed(gate);
  }
  const good = await verifyPassword(input.password, user.passwordHash);
  if (!good) {
    await withTx(db, (tx) => writeAudit(tx, actor, { action: 'auth.login_failed', entityType: 'user', entityId: user.id, summary: { failedLogins: gate.failures, accountFailures: gate.accountFailures, locked: !!gate.addressLockedUntil } }));
    return failed(gate);
  }
  const token = randomToken(32);
  const idHash = hashToken(token);
  const newHash = needsRehash(user.passwordHash) ? await hashPassword(input.password) : undefined;
  await withTx(db, async (tx) => {
    // Throttle rows before the users row, as charge() takes them: the other order deadlocks a burst.
    await throttle.refund(tx, username, input.ip);
    await repo.recordSuccessfulLogin(tx, user.id, newHash);
    // Rotation: whatever session the browser had before is ended, never upgraded.
    if (input.previousToken) await repo.deleteSession(tx, hashToken(input.previousToken));
    await repo.insertSession(tx, { idHash, userId: user.id, maxHours: input.maxHours, ip: input.ip, userAgent: input.userAgent?.slice(0, 300) ?? null });
    await writeAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
  });
  const principal = await repo.toPrincipal(db, user, 'session', idHash);
  return { ok: true, token, principal, mustChangePassword: user.mustChangePassword };
}

/** A failed attempt that took the last try of this address says so; otherwise the one uniform answer. */
function failed(gate: Extract<throttle.Gate, { ok: true }>): LoginResult {
  if (gate.addressLockedUntil) return { ok: false, reason: 'locked', message: lockedMessage('address', gate.addressLockedUntil) };
  return { ok: false, reason: 'invalid', message: INVALID };
}

function lockedMessage(scope: 'address' | 'account', until: Date): string {
  const mins = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60000));
  return scope === 'address'
    ? `连续登录失败次数过多，该账户在您当前的网络地址已被锁定，请 ${mins} 分钟后再试，或联系系统管理员解锁。`
    : `该账户近期登录失败次数过多，已被锁定，暂不接受从新的网络地址登录，请 ${mins} 分钟后再试，或联系系统管理员解锁。`;
}

export async function logout(db: Db, principal: Principal, ip: string | null): Promise<void> {
  if (!principal.sessionId) return;
  await withTx(db, async (tx) => {
    await repo.deleteSession(tx, principal.sessionId!);
    await writeAudit(tx, { id: principal.id, name: principal.username, ip }, { action: 'auth.logout', entityType: 'user', entityId: principal.id });
  });
}

/** Resolves a session cookie token to a principal, enforcing idle and absolute timeouts. */
export async function principalFromSession(db: Db, token: string, idleMinutes: number): Promise<Principal | null> {
  const found = await repo.sessionUser(db, hashToken(token), idleMinutes);
  if (!found || !found.user.active) return null;
  return found.principal;
}

export async function principalFromApiToken(db: Db, token: string): Promise<Principal | null> {
  if (!/^gk_[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const userId = await repo.findUserByToken(db, hashToken(token));
  if (!userId) return null;
  const user = await repo.findUserById(db, userId);
  if (!user || !user.active) return null;
  const p = await repo.toPrincipal(db, user, 'token');
  // Belt and braces: an integration account never acts with a personal-data role, however granted.
  return user.integration ? { ...p, grants: p.grants.filter((g) => !INTEGRATION_FORBIDDEN_ROLES.has(g.role)) } : p;
}

export type ChangePasswordResult = { ok: true } | { ok: false; fields: Record<string, string> };

export async function changeOwnPassword(db: Db, principal: Principal, input: { current: string; next: string; confirm: string; ip: string | null }): Promise<ChangePasswordResult> {
  const user = await repo.findUserById(db, principal.id);
  if (!user) return { ok: false, fields: { current: '账户不存在' } };
  const fields: Record<string, string> = {};
  if (!(await verifyPassword(input.current, user.passwordHash))) fields.current = '当前密码不正确';
  const weak = checkPasswordStrength(input.next, user.username);
  if (weak) fields.next = weak;
  else if (input.next === input.current) fields.next = '新密码不能与当前密码相同';
  if (input.next !== input.confirm) fields.confirm = '两次输入的新密码不一致';
  if (Object.keys(fields).length) return { ok: false, fields };
  const hash = await hashPassword(input.next);
  await withTx(db, async (tx) => {
    await repo.setPassword(tx, user.id, hash, false);
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await repo.deleteUserSessions(tx, user.id, principal.sessionId);
    await writeAudit(tx, { id: principal.id, name: principal.username, ip: input.ip }, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
  return { ok: true };
}

export type CreateTokenResult = { ok: true; id: number; token: string } | { ok: false; message: string };

/**
 * Creates a token for the named user; the audit row's actor is whoever minted it and its summary
 * names the owner and the channel. Callers decide who may mint for whom (tokens.ts, the CLI).
 */
export async function createApiToken(db: Db, actor: Actor, input: { username: string; name?: string; days?: number; via?: '管理平台' | '命令行' }): Promise<CreateTokenResult> {
  const user = await repo.findUserByUsername(db, input.username);
  if (!user) return { ok: false, message: `用户“${input.username}”不存在` };
  if (!user.active) return { ok: false, message: `用户“${input.username}”已停用` };
  const secret = randomToken(32);
  const token = `gk_${secret}`;
  const expiresAt = input.days ? new Date(Date.now() + input.days * 86400_000) : null;
  const name = (input.name ?? '集成接口').slice(0, 100);
  const id = await withTx(db, async (tx) => {
    const id = await repo.insertToken(tx, { userId: user.id, name, prefix: token.slice(0, 10), tokenHash: hashToken(token), expiresAt });
    await writeAudit(tx, actor, { action: 'token.create', entityType: 'api_token', entityId: id, summary: { user: user.username, integration: user.integration, name, expiresAt: expiresAt?.toISOString() ?? null, via: input.via ?? '命令行' } });
    return id;
  });
  return { ok: true, id, token };
}

export async function revokeApiToken(db: Db, actor: Actor, id: number): Promise<boolean> {
  return withTx(db, async (tx) => {
    const done = await repo.revokeToken(tx, id);
    if (done) await writeAudit(tx, actor, { action: 'token.revoke', entityType: 'api_token', entityId: id });
    return done;
  });
}
