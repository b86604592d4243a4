import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';

let s: TestServer;
let admin: Client;
const org: Record<string, number> = {};
const uid = async (username: string) => (await s.ctx.db.execute<{ id: number }>(sql`select id from users where username = ${username}`)).rows[0].id;
/** The temporary password on a "shown once" page. */
const shownSecret = (html: string) => /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1];

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

test('a clerk (cbr) gets 403 on user and token administration', async () => {
  const c = new Client(s.baseUrl);
  await c.login('cbr', s.password('cbr'));
  for (const p of ['/admin/users', '/admin/users/new', `/admin/users/${await uid('cbr')}`, '/admin/tokens']) {
    assert.equal((await c.get(p)).status, 403, p);
  }
  await c.get('/admin/account');
  assert.equal((await c.post('/admin/users', { username: 'x.y.z', displayName: '某', orgId: String(org['县教体局']) })).status, 403);
  assert.equal((await c.post(`/admin/users/${await uid('shr')}/deactivate`, {})).status, 403);
  assert.equal((await c.post('/admin/tokens', { username: 'cbr', name: 'x' })).status, 403);
});

test('the disclosure office (gkb) can read users but not change them', async () => {
  const c = new Client(s.baseUrl);
  await c.login('gkb', s.password('gkb'));
  const list = await c.get('/admin/users');
  assert.equal(list.status, 200);
  assert.match(list.text, /李思远/);
  assert.doesNotMatch(list.text, /新增用户/);
  const detail = await c.get(`/admin/users/${await uid('cbr')}`);
  assert.equal(detail.status, 200);
  assert.match(detail.text, /承办人/);
  assert.doesNotMatch(detail.text, /修改用户信息|重置密码|授予角色/);
  assert.equal((await c.get('/admin/users/new')).status, 403);
  const id = await uid('cbr');
  for (const [p, body] of [
    [`/admin/users/${id}`, { displayName: '改名', orgId: String(org['县教体局']) }],
    [`/admin/users/${id}/deactivate`, {}],
    [`/admin/users/${id}/reset-password`, {}],
    [`/admin/users/${id}/unlock`, {}],
    [`/admin/users/${id}/grants`, { role: 'sysadmin', grantOrgId: String(org['县政府']) }],
    ['/admin/users', { username: 'by.gkb', displayName: '某', orgId: String(org['县教体局']) }],
  ] as const) {
    assert.equal((await c.post(p, body)).status, 403, p);
  }
  assert.equal((await c.get('/admin/tokens')).status, 403);
});

