// SQL for user administration: the filtered list, details, changes and role grants.
// (Sign-in, sessions and tokens live in repo.ts.)
import { sql } from 'drizzle-orm';
import { containsPattern, type Executor } from '../../platform/db/index.ts';
import { intArray } from '../org/repo.ts';
import type { Role } from './policy.ts';
import type { UserFields } from './users-domain.ts';

const toDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

export type UserStatus = 'active' | 'inactive' | 'locked' | 'must_change';

export interface UserListFilter {
  /** Organisations the caller may see (user.read scope). */
  scope: readonly number[];
  orgIds?: readonly number[];
  role?: Role;
  status?: UserStatus;
  q?: string;
  limit: number;
  offset: number;
}

export type UserListRow = {
  id: number; username: string; displayName: string; orgId: number; orgName: string;
  roles: string[] | null; active: boolean; locked: boolean; mustChangePassword: boolean; lastLoginAt: Date | null; integration: boolean;
};

export async function listUsers(db: Executor, f: UserListFilter): Promise<{ rows: UserListRow[]; total: number }> {
  const where = sql.join([
    sql`u.org_id = any(${intArray(f.scope)})`,
    f.orgIds ? sql`u.org_id = any(${intArray(f.orgIds)})` : undefined,
    f.role ? sql`exists (select 1 from role_grants g where g.user_id = u.id and g.role = ${f.role})` : undefined,
    f.status === 'active' ? sql`u.active` : undefined,
    f.status === 'inactive' ? sql`not u.active` : undefined,
    f.status === 'locked' ? sql`u.locked_until > now()` : undefined,
    f.status === 'must_change' ? sql`u.must_change_password and u.active` : undefined,
    f.q ? sql`(u.username ilike ${containsPattern(f.q)} or u.display_name ilike ${containsPattern(f.q)} or u.email ilike ${containsPattern(f.q)})` : undefined,
  ].filter((x) => x !== undefined), sql` and `);
  const total = await db.execute<{ n: number }>(sql`select count(*) as n from users u where ${where}`);
  const r = await db.execute<UserListRow>(sql`
    select u.id, u.username, u.display_name as "displayName", u.org_id as "orgId", o.name as "orgName",
      (select array_agg(distinct g.role) from role_grants g where g.user_id = u.id) as roles,
      u.active, coalesce(u.locked_until > now(), false) as locked, u.must_change_password as "mustChangePassword",
      u.last_login_at as "lastLoginAt", u.integration
    from users u join org_units o on o.id = u.org_id
    where ${where}
    order by u.active desc, o.sort, o.name, u.username
    limit ${f.limit} offset ${f.offset}`);
  return { rows: r.rows.map((x) => ({ ...x, lastLoginAt: toDate(x.lastLoginAt) })), total: Number(total.rows[0].n) };
}

export type UserDetail = {
  id: number; username: string; displayName: string; orgId: number; orgName: string; orgActive: boolean;
  email: string | null; phone: string | null; active: boolean; mustChangePassword: boolean; failedLogins: number;
  lockedUntil: Date | null; lastLoginAt: Date | null; passwordChangedAt: Date | null; createdAt: Date | null; integration: boolean;
};

export async function findUser(db: Executor, id: number, opts: { lock?: boolean } = {}): Promise<UserDetail | undefined> {
  const r = await db.execute<UserDetail>(sql`
    select u.id, u.username, u.display_name as "displayName", u.org_id as "orgId", o.name as "orgName", o.active as "orgActive",
      u.email, u.phone, u.active, u.must_change_password as "mustChangePassword", u.failed_logins as "failedLogins",
      u.locked_until as "lockedUntil", u.last_login_at as "lastLoginAt", u.password_changed_at as "passwordChangedAt", u.created_at as "createdAt",
      u.integration
    from users u join org_units o on o.id = u.org_id where u.id = ${id} ${opts.lock ? sql`for update of u` : sql``}`);
  const x = r.rows[0];
  return x && { ...x, lockedUntil: toDate(x.lockedUntil), lastLoginAt: toDate(x.lastLoginAt), passwordChangedAt: toDate(x.passwordChangedAt), createdAt: toDate(x.createdAt) };
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const r = await db.execute(sql`select 1 from users where lower(username) = lower(${username})`);
  return r.rows.length > 0;
}

