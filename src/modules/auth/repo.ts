// Every SQL statement of the auth module: users, grants, sessions, API tokens.
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.ts';
import type { Grant, Principal, Role } from './policy.ts';
import { purgeThrottle } from './throttle-repo.ts';
import { KNOWN_SOURCE_DAYS } from './throttle.ts';

export type UserRow = {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  email: string | null;
  phone: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  failedLogins: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  active: boolean;
  /** Integration accounts are used through API tokens only. */
  integration: boolean;
};

const USER_COLS = sql`u.id, u.username, u.display_name as "displayName", u.org_id as "orgId", o.name as "orgName",
  u.email, u.phone, u.password_hash as "passwordHash", u.must_change_password as "mustChangePassword",
  u.failed_logins as "failedLogins", u.locked_until as "lockedUntil", u.last_login_at as "lastLoginAt", u.active, u.integration`;

// Drizzle's raw execute returns timestamps as strings: turn them into Dates once, here.
const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));
function mapUser(r: UserRow | undefined): UserRow | undefined {
  return r && { ...r, lockedUntil: toDate(r.lockedUntil), lastLoginAt: toDate(r.lastLoginAt) };
}

export async function findUserByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
  const r = await db.execute<UserRow>(sql`select ${USER_COLS} from users u join org_units o on o.id = u.org_id where lower(u.username) = lower(${username})`);
  return mapUser(r.rows[0]);
}

export async function findUserById(db: Executor, id: number): Promise<UserRow | undefined> {
  const r = await db.execute<UserRow>(sql`select ${USER_COLS} from users u join org_units o on o.id = u.org_id where u.id = ${id}`);
  return mapUser(r.rows[0]);
}

/**
 * A scalar subquery: the grants of the user `userId` (an SQL expression) as a JSON array, each with
 * the organisation ids it covers (subtree expanded in SQL).
 */
function grantsJson(userId: SQL): SQL {
  return sql`(with recursive g as (select role, org_id, include_subtree from role_grants where user_id = ${userId}),
    tree(root_role, root_org, id) as (
      select g.role, g.org_id, g.org_id from g
      union
      select t.root_role, t.root_org, o.id from org_units o join tree t on o.parent_id = t.id
        join g on g.role = t.root_role and g.org_id = t.root_org and g.include_subtree)
    select coalesce(json_agg(json_build_object('role', g.role, 'orgId', g.org_id, 'includeSubtree', g.include_subtree,
      'orgIds', (select array_agg(distinct t.id order by t.id) from tree t where t.root_role = g.role and t.root_org = g.org_id))
      order by g.role, g.org_id), '[]'::json)
    from g)`;
}

type GrantJson = { role: Role; orgId: number; includeSubtree: boolean; orgIds: number[] | null };
const toGrants = (rows: GrantJson[] | null): Grant[] =>
  (rows ?? []).map((x) => ({ role: x.role, orgId: Number(x.orgId), includeSubtree: x.includeSubtree, orgIds: (x.orgIds ?? [x.orgId]).map(Number) }));

/** The user's grants, each with the organisation ids it covers (subtree expanded in SQL). */
export async function loadGrants(db: Executor, userId: number): Promise<Grant[]> {
  const r = await db.execute<{ grants: GrantJson[] | null }>(sql`select ${grantsJson(sql`${userId}`)} as grants`);
  return toGrants(r.rows[0]?.grants ?? null);
}

export async function toPrincipal(db: Executor, u: UserRow, via: Principal['via'], sessionId?: string): Promise<Principal> {
  return principalOf(u, await loadGrants(db, u.id), via, sessionId);
}

function principalOf(u: UserRow, grants: Grant[], via: Principal['via'], sessionId?: string): Principal {
  return { id: u.id, username: u.username, displayName: u.displayName, orgId: u.orgId, orgName: u.orgName, grants, via, sessionId, mustChangePassword: u.mustChangePassword };
}

/**
 * Every signed-in page's one statement: the session if it is neither expired nor idle too long
 * (marked used at most once a minute: a write and its WAL flush on every page view cost 5–20 ms under
 * load, and the idle timeout does not need a finer clock), its user and the user's grants.
 */
export async function sessionUser(db: Executor, idHash: string, idleMinutes: number): Promise<{ user: UserRow; principal: Principal } | undefined> {
  const r = await db.execute<UserRow & { grants: GrantJson[] | null }>(sql`
    with live as (
      select user_id from sessions
      where id = ${idHash} and expires_at > now() and last_seen_at > now() - make_interval(mins => ${idleMinutes})
    ), seen as (
      update sessions set last_seen_at = now()
      where id = ${idHash} and last_seen_at < now() - interval '1 minute' and exists (select 1 from live)
    )
    select ${USER_COLS}, ${grantsJson(sql`u.id`)} as grants
    from live join users u on u.id = live.user_id join org_units o on o.id = u.org_id`);
  const row = r.rows[0];
  if (!row) return undefined;
  const { grants, ...rest } = row;
  const user = mapUser(rest)!;
  return { user, principal: principalOf(user, toGrants(grants), 'session', idHash) };
}

