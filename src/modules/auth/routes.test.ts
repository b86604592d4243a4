import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';

let s: TestServer;
before(async () => {
  s = await startTestServer({
    config: { COOKIE_SECURE: 'false' },
    // A protected form route, to show that a post after session expiry keeps what was typed.
    routes: (app) => app.post('/admin/test-form', { config: { policy: 'admin.access' } }, async (req) => ({ got: req.body })),
  });
});
after(() => s.close());

test('sign in with the form, reach the admin, sign out', async () => {
  const c = new Client(s.baseUrl);
  const r = await c.login('admin', s.password('admin'));
  assert.equal(r.location, '/admin/');
  assert.ok(c.hasCookie('gk_sid'));
  const acc = await c.get('/admin/account');
  assert.equal(acc.status, 200);
  assert.match(acc.text, /系统管理员/);
  const out = await c.post('/logout', {});
  assert.equal(out.status, 303);
  const again = await c.get('/admin/account');
  assert.equal(again.status, 303);
  assert.match(again.location ?? '', /^\/login\?next=/);
});

test('a wrong password shows a Chinese message and keeps the user name', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const r = await c.post('/login', { username: 'gkb', password: 'Wrong-pass-123' });
  assert.equal(r.status, 401);
  assert.match(r.text, /用户名或密码错误/);
  assert.match(r.text, /value="gkb"/);
});

test('a form without a CSRF token is refused with a Chinese page', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const r = await c.post('/login', { username: 'gkb', password: 'x' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.match(r.text, /页面已过期/);
});

test('session cookie is httpOnly and SameSite; pages carry security headers and a CSP without inline script', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const res = await fetch(s.baseUrl + '/login');
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(res.headers.get('x-frame-options'));
  const body = new URLSearchParams({ username: 'xcb', password: s.password('xcb'), _csrf: c.csrf });
  const login = await fetch(s.baseUrl + '/login', { method: 'POST', redirect: 'manual', body, headers: { cookie: res.headers.getSetCookie().map((x) => x.split(';')[0]).join('; ') + '; ' + '', 'content-type': 'application/x-www-form-urlencoded' } });
  // The CSRF secret cookie belongs to the first client, so this post must fail; the session cookie check uses the client.
  assert.equal(login.status, 403);
  const ok = await c.post('/login', { username: 'xcb', password: s.password('xcb') });
  assert.equal(ok.status, 303);
  const setCookie = ok.headers.getSetCookie().find((x) => x.startsWith('gk_sid='))!;
  assert.match(setCookie, /HttpOnly/i);
  assert.match(setCookie, /SameSite=Lax/i);
});

test('admin pages need a session; API errors are JSON with a stable code', async () => {
  const r = await fetch(s.baseUrl + '/admin/', { redirect: 'manual' });
  assert.equal(r.status, 303);
  const api = await fetch(s.baseUrl + '/api/v1/nothing-here');
  assert.equal(api.status, 404);
  assert.deepEqual(Object.keys(((await api.json()) as { error: object }).error).sort(), ['code', 'message']);
  const bad = await fetch(s.baseUrl + '/api/v1/nothing-here', { headers: { authorization: 'Bearer nonsense' } });
  assert.equal(bad.status, 401);
  assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'unauthenticated');
});

test('junk input never produces a 500', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const cases = [
    await c.post('/login', { username: 'x'.repeat(5000), password: 'y'.repeat(5000) }),
    await c.post('/login', { username: ['a', 'b'], password: '' }),
    await c.request('POST', '/login', { body: '{not json', type: 'application/json' }),
    await c.request('POST', '/login', { body: 'a=b', type: 'text/weird' }),
    await c.get('/login?next=//evil.example.com&x[]=1&%%%'),
    await c.get('/%E0%A4%A'),
  ];
  for (const r of cases) assert.ok(r.status < 500, `status ${r.status}`);
});