export async function insertUser(db: Executor, u: UserFields & { username: string; passwordHash: string; integration?: boolean }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into users (username, display_name, org_id, email, phone, password_hash, must_change_password, integration)
    values (${u.username}, ${u.displayName}, ${u.orgId}, ${u.email}, ${u.phone}, ${u.passwordHash}, ${!u.integration}, ${!!u.integration}) returning id`);
  return r.rows[0].id;
}

export async function updateUser(db: Executor, id: number, u: UserFields): Promise<void> {
  await db.execute(sql`update users set display_name = ${u.displayName}, org_id = ${u.orgId}, email = ${u.email}, phone = ${u.phone},
    updated_at = now() where id = ${id}`);
}

export async function setUserActive(db: Executor, id: number, active: boolean): Promise<void> {
  await db.execute(sql`update users set active = ${active}, updated_at = now() where id = ${id}`);
}

export async function unlockUser(db: Executor, id: number): Promise<void> {
  await db.execute(sql`update users set failed_logins = 0, locked_until = null, updated_at = now() where id = ${id}`);
  await db.execute(sql`update login_throttle set failures = 0, locked_until = null, window_start = now(), updated_at = now()
    where username = (select lower(username) from users where id = ${id})`);
}

export type GrantRow = { id: number; userId: number; role: Role; orgId: number; orgName: string; includeSubtree: boolean; createdAt: Date | null };

const GRANT_COLS = sql`g.id, g.user_id as "userId", g.role, g.org_id as "orgId", o.name as "orgName", g.include_subtree as "includeSubtree", g.created_at as "createdAt"`;

export async function listGrants(db: Executor, userId: number): Promise<GrantRow[]> {
  const r = await db.execute<GrantRow>(sql`select ${GRANT_COLS} from role_grants g join org_units o on o.id = g.org_id
    where g.user_id = ${userId} order by g.role, o.sort, o.name`);
  return r.rows.map((x) => ({ ...x, createdAt: toDate(x.createdAt) }));
}

export async function findGrant(db: Executor, id: number): Promise<GrantRow | undefined> {
  const r = await db.execute<GrantRow>(sql`select ${GRANT_COLS} from role_grants g join org_units o on o.id = g.org_id where g.id = ${id}`);
  const x = r.rows[0];
  return x && { ...x, createdAt: toDate(x.createdAt) };
}

export async function grantExists(db: Executor, userId: number, role: Role, orgId: number): Promise<boolean> {
  const r = await db.execute(sql`select 1 from role_grants where user_id = ${userId} and role = ${role} and org_id = ${orgId}`);
  return r.rows.length > 0;
}

export async function insertGrant(db: Executor, g: { userId: number; role: Role; orgId: number; includeSubtree: boolean }): Promise<number> {
  const r = await db.execute<{ id: number }>(sql`insert into role_grants (user_id, role, org_id, include_subtree)
    values (${g.userId}, ${g.role}, ${g.orgId}, ${g.includeSubtree}) returning id`);
  return r.rows[0].id;
}

export async function deleteGrant(db: Executor, id: number): Promise<void> {
  await db.execute(sql`delete from role_grants where id = ${id}`);
}

/** Serialises changes to sysadmin grants and user activation so the last-sysadmin check cannot race. */
export async function lockAdmins(db: Executor): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7301003)`);
}

export async function sysadminCounts(db: Executor, userId: number): Promise<{ userGrants: number; activeUsers: number }> {
  const r = await db.execute<{ mine: number; users: number }>(sql`select
    (select count(*) from role_grants where user_id = ${userId} and role = 'sysadmin') as mine,
    (select count(distinct g.user_id) from role_grants g join users u on u.id = g.user_id where g.role = 'sysadmin' and u.active) as users`);
  return { userGrants: Number(r.rows[0].mine), activeUsers: Number(r.rows[0].users) };
}
