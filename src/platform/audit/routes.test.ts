// The audit log screen through a real server: filters, paging, the chain check, permissions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { withTx } from '../db/index.ts';
import { writeAudit } from './index.ts';

let s: TestServer;
let gkb: Client;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  gkb = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  // 120 rows of one action, so paging has three pages under that filter.
  for (let i = 0; i < 120; i++) {
    await withTx(s.database.db, (tx) => writeAudit(tx, { id: null, name: 'batch', ip: '10.1.2.3' }, { action: 'test.batch', entityType: 'thing', entityId: i, summary: { before: { name: `旧${i}` }, after: { name: `新${i}` } } }));
  }
});
after(() => s.close());

const count = async () => Number((await s.database.db.execute<{ n: number }>(sql`select count(*)::int8 as n from audit_log`)).rows[0].n);
const rowIds = (html: string) => [...html.matchAll(/<tr><td>(\d+)<\/td><td><time>/g)].map((m) => Number(m[1]));

test('the log lists newest first with Chinese action labels, Beijing time, IP and a readable summary', async () => {
  const before = await count();
  const r = await gkb.get('/admin/audit');
  assert.equal(r.status, 200);
  assert.match(r.text, /<caption>审计记录（按时间由新到旧，每页 50 条）<\/caption>/);
  const ids = rowIds(r.text);
  assert.equal(ids.length, 50);
  assert.deepEqual(ids, [...ids].sort((a, b) => b - a));
  assert.match(r.text, /<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}<\/time>/);
  assert.match(r.text, /<td>10\.1\.2\.3<\/td><td><code>test\.batch<\/code><\/td><td>thing #119<\/td><td>名称：旧119 → 新119<\/td>/);
  assert.match(r.text, /较早记录/);
  assert.equal(await count(), before, 'reading the log is not audited');
});

test('filters: actor, action (exact and group), entity, date range; values come back filled in', async () => {
  const byActor = await gkb.get('/admin/audit?actor=gkb');
  assert.equal(byActor.status, 200);
  assert.match(byActor.text, /<td>gkb<\/td>/);
  assert.doesNotMatch(byActor.text, /<td>batch<\/td>/);
  assert.match(byActor.text, /登录<br\/><code class="muted">auth\.login<\/code>/);
  assert.match(byActor.text, /name="actor" type="text" value="gkb"/);

  const seed = await gkb.get('/admin/audit?action=demo.seed');
  assert.equal(rowIds(seed.text).length, 1);
  assert.match(seed.text, /载入演示数据/);
  assert.match(seed.text, /<option value="demo.seed" selected>/);

  const group = await gkb.get('/admin/audit?action=auth.*');
  assert.ok(rowIds(group.text).length >= 1);
  assert.match(group.text, /auth\.login<\/code>/);
  assert.doesNotMatch(group.text, /test\.batch<\/code>/);

  const entity = await gkb.get('/admin/audit?entityType=thing&entityId=7');
  assert.equal(rowIds(entity.text).length, 1);
  assert.match(entity.text, /thing #7/);

  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const range = await gkb.get(`/admin/audit?action=test.batch&from=${today}&to=${today}`);
  assert.equal(rowIds(range.text).length, 50);
  const past = await gkb.get('/admin/audit?from=2020-01-01&to=2020-12-31');
  assert.match(past.text, /没有符合条件的记录/);
  assert.match(past.text, /value="2020-01-01"/);
});

test('keyset paging: older, newer and back to the newest, keeping the filters', async () => {
  const p1 = await gkb.get('/admin/audit?action=test.batch');
  const ids1 = rowIds(p1.text);
  assert.equal(ids1.length, 50);
  const older = /href="([^"]+)" rel="next">较早记录/.exec(p1.text)![1].replaceAll('&amp;', '&');
  assert.match(older, /action=test\.batch/);
  assert.doesNotMatch(p1.text, /较新记录/);
  const p2 = await gkb.get(older);
  const ids2 = rowIds(p2.text);
  assert.equal(ids2.length, 50);
  assert.ok(ids2[0] < ids1[49]);
  const p3 = await gkb.get(/href="([^"]+)" rel="next">较早记录/.exec(p2.text)![1].replaceAll('&amp;', '&'));
  assert.equal(rowIds(p3.text).length, 20);
  assert.doesNotMatch(p3.text, /较早记录/);
  const back = await gkb.get(/href="([^"]+)" rel="prev">较新记录/.exec(p3.text)![1].replaceAll('&amp;', '&'));
  assert.deepEqual(rowIds(back.text), ids2);
  const back2 = await gkb.get(/href="([^"]+)" rel="prev">较新记录/.exec(back.text)![1].replaceAll('&amp;', '&'));
  assert.deepEqual(rowIds(back2.text), ids1);
});

