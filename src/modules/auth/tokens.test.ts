// API tokens are minted by a user for themselves or for an integration account without
// personal-data rights; never for another person (whose name the audit would then carry).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';

let s: TestServer;
let admin: Client;
const shownSecret = (html: string) => /<code class="secret">([^<]+)<\/code>/.exec(html)?.[1];
const bearer = (token: string, path: string) => fetch(s.baseUrl + path, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, redirect: 'manual' });
const tokenCount = async (username: string) => Number((await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from api_tokens t join users u on u.id = t.user_id where u.username = ${username}`)).rows[0].n);

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
});
after(() => s.close());

test('the system administrator cannot mint a token for another person (403, nothing created)', async () => {
  const page = await admin.get('/admin/tokens');
  assert.match(page.text, /name="username"[^>]*value="admin"/, 'the form proposes one’s own account');
  for (const username of ['gkb', 'cbr']) {
    const r = await admin.post('/admin/tokens', { username, name: '冒用', days: '' });
    assert.equal(r.status, 403, username);
    assert.match(r.text, /只能为本人或接口集成账户创建接口令牌/);
    assert.equal(await tokenCount(username), 0);
  }
  const audit = await s.ctx.db.execute(sql`select 1 from audit_log where action = 'token.create'`);
  assert.equal(audit.rows.length, 0);
});

test('a token for oneself: the audit names the minter and the owner', async () => {
  const r = await admin.post('/admin/tokens', { username: 'admin', name: '本人接口', days: '30' });
  assert.equal(r.status, 201);
  const token = shownSecret(r.text)!;
  const me = await (await bearer(token, '/api/v1/me')).json() as { username: string; via: string };
  assert.deepEqual([me.username, me.via], ['admin', 'token']);
  const a = await s.ctx.db.execute<{ actor_name: string; summary: { user: string; via: string } }>(sql`select actor_name, summary from audit_log where action = 'token.create'`);
  assert.equal(a.rows[0].actor_name, 'admin');
  assert.equal(a.rows[0].summary.user, 'admin');
  assert.equal(a.rows[0].summary.via, '管理平台');
});

test('an integration account: created without a password, no personal-data roles, a token with only its grants', async () => {
  const c = await admin.post('/admin/users', { username: 'api.report', displayName: '市平台数据报送', orgId: String(await orgId('县政府办')), email: '', phone: '', integration: '1' });
  assert.equal(c.status, 303);
  const id = /\/admin\/users\/(\d+)\?done=integration/.exec(c.location ?? '')?.[1];
  assert.ok(id, c.location ?? '');
  const detail = await admin.get(`/admin/users/${id}?done=integration`);
  assert.match(detail.text, /接口集成账户/);
  assert.doesNotMatch(detail.text, /class="secret"/, 'no password is shown');
  assert.doesNotMatch(detail.text, /重置密码<\/button>/);
  // A personal-data role is refused; a catalogue-only role is granted.
  for (const role of ['clerk', 'disclosure_office', 'sysadmin']) {
    const g = await admin.post(`/admin/users/${id}/grants`, { role, grantOrgId: String(await orgId('县政府')), includeSubtree: '1' });
    assert.equal(g.status, 422, role);
    assert.match(g.text, /接口集成账户不能被授予/);
  }
  const ok = await admin.post(`/admin/users/${id}/grants`, { role: 'press_office', grantOrgId: String(await orgId('县政府')), includeSubtree: '1' });
  assert.equal(ok.status, 303);
  const t = await admin.post('/admin/tokens', { username: 'api.report', name: '数据报送', days: '' });
  assert.equal(t.status, 201);
  const token = shownSecret(t.text)!;
  assert.equal((await bearer(token, '/api/v1/me')).status, 200);
  assert.equal((await bearer(token, '/admin/requests')).status, 403, 'no access to applications');
  const a = await s.ctx.db.execute<{ actor_name: string; summary: { user: string; integration: boolean } }>(sql`select actor_name, summary from audit_log where action = 'token.create' order by id desc limit 1`);
  assert.deepEqual([a.rows[0].actor_name, a.rows[0].summary.user, a.rows[0].summary.integration], ['admin', 'api.report', true]);
  // It cannot sign in: the answer is the one for a wrong password.
  const l = new Client(s.baseUrl);
  await l.get('/login');
  const li = await l.post('/login', { username: 'api.report', password: 'Whatever-Pass-1' });
  assert.equal(li.status, 401);
  assert.match(li.text, /用户名或密码错误。/);
  // A personal-data grant slipped in behind the screens is ignored by the token and blocks new tokens.
  await s.ctx.db.execute(sql`insert into role_grants (user_id, role, org_id, include_subtree) values (${Number(id)}, 'clerk', ${await orgId('县教体局')}, false)`);
  assert.equal((await bearer(token, '/admin/requests')).status, 403);
  const again = await admin.post('/admin/tokens', { username: 'api.report', name: '再来一个', days: '' });
  assert.equal(again.status, 403);
  assert.match(again.text, /承办人/);
});

async function orgId(short: string): Promise<number> {
  return (await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = ${short}`)).rows[0].id;
}