test('a form posted after the session expired is kept: sign in again and continue', async () => {
  const c = new Client(s.baseUrl);
  await c.login('admin', s.password('admin'));
  await c.get('/admin/account');
  const { sql } = await import('drizzle-orm');
  await s.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '2 hours'`);
  const pw = await c.post('/admin/account', { current: 'typed-current', next: 'Typed-New-pass-1', confirm: 'Typed-New-pass-1' });
  assert.equal(pw.status, 303, 'a password form is never carried: plain redirect to sign in');
  await c.login('admin', s.password('admin'));
  await s.ctx.db.execute(sql`update sessions set last_seen_at = now() - interval '2 hours'`);
  const r = await c.post('/admin/test-form', { note: '已填写的说明', amount: '12' });
  assert.equal(r.status, 401);
  assert.match(r.text, /您刚才提交的内容已保留/);
  assert.match(r.text, /name="resume"/);
  const resume = /name="resume" value="([^"]+)"/.exec(r.text)![1];
  const again = await c.post('/login', { username: 'admin', password: s.password('admin'), next: '/admin/', resume });
  assert.equal(again.status, 200);
  assert.match(again.text, /继续提交/);
  assert.match(again.text, /value="已填写的说明"/);
  const done = await c.post('/admin/test-form', Object.fromEntries([...again.text.matchAll(/type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]])));
  assert.equal(done.status, 200);
  assert.deepEqual(JSON.parse(done.text).got, { _csrf: c.csrf, note: '已填写的说明', amount: '12' });
});

test('sign-in attempts are rate limited per address', async () => {
  const limited = await startTestServer({ demo: false, config: { COOKIE_SECURE: 'false', RATE_LIMIT_LOGIN: '3' } });
  try {
    const c = new Client(limited.baseUrl);
    await c.get('/login');
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await c.post('/login', { username: 'x', password: 'y' })).status);
    assert.deepEqual(codes.slice(0, 3), [401, 401, 401]);
    assert.equal(codes[4], 429);
    const last = await c.post('/login', { username: 'x', password: 'y' });
    assert.match(last.text, /操作过于频繁/);
  } finally { await limited.close(); }
});

test('an API token authenticates /api/v1/me; without one the answer is a JSON 401', async () => {
  const { createApiToken } = await import('./service.ts');
  const t = await createApiToken(s.ctx.db, { id: null, name: 'test' }, { username: 'gkb' });
  assert.ok(t.ok);
  if (!t.ok) return;
  const me = await fetch(s.baseUrl + '/api/v1/me', { headers: { authorization: `Bearer ${t.token}` } });
  assert.equal(me.status, 200);
  const body = (await me.json()) as { username: string; grants: { role: string }[] };
  assert.equal(body.username, 'gkb');
  assert.deepEqual(body.grants.map((g) => g.role), ['disclosure_office']);
  const anon = await fetch(s.baseUrl + '/api/v1/me');
  assert.equal(anon.status, 401);
  assert.equal(((await anon.json()) as { error: { code: string } }).error.code, 'unauthenticated');
});

test('a temporary password must be changed before anything else', async () => {
  const { sql } = await import('drizzle-orm');
  await s.ctx.db.execute(sql`update users set must_change_password = true where username = 'sfr'`);
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const r = await c.post('/login', { username: 'sfr', password: s.password('sfr'), next: '/admin/' });
  assert.equal(r.location, '/admin/account?first=1');
  const blocked = await c.get('/api/v1/me');
  assert.equal(blocked.status, 403);
  assert.match(blocked.text, /临时密码/);
  const page = await c.get('/admin/account?first=1');
  assert.match(page.text, /请先修改密码/);
  const weak = await c.post('/admin/account', { current: s.password('sfr'), next: 'short', confirm: 'short' });
  assert.equal(weak.status, 422);
  assert.match(weak.text, /密码长度至少为 10 位/);
  const done = await c.post('/admin/account', { current: s.password('sfr'), next: 'Yunxi-Qing-2026!', confirm: 'Yunxi-Qing-2026!' });
  assert.equal(done.status, 303);
  assert.equal((await c.get('/api/v1/me')).status, 200);
});

test('malformed and over-long URLs get a Chinese page, not framework English', async () => {
  for (const p of ['/news/%E0%A4%A', '/xxgk/%ZZ', '/news/' + '9'.repeat(600)]) {
    const r = await fetch(s.baseUrl + p);
    assert.ok(r.status >= 400 && r.status < 500, `${p} → ${r.status}`);
    const text = await r.text();
    assert.match(text, /<html lang="zh-CN"/, p);
  }
  const api = await fetch(s.baseUrl + '/api/v1/%E0%A4%A');
  assert.equal(((await api.json()) as { error: { code: string } }).error.code, 'bad_request');
});

test('in the Traditional view the switch back reads 简体中文', async () => {
  const r = await fetch(s.baseUrl + '/', { headers: { cookie: 'gk_variant=tw' } });
  const text = await r.text();
  assert.match(text, /lang="zh-CN">简体中文</);
  assert.match(text, /<html lang="zh-TW"/);
});

test('JSON API posts need no CSRF token, but a form-encoded post to the API does', async () => {
  const json = await fetch(s.baseUrl + '/api/v1/nothing', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(json.status, 404, 'reaches routing (no CSRF refusal)');
  const form = await fetch(s.baseUrl + '/api/v1/me', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
  assert.ok([403, 404, 415].includes(form.status), String(form.status));
});

test('passwords are taken exactly as typed: spaces at either end are part of them', async () => {
  const c = new Client(s.baseUrl);
  await c.login('gkb', s.password('gkb'));
  await c.get('/admin/account');
  const spaced = '  Spaced-Pass-2024 ';
  const r = await c.post('/admin/account', { current: s.password('gkb'), next: spaced, confirm: spaced });
  assert.equal(r.status, 303, r.text);
  const other = new Client(s.baseUrl);
  await other.get('/login');
  assert.equal((await other.post('/login', { username: 'gkb', password: spaced.trim() })).status, 401, 'the trimmed password is not it');
  assert.equal((await other.post('/login', { username: ' gkb ', password: spaced })).status, 303, 'the user name is trimmed, the password is not');
});