test('list: filters and pagination; junk filters are ignored, never a 500', async () => {
  const r = await admin.get(`/admin/users?org=${org['县教体局']}&role=clerk&status=active&q=${encodeURIComponent('李')}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /共 1 个用户/);
  assert.match(r.text, />cbr</);
  for (const p of ['/admin/users?org=abc&page=-1', '/admin/users?role=%3Cscript%3E&status=x', '/admin/users?page=99999999999', `/admin/users?q=${'x'.repeat(5000)}`, '/admin/users?org=1&org=2']) {
    const j = await admin.get(p);
    assert.equal(j.status, 200, p);
    assert.doesNotMatch(j.text, /<script>/);
  }
  // A NUL is refused once, before any handler (the platform's input guard), never a 500.
  assert.equal((await admin.get('/admin/users?q=a%00b')).status, 422);
});

test('create: bad input re-rendered with values and errors (422); a good one shows the password once', async () => {
  const bad = await admin.post('/admin/users', { username: 'A', displayName: '', orgId: '', email: 'bad', phone: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /用户名长度应为 3 至 32 个字符/);
  assert.match(bad.text, /请填写姓名/);
  assert.match(bad.text, /请选择所属机构/);
  assert.match(bad.text, /value="bad"/);
  const dup = await admin.post('/admin/users', { username: 'GKB', displayName: '某', orgId: String(org['县教体局']) });
  assert.equal(dup.status, 422);
  assert.match(dup.text, /已被使用/);

  const ok = await admin.post('/admin/users', { username: 'zhou.min', displayName: '周敏', orgId: String(org['县财政局']), email: 'zm@yunxi.example.gov.cn', phone: '0793-5120041' });
  assert.equal(ok.status, 201);
  assert.match(ok.headers.get('cache-control') ?? '', /no-store/);
  const password = shownSecret(ok.text);
  assert.ok(password);
  assert.match(ok.text, /只显示这一次/);
  const again = await admin.get(`/admin/users/${await uid('zhou.min')}`);
  assert.doesNotMatch(again.text, new RegExp(password!), 'never shown again');

  const c = new Client(s.baseUrl);
  await c.get('/login');
  const l = await c.post('/login', { username: 'zhou.min', password: password!, next: '/admin/' });
  assert.equal(l.status, 303);
  assert.equal(l.location, '/admin/account?first=1', 'must change the password first');
});

test('detail: edit, grants add/remove, unknown and junk ids are 404', async () => {
  const id = await uid('zhou.min');
  const saved = await admin.post(`/admin/users/${id}`, { displayName: '周敏', orgId: String(org['县财政局']), email: '', phone: '13900001111' });
  assert.equal(saved.status, 303);
  const badEdit = await admin.post(`/admin/users/${id}`, { displayName: '', orgId: 'abc', email: 'x@', phone: '' });
  assert.equal(badEdit.status, 422);
  assert.match(badEdit.text, /value="x@"/);

  const grant = await admin.post(`/admin/users/${id}/grants`, { role: 'clerk', grantOrgId: String(org['县财政局']), includeSubtree: '1' });
  assert.equal(grant.status, 303);
  const page = await admin.get(`/admin/users/${id}`);
  assert.match(page.text, /<td>承办人<\/td><td>云溪县财政局<\/td><td>本机构及全部下级机构<\/td>/);
  const badGrant = await admin.post(`/admin/users/${id}/grants`, { role: 'emperor', grantOrgId: 'x' });
  assert.equal(badGrant.status, 422);
  assert.match(badGrant.text, /角色无效/);
  const gid = (await s.ctx.db.execute<{ id: number }>(sql`select id from role_grants where user_id = ${id}`)).rows[0].id;
  assert.equal((await admin.post(`/admin/users/${id}/grants/${gid}/delete`, {})).status, 303);
  assert.equal((await admin.post(`/admin/users/${id}/grants/${gid}/delete`, {})).status, 404);

  for (const p of ['/admin/users/abc', '/admin/users/0', '/admin/users/99999999999', '/admin/users/99999999', '/admin/users/1e3']) {
    assert.equal((await admin.get(p)).status, 404, p);
  }
  assert.equal((await admin.post('/admin/users/abc/unlock', {})).status, 404);
  assert.equal((await admin.post(`/admin/users/${id}/grants/abc/delete`, {})).status, 404);
  assert.equal((await admin.post('/admin/users/99999999/reset-password', {})).status, 404);
});

test('self-protection: no removing one’s own last sysadmin grant, no deactivating oneself', async () => {
  const me = await uid('admin');
  const gid = (await s.ctx.db.execute<{ id: number }>(sql`select id from role_grants where user_id = ${me} and role = 'sysadmin'`)).rows[0].id;
  const r = await admin.post(`/admin/users/${me}/grants/${gid}/delete`, {});
  assert.equal(r.status, 409);
  assert.match(r.text, /不能删除本人唯一的系统管理员角色/);
  const d = await admin.post(`/admin/users/${me}/deactivate`, {});
  assert.equal(d.status, 409);
  assert.match(d.text, /不能停用本人账户/);
});

test('deactivate ends the user’s sessions; reset password shows a new one once; unlock', async () => {
  const xcb = new Client(s.baseUrl);
  await xcb.login('xcb', s.password('xcb'));
  assert.equal((await xcb.get('/admin/account')).status, 200);
  const id = await uid('xcb');
  assert.equal((await admin.post(`/admin/users/${id}/deactivate`, {})).status, 303);
  const out = await xcb.get('/admin/account');
  assert.equal(out.status, 303, 'signed out at once');
  assert.equal((await admin.post(`/admin/users/${id}/reactivate`, {})).status, 303);

  const reset = await admin.post(`/admin/users/${id}/reset-password`, {});
  assert.equal(reset.status, 200);
  const password = shownSecret(reset.text);
  assert.ok(password);
  const c = new Client(s.baseUrl);
  await c.get('/login');
  assert.equal((await c.post('/login', { username: 'xcb', password: s.password('xcb') })).status, 401, 'old password gone');
  const l = await c.post('/login', { username: 'xcb', password: password! });
  assert.equal(l.location, '/admin/account?first=1');

  await s.ctx.db.execute(sql`update users set failed_logins = 5, locked_until = now() + interval '15 minutes' where id = ${id}`);
  const locked = await admin.get(`/admin/users/${id}`);
  assert.match(locked.text, /已锁定/);
  assert.equal((await admin.post(`/admin/users/${id}/unlock`, {})).status, 303);
  const row = await s.ctx.db.execute<{ failed_logins: number; locked_until: string | null }>(sql`select failed_logins, locked_until from users where id = ${id}`);
  assert.deepEqual(row.rows[0], { failed_logins: 0, locked_until: null });
});

test('tokens: create shows the token once and it authenticates; bad input 422; bad ids 404', async () => {
  const page = await admin.get('/admin/tokens');
  assert.equal(page.status, 200);
  const bad = await admin.post('/admin/tokens', { username: 'ghost.user', name: '', days: '0' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /不存在或不在您的管理范围内/);
  assert.match(bad.text, /请填写令牌用途说明/);
  assert.match(bad.text, /1 至 3650/);
  // A token for another person is refused (tokens.test.ts); one's own is created.
  const ok = await admin.post('/admin/tokens', { username: 'admin', name: '报表接口', days: '7' });
  assert.equal(ok.status, 201);
  const token = shownSecret(ok.text)!;
  assert.match(token, /^gk_/);
  const res = await fetch(s.baseUrl + '/admin/users', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, 'the administrator may read users');
  const list = await admin.get('/admin/tokens');
  assert.match(list.text, /报表接口/);
  assert.doesNotMatch(list.text, new RegExp(token));
  assert.equal((await admin.post('/admin/tokens/abc/revoke', {})).status, 404);
  assert.equal((await admin.post('/admin/tokens/99999999/revoke', {})).status, 404);
});

test('every change is audited without secrets', async () => {
  const r = await s.ctx.db.execute<{ action: string; summary: unknown }>(sql`select action, summary from audit_log where action like 'user.%' or action like 'grant.%' or action like 'token.%'`);
  const actions = new Set(r.rows.map((x) => x.action));
  for (const a of ['user.create', 'user.update', 'user.deactivate', 'user.reactivate', 'user.reset_password', 'user.unlock', 'grant.add', 'grant.remove', 'token.create']) {
    assert.ok(actions.has(a), a);
  }
  assert.doesNotMatch(JSON.stringify(r.rows), /scrypt|gk_[A-Za-z0-9_-]{20}/);
});
