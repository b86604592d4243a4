import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import * as orgRepo from '../org/repo.ts';
import * as authRepo from './repo.ts';
import * as service from './service.ts';
import * as users from './users.ts';
import type { Principal } from './policy.ts';

let t: TestDb;
let pw: (u: string) => string;
const org: Record<string, number> = {};

async function as(username: string): Promise<users.Caller> {
  const u = (await authRepo.findUserByUsername(t.ctx.db, username))!;
  return { user: await authRepo.toPrincipal(t.ctx.db, u, 'session'), ip: '10.0.0.1' };
}
const idOf = async (username: string) => (await authRepo.findUserByUsername(t.ctx.db, username))!.id;
const login = (username: string, password: string) => service.login(t.ctx.db, { username, password, ip: null, userAgent: null, maxHours: 12 });

/** A sysadmin whose user.manage scope is one organisation only. */
function narrow(orgId: number, id = 999): users.Caller {
  const user: Principal = { id, username: 'narrow', displayName: '窄', orgId, orgName: '', via: 'session', grants: [{ role: 'sysadmin', orgId, includeSubtree: false, orgIds: [orgId] }] };
  return { user, ip: null };
}

before(async () => {
  t = await createTestDb();
  const accounts = (await seedDemo(t.ctx))!;
  pw = (u) => accounts.find((a) => a.username === u)!.password;
  for (const o of await orgRepo.listOrgs(t.ctx.db)) org[o.shortName!] = o.id;
});
after(() => t.drop());

test('create: generated password works once, must be changed, audit has no hash', async () => {
  const admin = await as('admin');
  const r = await users.createUser(t.ctx.db, admin, { username: 'Wang.Wu', displayName: '王五', orgId: String(org['县财政局']), email: 'wangwu@yunxi.example.gov.cn', phone: '13812345678' });
  assert.ok(r.ok);
  if (!r.ok) return;
  assert.equal(r.username, 'wang.wu');
  const l = await login('wang.wu', r.password);
  assert.ok(l.ok && l.mustChangePassword, 'the first sign-in must change the password');
  const a = await t.ctx.db.execute<{ summary: Record<string, unknown> }>(sql`select summary from audit_log where action = 'user.create' and entity_id = ${String(r.id)}`);
  const text = JSON.stringify(a.rows[0].summary);
  assert.doesNotMatch(text, /scrypt|argon|\$/i);
  assert.doesNotMatch(text, new RegExp(r.password));
  assert.match(text, /138\*\*\*\*5678/, 'phone masked in the audit log');
});

test('create: user names are unique case-insensitively; bad input and unknown or inactive organisation are field errors', async () => {
  const admin = await as('admin');
  const dup = await users.createUser(t.ctx.db, admin, { username: 'ADMIN', displayName: '重复', orgId: String(org['县政府']) });
  assert.ok(!dup.ok && dup.reason === 'invalid' && /已被使用/.test(dup.fields!.username));
  const bad = await users.createUser(t.ctx.db, admin, { username: 'a', displayName: '', orgId: 'x' });
  assert.ok(!bad.ok && bad.fields!.username && bad.fields!.displayName && bad.fields!.orgId);
  const missing = await users.createUser(t.ctx.db, admin, { username: 'nobody1', displayName: '某', orgId: '999999' });
  assert.ok(!missing.ok && /不存在/.test(missing.fields!.orgId));
});

test('create and edit: scope refusals', async () => {
  const edu = narrow(org['县教体局']);
  const out = await users.createUser(t.ctx.db, edu, { username: 'fin.clerk', displayName: '某', orgId: String(org['县财政局']) });
  assert.ok(!out.ok && out.reason === 'forbidden');
  const inScope = await users.createUser(t.ctx.db, edu, { username: 'edu.clerk', displayName: '某某', orgId: String(org['县教体局']) });
  assert.ok(inScope.ok);
  const gkb = await as('gkb');
  const reader = await users.createUser(t.ctx.db, gkb, { username: 'by.gkb', displayName: '某', orgId: String(org['县教体局']) });
  assert.ok(!reader.ok && reader.reason === 'forbidden', 'the disclosure office reads users but cannot create them');
  const editOther = await users.updateUser(t.ctx.db, edu, await idOf('wang.wu'), { displayName: '改', orgId: String(org['县财政局']) });
  assert.ok(!editOther.ok && editOther.reason === 'forbidden');
  const moveOut = await users.updateUser(t.ctx.db, edu, await idOf('cbr'), { displayName: '李思远', orgId: String(org['县财政局']) });
  assert.ok(!moveOut.ok && moveOut.reason === 'forbidden', 'moving a user needs the new organisation in scope');
  assert.ok(!(await users.getUser(t.ctx.db, (await as('cbr')).user, await idOf('admin'))).ok);
});

