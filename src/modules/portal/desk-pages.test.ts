// The navigation's badges on every back-office page a signed-in user can be shown: the page itself,
// a form sent back with errors (422, from the handler or from the checks before it), and the 403 /
// 404 pages, whichever step of the request refused it (params, query, control characters, policy,
// CSRF, an unknown address, a failed download).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client, type Res } from '../../../test/support/http.ts';
import { submitApplication } from '../requests/intake.ts';
import { sampleApplication } from '../requests/application.fixtures.ts';

let s: TestServer;
let cbr: Client;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  const o = await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`);
  const r = await submitApplication(s.ctx, sampleApplication(Number(o.rows[0].id), 1), { ip: null });
  assert.ok(r.ok);
  cbr = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
});
after(() => s.close());

/** The 依申请公开 entry's badge: the clerk has one online application to confirm. */
function badge(r: Res): string {
  const nav = /<nav class="admin-nav"[\s\S]*?<\/nav>/.exec(r.text)?.[0] ?? '';
  assert.ok(nav, `the page (${r.status}) has the back-office navigation`);
  const m = /<a href="\/admin\/requests"[^>]*>依申请公开(?: <span class="nav-badge">([^<]+)<span class="visually-hidden">项待办<\/span><\/span>)?<\/a>/.exec(nav);
  assert.ok(m, 'the 依申请公开 entry is there');
  return m[1] ?? '';
}

test('every page status keeps the badge: 200, 422 (handler, query, control characters), 403 (policy, CSRF), 404 (params, route, download)', async () => {
  assert.equal(badge(await cbr.get('/admin/')), '1');

  await cbr.get('/admin/catalog/new');
  const form = await cbr.post('/admin/catalog', { title: '', _action: 'save' });
  assert.equal(form.status, 422, 'a form with errors');
  assert.match(form.text, /error-summary|请填写/);
  assert.equal(badge(form), '1');

  await cbr.get('/admin/catalog/new');
  const control = await cbr.post('/admin/catalog', { title: '标题\u0001', _action: 'save' });
  assert.equal(control.status, 422, 'control characters are refused before the handler');
  assert.equal(badge(control), '1');

  const query = await cbr.get(`/admin/requests?q=${'x'.repeat(1001)}`);
  assert.equal(query.status, 422, 'the query schema refuses it before the handler');
  assert.equal(badge(query), '1');

  const policy = await cbr.get('/admin/users');
  assert.equal(policy.status, 403);
  assert.equal(badge(policy), '1');

  await cbr.get('/admin/catalog/new');
  const csrf = await cbr.post('/admin/catalog', { title: '标题', _csrf: 'forged' });
  assert.equal(csrf.status, 403);
  assert.equal(badge(csrf), '1');

  for (const path of ['/admin/catalog/abc', '/admin/requests/templates/no-such-kind', '/admin/no-such-page', '/admin/requests/999999', '/admin/requests/export.pdf']) {
    const r = await cbr.get(path);
    assert.equal(r.status, 404, path);
    assert.equal(badge(r), '1', path);
  }
});
