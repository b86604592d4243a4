// Route inputs declared as schemas (platform/forms/query.ts): ids in URLs, loose query strings of
// HTML pages, and what a bad value answers — the Chinese 404 or 422 page, never JSON or a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { ownValue } from '../forms/query.ts';

let s: TestServer;
let staff: Client;
before(async () => {
  s = await startTestServer();
  staff = new Client(s.baseUrl);
  await staff.login('admin', s.password('admin'));
});
after(async () => { await s.close(); });

const html = (r: { headers: Headers }) => /^text\/html/.test(r.headers.get('content-type') ?? '');

test('an id that is not plain decimal digits is the Chinese 404 page with the route\'s own message', async () => {
  for (const id of ['abc', '0', '-1', '012', '0x10', '1e1', '1.0', '%2012', '99999999999', '2147483648']) {
    const r = await staff.get(`/admin/catalog/${id}`);
    assert.equal(r.status, 404, `/admin/catalog/${id}`);
    assert.ok(html(r), id);
    assert.match(r.text, /该信息不存在或已被删除。/, id);
  }
  const pub = await fetch(`${s.baseUrl}/xxgk/0x1`);
  assert.equal(pub.status, 404);
  assert.match(await pub.text(), /您要查看的政府信息不存在，或尚未公开。/);
  const two = await fetch(`${s.baseUrl}/xxgk/1/files/1e0`);
  assert.equal(two.status, 404);
  assert.match(await two.text(), /您要下载的附件不存在/);
  // A params schema that is an enum: the same 404.
  const kind = await staff.get('/admin/requests/templates/no-such-kind');
  assert.equal(kind.status, 404);
  assert.match(kind.text, /没有这种文书模板。/);
  assert.equal((await staff.get('/admin/requests/export.pdf')).status, 404);
  // A POST with a junk id is a 404 too (before CSRF or the form are looked at).
  assert.equal((await staff.post('/admin/orgs/abc/deactivate', {})).status, 404);
});

test('a decimal id reaches the handler (a record that does not exist: its own 404)', async () => {
  const r = await staff.get('/admin/catalog/2147483647');
  assert.equal(r.status, 404);
  assert.match(r.text, /该信息不存在或已被删除。/);
  const org = await staff.get('/admin/orgs/1');
  assert.equal(org.status, 200);
});

test('HTML pages ignore a repeated or unknown filter value as before; the JSON API refuses a repeated one', async () => {
  for (const path of ['/xxgk/search?q=x&q=y', '/xxgk/fdzdgknr/?org=abc&org=1&category=zzz', '/news/?page=x&page=2', '/prefs?next=/a&next=/b']) {
    const r = await fetch(s.baseUrl + path, { redirect: 'manual' });
    assert.ok(r.status === 200 || r.status === 303, `${path} → ${r.status}`);
  }
  const list = await staff.get('/admin/orgs?done=constructor&done=x');
  assert.equal(list.status, 200);
  const orgs = await staff.get('/admin/orgs/new?parent=abc');
  assert.equal(orgs.status, 200);
  const api = await fetch(`${s.baseUrl}/api/v1/search?q=x&q=y`);
  assert.equal(api.status, 422);
  assert.equal((await api.json()).error.code, 'validation_failed');
});

test('a query value longer than any form makes is the Chinese 422 page on HTML routes, never JSON or a 500', async () => {
  const r = await fetch(`${s.baseUrl}/xxgk/fdzdgknr/?org=${'1'.repeat(1001)}`);
  assert.equal(r.status, 422);
  assert.ok(html(r));
  assert.match(await r.text(), /字段“发布机构”不能超过1000个字符/);
  const admin = await staff.get(`/admin/catalog?q=${'a'.repeat(1001)}`);
  assert.equal(admin.status, 422);
  assert.ok(html(admin));
});

test('ownValue: only the map\'s own keys choose a notice', () => {
  const m = { saved: '已保存。' };
  assert.equal(ownValue(m, 'saved'), '已保存。');
  for (const k of ['constructor', '__proto__', 'toString', 'hasOwnProperty', '', undefined]) assert.equal(ownValue(m, k), undefined);
});