test('edit: changes audited with before/after, contact details masked', async () => {
  const admin = await as('admin');
  const id = await idOf('wang.wu');
  const r = await users.updateUser(t.ctx.db, admin, id, { displayName: '王五', orgId: String(org['县发改委']), email: 'ww@yunxi.example.gov.cn', phone: '13812345678' });
  assert.ok(r.ok);
  const a = await t.ctx.db.execute<{ summary: { before: Record<string, unknown>; after: Record<string, unknown> } }>(sql`select summary from audit_log where action = 'user.update' and entity_id = ${String(id)}`);
  assert.deepEqual(Object.keys(a.rows[0].summary.after).sort(), ['email', 'orgId']);
  assert.equal(a.rows[0].summary.after.orgId, org['县发改委']);
  assert.equal(a.rows[0].summary.after.email, 'w*@yunxi.example.gov.cn');
  const bad = await users.updateUser(t.ctx.db, admin, id, { displayName: '', orgId: String(org['县发改委']), email: 'x' });
  assert.ok(!bad.ok && bad.reason === 'invalid' && bad.fields!.displayName && bad.fields!.email);
  assert.ok(!(await users.updateUser(t.ctx.db, admin, 99999999, { displayName: 'x', orgId: '1' })).ok);
});

test('deactivate: ends sessions and blocks sign-in; nobody deactivates themselves', async () => {
  const admin = await as('admin');
  const id = await idOf('shr');
  const l = await login('shr', pw('shr'));
  assert.ok(l.ok);
  if (!l.ok) return;
  const r = await users.setUserActive(t.ctx.db, admin, id, false);
  assert.ok(r.ok);
  assert.equal(await service.principalFromSession(t.ctx.db, l.token, 30), null);
  const n = await t.ctx.db.execute<{ n: number }>(sql`select count(*) as n from sessions where user_id = ${id}`);
  assert.equal(Number(n.rows[0].n), 0);
  assert.equal((await login('shr', pw('shr'))).ok, false);
  const self = await users.setUserActive(t.ctx.db, admin, admin.user.id, false);
  assert.ok(!self.ok && self.reason === 'conflict' && /本人/.test(self.message));
  assert.ok((await users.setUserActive(t.ctx.db, admin, id, true)).ok);
  assert.ok((await login('shr', pw('shr'))).ok);
});

test('unlock clears failed sign-ins; reset password gives a new temporary password and ends sessions', async () => {
  const admin = await as('admin');
  const id = await idOf('sfr');
  const session = await login('sfr', pw('sfr'));
  assert.ok(session.ok);
  for (let i = 0; i < 5; i++) await login('sfr', 'Wrong-pass-123');
  assert.equal((await login('sfr', pw('sfr'))).ok, false, 'locked');
  assert.ok((await users.unlockUser(t.ctx.db, admin, id)).ok);
  assert.ok((await login('sfr', pw('sfr'))).ok, 'unlocked');
  const r = await users.resetUserPassword(t.ctx.db, admin, id);
  assert.ok(r.ok);
  if (!r.ok || !session.ok) return;
  assert.equal(await service.principalFromSession(t.ctx.db, session.token, 30), null, 'old sessions ended');
  assert.equal((await login('sfr', pw('sfr'))).ok, false, 'old password no longer works');
  const l = await login('sfr', r.password);
  assert.ok(l.ok && l.mustChangePassword);
  const self = await users.resetUserPassword(t.ctx.db, admin, admin.user.id);
  assert.ok(!self.ok && self.reason === 'conflict');
  const gkb = await as('gkb');
  assert.ok(!(await users.resetUserPassword(t.ctx.db, gkb, id)).ok);
  assert.ok(!(await users.unlockUser(t.ctx.db, gkb, id)).ok);
});

test('grants: add within scope, subtree only if the whole subtree is covered, duplicates refused', async () => {
  const admin = await as('admin');
  const id = await idOf('wang.wu');
  const add = await users.addGrant(t.ctx.db, admin, id, { role: 'clerk', orgId: String(org['县发改委']) });
  assert.ok(add.ok);
  const again = await users.addGrant(t.ctx.db, admin, id, { role: 'clerk', orgId: String(org['县发改委']), includeSubtree: '1' });
  assert.ok(!again.ok && again.reason === 'invalid' && /已在/.test(again.fields!.role));
  const p = await as('wang.wu');
  assert.ok(p.user.grants.some((g) => g.role === 'clerk' && g.orgId === org['县发改委']));

  // A sysadmin scoped to the government only (no subtree) manages users of the government itself.
  const govOnly = narrow(org['县政府'], admin.user.id);
  const target = (await users.createUser(t.ctx.db, admin, { username: 'gov.user', displayName: '政府用户', orgId: String(org['县政府']) }));
  assert.ok(target.ok);
  if (!target.ok) return;
  const sub = await users.addGrant(t.ctx.db, govOnly, target.id, { role: 'clerk', orgId: String(org['县政府']), includeSubtree: '1' });
  assert.ok(!sub.ok && sub.reason === 'forbidden' && /全部下级机构/.test(sub.message));
  const elsewhere = await users.addGrant(t.ctx.db, govOnly, target.id, { role: 'clerk', orgId: String(org['县财政局']) });
  assert.ok(!elsewhere.ok && elsewhere.reason === 'forbidden' && elsewhere.fields?.grantOrgId);
  const plain = await users.addGrant(t.ctx.db, govOnly, target.id, { role: 'clerk', orgId: String(org['县政府']) });
  assert.ok(plain.ok);
  const badRole = await users.addGrant(t.ctx.db, admin, target.id, { role: 'king', orgId: String(org['县政府']) });
  assert.ok(!badRole.ok && badRole.reason === 'invalid');
});