export async function recordFailedLogin(db: Executor, userId: number, lockAfter: number, lockMinutes: number): Promise<{ failedLogins: number; lockedUntil: Date | null }> {
  const r = await db.execute<{ failed_logins: number; locked_until: Date | null }>(sql`
    update users set failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= ${lockAfter} then now() + make_interval(mins => ${lockMinutes}) else locked_until end
    where id = ${userId} returning failed_logins, locked_until`);
  return { failedLogins: r.rows[0].failed_logins, lockedUntil: toDate(r.rows[0].locked_until) };
}

export async function recordSuccessfulLogin(db: Executor, userId: number, newHash?: string): Promise<void> {
  // failed_logins / locked_until mirror the throttle (throttle.refund has just written them).
  await db.execute(sql`update users set last_login_at = now()
    ${newHash ? sql`, password_hash = ${newHash}` : sql``} where id = ${userId}`);
}

export async function setPassword(db: Executor, userId: number, hash: string, mustChange: boolean): Promise<void> {
  await db.execute(sql`update users set password_hash = ${hash}, must_change_password = ${mustChange},
    password_changed_at = now(), failed_logins = 0, locked_until = null, updated_at = now() where id = ${userId}`);
  // A new password clears the sign-in throttle of the name too (the admin's reset also unlocks).
  await db.execute(sql`update login_throttle set failures = 0, locked_until = null, window_start = now(), updated_at = now()
    where username = (select lower(username) from users where id = ${userId})`);
}

// Sessions: the id column holds the SM3 hash of the cookie token.
export async function insertSession(db: Executor, s: { idHash: string; userId: number; maxHours: number; ip: string | null; userAgent: string | null }): Promise<void> {
  await db.execute(sql`insert into sessions (id, user_id, expires_at, ip, user_agent)
    values (${s.idHash}, ${s.userId}, now() + make_interval(hours => ${s.maxHours}), ${s.ip}, ${s.userAgent})`);
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.execute(sql`delete from sessions where id = ${idHash}`);
}

export async function deleteUserSessions(db: Executor, userId: number, exceptIdHash?: string): Promise<void> {
  await db.execute(sql`delete from sessions where user_id = ${userId} ${exceptIdHash ? sql`and id <> ${exceptIdHash}` : sql``}`);
}

export async function purgeExpiredSessions(db: Executor, idleMinutes: number): Promise<number> {
  const r = await db.execute(sql`delete from sessions where expires_at < now() or last_seen_at < now() - make_interval(mins => ${idleMinutes})`);
  // The same sweep forgets sign-in throttle rows that hold nothing any more.
  await purgeThrottle(db, KNOWN_SOURCE_DAYS);
  return r.rowCount ?? 0;
}

// API tokens
export async function insertToken(db: Executor, t: { userId: number; name: string; prefix: string; tokenHash: string; expiresAt: Date | null }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into api_tokens (user_id, name, prefix, token_hash, expires_at)
    values (${t.userId}, ${t.name}, ${t.prefix}, ${t.tokenHash}, ${t.expiresAt}) returning id`);
  return r.rows[0].id;
}

export async function findUserByToken(db: Executor, tokenHash: string): Promise<number | undefined> {
  const r = await db.execute<{ user_id: number }>(sql`
    update api_tokens set last_used_at = now()
    where token_hash = ${tokenHash} and revoked_at is null and (expires_at is null or expires_at > now())
    returning user_id`);
  return r.rows[0]?.user_id;
}

export type TokenRow = { id: number; userId: number; username: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }

export async function listTokens(db: Executor): Promise<TokenRow[]> {
  const r = await db.execute<TokenRow>(sql`select t.id, t.user_id as "userId", u.username, t.name, t.prefix, t.created_at as "createdAt",
    t.last_used_at as "lastUsedAt", t.expires_at as "expiresAt", t.revoked_at as "revokedAt"
    from api_tokens t join users u on u.id = t.user_id order by t.id desc`);
  return r.rows.map((t) => ({ ...t, createdAt: toDate(t.createdAt)!, lastUsedAt: toDate(t.lastUsedAt), expiresAt: toDate(t.expiresAt), revokedAt: toDate(t.revokedAt) }));
}

export async function revokeToken(db: Executor, id: number): Promise<boolean> {
  const r = await db.execute(sql`update api_tokens set revoked_at = now() where id = ${id} and revoked_at is null`);
  return (r.rowCount ?? 0) > 0;
}