test('bad filter values give a message, not a 500', async () => {
  const cases = [
    'from=2026-02-30', 'to=junk', 'from=2026-05-01&to=2026-04-01', 'before=99999999999999999999', 'after=-5',
    'before=abc', 'action=%27%3Bdrop', 'entityType=A%20B', `actor=${'x'.repeat(5000)}`, 'action=a&action=b',
    `from=${'9'.repeat(100)}`, 'before=1e5',
  ];
  for (const q of cases) {
    const r = await gkb.get(`/admin/audit?${q}`);
    assert.equal(r.status, 200, q);
  }
  assert.equal((await gkb.get('/admin/audit?entityId=%00')).status, 422, 'a NUL is refused by the input guard');
  const r = await gkb.get('/admin/audit?from=2026-02-30&before=99999999999999999999');
  assert.match(r.text, /部分筛选条件有误/);
  assert.match(r.text, /开始日期应为 YYYY-MM-DD/);
  assert.match(r.text, /分页参数无效/);
  assert.match(r.text, /value="2026-02-30"/);
  assert.match((await gkb.get('/admin/audit?entityId=a%7Fb')).text, /包含无效字符/);
});

test('only audit.read may see the log', async () => {
  for (const u of ['cbr', 'xcb']) {
    const c = new Client(s.baseUrl);
    await c.login(u, s.password(u));
    assert.equal((await c.get('/admin/audit')).status, 403, u);
    assert.equal((await c.post('/admin/audit/verify', {})).status, 403, u);
  }
  const anon = await fetch(s.baseUrl + '/admin/audit', { redirect: 'manual' });
  assert.equal(anon.status, 303);
  const admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
  assert.equal((await admin.get('/admin/audit')).status, 200);
});

test('the chain check shows OK and is itself audited; tampering is shown with the broken row', async () => {
  await gkb.get('/admin/audit');
  const noCsrf = await gkb.post('/admin/audit/verify', {}, { csrf: false });
  assert.equal(noCsrf.status, 403);
  const before = await count();
  const ok = await gkb.post('/admin/audit/verify', {});
  assert.equal(ok.status, 200);
  assert.match(ok.text, /校验通过（OK）/);
  assert.match(ok.text, new RegExp(`审计日志共 ${before} 条`));
  assert.equal(await count(), before + 1);
  const last = await s.database.db.execute<{ action: string; actor_name: string }>(sql`select action, actor_name from audit_log order by id desc limit 1`);
  assert.deepEqual(last.rows[0], { action: 'audit.verify', actor_name: 'gkb' });
  assert.match((await gkb.get('/admin/audit?action=audit.verify')).text, /校验审计日志哈希链/);

  const victim = (await s.database.db.execute<{ id: number }>(sql`select id from audit_log where action = 'test.batch' order by id limit 1 offset 10`)).rows[0].id;
  await s.database.db.execute(sql`update audit_log set summary = '{"after": {"name": "篡改"}}'::jsonb where id = ${victim}`);
  const broken = await gkb.post('/admin/audit/verify', {});
  assert.equal(broken.status, 200);
  assert.match(broken.text, /校验未通过/);
  assert.match(broken.text, new RegExp(`第一条异常记录编号：${victim}`));
});

test('times are shown in Asia/Shanghai', async () => {
  // Runs last: moving a row's time breaks the chain, which the previous test no longer needs.
  const id = (await s.database.db.execute<{ id: number }>(sql`select id from audit_log where action = 'demo.seed'`)).rows[0].id;
  await s.database.db.execute(sql`update audit_log set at = '2026-01-31T16:30:05Z' where id = ${id}`);
  const r = await gkb.get('/admin/audit?action=demo.seed');
  assert.match(r.text, /<time>2026-02-01 00:30:05<\/time>/);
  const day = await gkb.get('/admin/audit?from=2026-02-01&to=2026-02-01');
  assert.deepEqual(rowIds(day.text), [Number(id)]);
  const prev = await gkb.get('/admin/audit?to=2026-01-31');
  assert.deepEqual(rowIds(prev.text), []);
});
