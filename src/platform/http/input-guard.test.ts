// NUL bytes and other control characters are refused once, before any handler (PostgreSQL refuses
// 0x00 in text, which used to surface as a 500): query, route params, form and JSON bodies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { findControlChar } from './input-guard.ts';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

const MESSAGE = '提交的内容包含无法识别的控制字符，请删除后重新提交。';

test('findControlChar: NUL and C0 controls anywhere in a value, but not tab, newline or carriage return', () => {
  assert.equal(findControlChar({ a: 'ok\t\r\n', b: ['x', 'y\u0000'] }), 'b.1');
  assert.equal(findControlChar({ a: { b: { c: 'bell\u0007' } } }), 'a.b.c');
  assert.equal(findControlChar({ 'k\u0000': 'v' }), 'k\u0000');
  assert.equal(findControlChar({ a: '政务公开 \u00a0 text', n: 5, b: true, f: { data: Buffer.from([0]) } }), null);
  assert.equal(findControlChar('\u001f'), '');
});

test('trackingNo=%00 on /ysqgk/track (GET and POST) is refused with the Chinese message, not a 500', async () => {
  const c = new Client(s.baseUrl);
  const g = await c.get('/ysqgk/track?trackingNo=%00');
  assert.equal(g.status, 422);
  assert.ok(g.text.includes(MESSAGE));
  await c.get('/ysqgk/track');
  const p = await c.post('/ysqgk/track', { trackingNo: '\u0000', queryCode: 'ABCDE-FGHIJ' });
  assert.equal(p.status, 422, p.text.slice(0, 200));
  assert.ok(p.text.includes(MESSAGE));
  assert.match(p.text, /<html lang="zh-CN"/);
});

test('username=%00 on /login is refused, not a 500', async () => {
  const c = new Client(s.baseUrl);
  await c.get('/login');
  const r = await c.post('/login', { username: '\u0000admin', password: 'whatever-123' });
  assert.equal(r.status, 422, r.text.slice(0, 200));
  assert.ok(r.text.includes(MESSAGE));
});

test('a JSON API body or query with \\u0000 gets the JSON error shape', async () => {
  const c = new Client(s.baseUrl);
  const r = await c.postJson('/api/v1/requests', { applicantName: '王\u0000小明', forms: ['paper'] });
  assert.equal(r.status, 422, r.text);
  const j = JSON.parse(r.text);
  assert.equal(j.error.code, 'validation_failed');
  assert.equal(j.error.message, MESSAGE);
  assert.ok(j.error.fields.applicantName);
  const q = await c.get('/api/v1/search?q=%00');
  assert.equal(q.status, 422);
  assert.equal(JSON.parse(q.text).error.code, 'validation_failed');
  const bell = await c.get('/api/v1/search?q=' + encodeURIComponent('政务\u0007'));
  assert.equal(bell.status, 422);
});

test('a route parameter with a control character is refused', async () => {
  const r = await fetch(s.baseUrl + '/xxgk/%01/print');
  assert.ok(r.status === 422 || r.status === 404, String(r.status));
  const t = await fetch(s.baseUrl + '/ysqgk/track', { method: 'POST' });
  assert.ok(t.status < 500);
});
