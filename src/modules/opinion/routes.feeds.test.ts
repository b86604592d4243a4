// /admin/opinion/sources through the real server, as the 舆情专员 (yqzy), with a feed server on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { startFeedServer, rssOf, type FeedServer } from '../../../test/support/feed-server.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { findSourceByName } from './repo.ts';

let s: TestServer;
let feeds: FeedServer;
let yq: Client;
before(async () => {
  [s, feeds] = await Promise.all([startTestServer({ config: { COOKIE_SECURE: 'false', OPINION_FEED_ALLOW_PRIVATE: 'true' } }), startFeedServer()]);
  yq = new Client(s.baseUrl);
  await yq.login('yqzy', s.password('yqzy'));
  feeds.route('/rss.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' })
    .end(rssOf('云溪论坛', [{ id: 'f1', title: '城关镇停水', text: '东片区停水。' }, { id: 'f2', title: '公交线路调整', text: '3路公交改线。' }])));
});
after(async () => { await feeds.close(); await s.close(); });

const form = (patch: Record<string, string> = {}) => ({ name: '云溪论坛', url: `${feeds.base}/rss.xml`, mediaType: 'forum', pollMinutes: '30', weight: '1.5', ...patch });

test('舆情来源 is reached from 舆情设置 in the menu, and the empty list says so', async () => {
  const home = await yq.get('/admin/');
  assert.match(home.text, /href="\/admin\/opinion\/settings"[^>]*>舆情设置/);
  assert.match((await yq.get('/admin/opinion/settings')).text, /href="\/admin\/opinion\/sources"[^>]*>舆情来源/);
  const r = await yq.get('/admin/opinion/sources');
  assert.equal(r.status, 200);
  assert.match(r.text, /尚未配置订阅源/);
});

test('add: bad input is refused per field in Chinese with the typed values kept; good input is saved and polled on demand', async () => {
  await yq.get('/admin/opinion/sources/new');
  const bad = await yq.post('/admin/opinion/sources', form({ name: '', url: 'ftp://x.cn/feed', pollMinutes: '2', weight: '很重' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“来源名称”为必填项/);
  assert.match(bad.text, /订阅地址应以 http:\/\/ 或 https:\/\/ 开头/);
  assert.match(bad.text, /字段“抓取间隔（分钟）”不能小于5/);
  assert.match(bad.text, /字段“来源权重”格式不正确/);
  assert.match(bad.text, /value="ftp:\/\/x.cn\/feed"/);
  assert.match(bad.text, /value="很重"/);

  const ok = await yq.post('/admin/opinion/sources', form());
  assert.equal(ok.status, 303);
  const src = (await findSourceByName(s.ctx.db, '云溪论坛'))!;
  assert.equal(ok.location, `/admin/opinion/sources/${src.id}?done=created`);
  assert.deepEqual([src.kind, src.mediaType, src.pollMinutes, src.weight, src.enabled], ['feed', 'forum', 30, 1.5, true]);
  const dup = await yq.post('/admin/opinion/sources', form({ url: 'https://other.example.cn/rss' }));
  assert.equal(dup.status, 422);
  assert.match(dup.text, /已有同名的来源/);

  const detail = await yq.get(`/admin/opinion/sources/${src.id}`);
  assert.match(detail.text, /尚未抓取/);
  const poll = await yq.post(`/admin/opinion/sources/${src.id}/poll`, { from: 'detail' });
  assert.equal(poll.status, 303);
  assert.equal(poll.location, `/admin/opinion/sources/${src.id}?done=polled&added=2&dup=0&refused=0`);
  const after = await yq.get(poll.location!);
  assert.match(after.text, /抓取完成：新增 2 条，重复 0 条。/);
  assert.match(after.text, /累计新增信息<\/dt><dd>2 条（现存 2 条）/);
  // Beijing time on the page.
  const last = (await findSourceByName(s.ctx.db, '云溪论坛'))!.lastSuccessAt!;
  const bj = new Date(last.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  assert.ok(after.text.includes(bj), `page shows ${bj}`);
  const list = await yq.get('/admin/opinion/sources');
  assert.match(list.text, /正常/);
  assert.match(list.text, /2 条/);
});

test('edit, a failing poll shown in Chinese, disable / enable, delete only without items', async () => {
  const src = (await findSourceByName(s.ctx.db, '云溪论坛'))!;
  await yq.get(`/admin/opinion/sources/${src.id}`);
  const bad = await yq.post(`/admin/opinion/sources/${src.id}`, form({ url: `${feeds.base}/page`, pollMinutes: '99999' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /不能大于1440/);
  feeds.route('/page', (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><body>首页</body></html>'));
  const saved = await yq.post(`/admin/opinion/sources/${src.id}`, form({ url: `${feeds.base}/page`, pollMinutes: '60' }));
  assert.equal(saved.status, 303);
  const failed = await yq.post(`/admin/opinion/sources/${src.id}/poll`, {});
  assert.equal(failed.location, '/admin/opinion/sources?done=poll_failed');
  const list = await yq.get(failed.location!);
  assert.match(list.text, /返回的不是订阅源（RSS\/Atom\/JSON Feed），而是网页/);
  assert.match(list.text, /抓取失败/);

  assert.equal((await yq.post(`/admin/opinion/sources/${src.id}/disable`, {})).status, 303);
  assert.equal((await findSourceByName(s.ctx.db, '云溪论坛'))!.enabled, false);
  const refusedPoll = await yq.post(`/admin/opinion/sources/${src.id}/poll`, {});
  assert.equal(refusedPoll.status, 409);
  assert.match(refusedPoll.text, /该来源已停用/);
  assert.equal((await yq.post(`/admin/opinion/sources/${src.id}/enable`, {})).status, 303);
  const kept = await yq.post(`/admin/opinion/sources/${src.id}/delete`, {});
  assert.equal(kept.location, `/admin/opinion/sources/${src.id}?done=kept`);
  assert.equal((await findSourceByName(s.ctx.db, '云溪论坛'))!.enabled, false);

  await yq.post('/admin/opinion/sources', form({ name: '空来源' }));
  const empty = (await findSourceByName(s.ctx.db, '空来源'))!;
  await yq.get(`/admin/opinion/sources/${empty.id}`);
  const del = await yq.post(`/admin/opinion/sources/${empty.id}/delete`, {});
  assert.equal(del.location, '/admin/opinion/sources?done=deleted');
  assert.equal(await findSourceByName(s.ctx.db, '空来源'), undefined);
  const missing = await yq.get(`/admin/opinion/sources/${empty.id}`);
  assert.equal(missing.status, 404);

  const audit = await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like 'opinion.source.%' order by id`);
  assert.deepEqual(audit.rows.map((r) => r.action), [
    'opinion.source.create', 'opinion.source.update', 'opinion.source.disable', 'opinion.source.enable', 'opinion.source.disable',
    'opinion.source.create', 'opinion.source.delete',
  ]);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});

test('a department clerk cannot see or change sources; a post without CSRF is refused', async () => {
  const clerk = new Client(s.baseUrl);
  await clerk.login('cbr', s.password('cbr'));
  assert.equal((await clerk.get('/admin/opinion/sources')).status, 403);
  const src = (await findSourceByName(s.ctx.db, '云溪论坛'))!;
  assert.equal((await clerk.post(`/admin/opinion/sources/${src.id}/enable`, {})).status, 403);
  assert.equal((await yq.post(`/admin/opinion/sources/${src.id}/enable`, { _csrf: 'forged' })).status, 403);
  assert.equal((await yq.get('/admin/opinion/sources/abc')).status, 404);
});