test('grants: remove; nobody removes their own last sysadmin grant; the system keeps one sysadmin', async () => {
  const admin = await as('admin');
  const adminId = admin.user.id;
  const grants = await t.ctx.db.execute<{ id: number }>(sql`select id from role_grants where user_id = ${adminId} and role = 'sysadmin'`);
  const own = await users.removeGrant(t.ctx.db, admin, adminId, grants.rows[0].id);
  assert.ok(!own.ok && own.reason === 'conflict' && /本人唯一/.test(own.message));

  // Give gkb a sysadmin grant, then gkb may remove admin's sysadmin grant, but not its own (the last one).
  const add = await users.addGrant(t.ctx.db, admin, await idOf('gkb'), { role: 'sysadmin', orgId: String(org['县政府']), includeSubtree: '1' });
  assert.ok(add.ok);
  const gkb = await as('gkb');
  const other = await users.removeGrant(t.ctx.db, gkb, adminId, grants.rows[0].id);
  assert.ok(other.ok, 'removing another administrator’s grant is allowed while one remains');
  if (!add.ok) return;
  const last = await users.removeGrant(t.ctx.db, gkb, gkb.user.id, add.id);
  assert.ok(!last.ok && /本人唯一/.test(last.message));

  // A grant that belongs to another user, or does not exist, is not found.
  const wrongUser = await users.removeGrant(t.ctx.db, gkb, adminId, add.id);
  assert.ok(!wrongUser.ok && wrongUser.reason === 'not_found');
  assert.ok(!(await users.removeGrant(t.ctx.db, gkb, adminId, 99999999)).ok);
  // Restore admin for the tests that follow.
  assert.ok((await users.addGrant(t.ctx.db, gkb, adminId, { role: 'sysadmin', orgId: String(org['县政府']), includeSubtree: '1' })).ok);
});

test('list: filters by organisation, role, status and text; scoped to user.read', async () => {
  const admin = await as('admin');
  const all = await users.listUsers(t.ctx.db, admin.user, {});
  assert.ok(all.total >= 10);
  const edu = await users.listUsers(t.ctx.db, admin.user, { orgId: org['县教体局'] });
  assert.deepEqual(edu.rows.map((u) => u.username).sort(), ['cbr', 'edu.clerk', 'sfr', 'shr']);
  const clerks = await users.listUsers(t.ctx.db, admin.user, { role: 'clerk' });
  assert.ok(clerks.rows.every((u) => u.roles?.includes('clerk')));
  const must = await users.listUsers(t.ctx.db, admin.user, { status: 'must_change' });
  assert.ok(must.rows.some((u) => u.username === 'sfr'));
  const text = await users.listUsers(t.ctx.db, admin.user, { q: '周文' });
  assert.deepEqual(text.rows.map((u) => u.username), ['gkb']);
  const pct = await users.listUsers(t.ctx.db, admin.user, { q: '%' });
  assert.equal(pct.total, 0, 'wildcards match literally');
  const cbr = await as('cbr');
  assert.equal((await users.listUsers(t.ctx.db, cbr.user, {})).total, 0, 'no user.read scope, nothing listed');
  const page2 = await users.listUsers(t.ctx.db, admin.user, { page: 2 });
  assert.equal(page2.page, 2);
});

test('command-line reset: by user name, unknown names refused', async () => {
  const r = await users.resetPassword(t.ctx.db, { id: null, name: '命令行（test）' }, 'XCB');
  assert.ok(r.ok);
  if (r.ok) assert.ok((await login('xcb', r.password)).ok);
  const no = await users.resetPassword(t.ctx.db, { id: null, name: 'cli' }, 'ghost');
  assert.ok(!no.ok && /不存在/.test(no.message));
});

test('audit chain intact; summaries never contain password hashes', async () => {
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
  const r = await t.ctx.db.execute<{ n: number }>(sql`select count(*) as n from audit_log where summary::text ~ '(scrypt|argon2|passwordHash)'`);
  assert.equal(Number(r.rows[0].n), 0);
  const acts = await t.ctx.db.execute<{ action: string }>(sql`select distinct action from audit_log order by action`);
  for (const a of ['user.create', 'user.update', 'user.deactivate', 'user.reactivate', 'user.unlock', 'user.reset_password', 'grant.add', 'grant.remove']) {
    assert.ok(acts.rows.some((x) => x.action === a), a);
  }
});
