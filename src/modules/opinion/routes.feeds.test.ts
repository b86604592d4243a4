// /admin/opinion/sources through the real server, as the 舆情专员 (yqzy, county-wide) and a department's
// monitor, with a feed server on 127.0.0.1; 立即抓取 queues a job that the test then runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { startFeedServer, rssOf, type FeedServer } from '../../../test/support/feed-server.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { findSourceByName } from './repo.ts';
import { jobStates, runPendingJobs } from '../../../test/support/jobs.ts';
import { insertGrant } from '../auth/users-repo.ts';
import { opinionIncidents, opinionItems } from './schema.ts';

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
  assert.match(detail.text, /所属单位<\/dt><dd>全县/);
  // 立即抓取 answers at once: the feed is not read in the request, a job is queued.
  const started = Date.now();
  const poll = await yq.post(`/admin/opinion/sources/${src.id}/poll`, { from: 'detail' });
  assert.ok(Date.now() - started < 3000, 'answered without polling');
  assert.equal(poll.status, 303);
  assert.equal(poll.location, `/admin/opinion/sources/${src.id}?done=queued`);
  assert.equal(feeds.hits.get('/rss.xml') ?? 0, 0, 'the feed was not read inside the request');
  const queued = await yq.get(poll.location!);
  assert.match(queued.text, /已加入抓取队列/);
  assert.match(queued.text, /排队中/);
  assert.match((await yq.get('/admin/opinion/sources')).text, /排队中/);
  // A second click while it waits queues nothing more.
  const again = await yq.post(`/admin/opinion/sources/${src.id}/poll`, {});
  assert.equal(again.location, '/admin/opinion/sources?done=already_queued');
  assert.match((await yq.get(again.location!)).text, /该来源已在抓取队列中/);
  assert.deepEqual(await jobStates(s.ctx, 'opinion.poll-source'), { created: 1 });

  await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
  assert.equal(feeds.hits.get('/rss.xml'), 1);
  assert.deepEqual(await jobStates(s.ctx, 'opinion.poll-source'), { completed: 1 });
  const after = await yq.get(`/admin/opinion/sources/${src.id}`);
  assert.doesNotMatch(after.text, /排队中|抓取中/);
  assert.match(after.text, /累计新增信息<\/dt><dd>2 条（现存 2 条）/);
  assert.equal((await findSourceByName(s.ctx.db, '云溪论坛'))!.pollRequestedAt, null);
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
  assert.equal(failed.location, '/admin/opinion/sources?done=queued');
  await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
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
    'opinion.source.create', 'opinion.source.poll', 'opinion.source.update', 'opinion.source.poll',
    'opinion.source.disable', 'opinion.source.enable', 'opinion.source.disable',
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

test('a source queued and then disabled is not polled; its queued mark is cleared by the job', async () => {
  await yq.post('/admin/opinion/sources', form({ name: '待停用来源', url: `${feeds.base}/later.xml` }));
  const src = (await findSourceByName(s.ctx.db, '待停用来源'))!;
  feeds.route('/later.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssOf('x', [{ id: 'l1', title: '晚到的信息', text: '内容' }])));
  assert.equal((await yq.post(`/admin/opinion/sources/${src.id}/poll`, {})).location, '/admin/opinion/sources?done=queued');
  await yq.post(`/admin/opinion/sources/${src.id}/disable`, {});
  await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
  assert.equal(feeds.hits.get('/later.xml') ?? 0, 0);
  const after = (await findSourceByName(s.ctx.db, '待停用来源'))!;
  assert.equal(after.pollRequestedAt, null);
  assert.equal(after.lastPolledAt, null);
});

test('sources belong to an organisation: chosen on the form, shown in the list, seen and changed only in scope; their items route to it', async () => {
  const idOf = async (name: string) => Number((await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where name = ${name}`)).rows[0]!.id);
  const edu = { id: await idOf('云溪县教育体育局') };
  const other = { id: await idOf('云溪县财政局') };
  // The county-wide monitor may choose any organisation, or none.
  const form1 = await yq.get('/admin/opinion/sources/new');
  assert.match(form1.text, /<option value>全县（不属于具体单位）<\/option>/);
  assert.match(form1.text, new RegExp(`<option value="${edu.id}">云溪县教育体育局</option>`));
  const bad = await yq.post('/admin/opinion/sources', form({ name: '教体局留言板', url: `${feeds.base}/edu.xml`, orgId: '999999' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /所选单位不存在或已停用，请重新选择/);
  const ok = await yq.post('/admin/opinion/sources', form({ name: '教体局留言板', url: `${feeds.base}/edu.xml`, orgId: String(edu.id) }));
  assert.equal(ok.status, 303);
  const eduSrc = (await findSourceByName(s.ctx.db, '教体局留言板'))!;
  assert.equal(eduSrc.orgId, edu.id);
  const list = await yq.get('/admin/opinion/sources');
  assert.match(list.text, /所属单位/);
  assert.match(list.text, new RegExp(`教体局留言板</a></td><td>云溪县教育体育局</td>`));
  assert.match(list.text, /云溪论坛<\/a><\/td><td>全县<\/td>/);

  // A monitor of the department only: its sources, its organisation only.
  const shr = (await s.ctx.db.execute<{ id: number }>(sql`select id from users where username = 'shr'`)).rows[0]!;
  await insertGrant(s.ctx.db, { userId: Number(shr.id), role: 'opinion_monitor', orgId: edu.id, includeSubtree: false });
  const dept = new Client(s.baseUrl);
  await dept.login('shr', s.password('shr'));
  const own = await dept.get('/admin/opinion/sources');
  assert.equal(own.status, 200);
  assert.match(own.text, /教体局留言板/);
  assert.doesNotMatch(own.text, /云溪论坛/);
  const county = (await findSourceByName(s.ctx.db, '云溪论坛'))!;
  assert.equal((await dept.get(`/admin/opinion/sources/${county.id}`)).status, 403);
  assert.equal((await dept.post(`/admin/opinion/sources/${county.id}/poll`, {})).status, 403);
  const deptForm = await dept.get('/admin/opinion/sources/new');
  assert.match(deptForm.text, new RegExp(`<option value="${edu.id}" selected>云溪县教育体育局</option>`));
  assert.doesNotMatch(deptForm.text, new RegExp(`<option value="${other.id}"`));
  const noOrg = await dept.post('/admin/opinion/sources', form({ name: '部门新来源', url: `${feeds.base}/d.xml`, orgId: '' }));
  assert.equal(noOrg.status, 422);
  assert.match(noOrg.text, /您只能管理本单位的来源，请选择所属单位/);
  const foreign = await dept.post('/admin/opinion/sources', form({ name: '部门新来源', url: `${feeds.base}/d.xml`, orgId: String(other.id) }));
  assert.equal(foreign.status, 422);
  assert.match(foreign.text, /您不能为管理范围以外的单位设置来源/);
  await dept.get(`/admin/opinion/sources/${eduSrc.id}`);
  const moved = await dept.post(`/admin/opinion/sources/${eduSrc.id}`, form({ name: '教体局留言板', url: `${feeds.base}/edu.xml`, orgId: '' }));
  assert.equal(moved.status, 422);
  assert.equal((await findSourceByName(s.ctx.db, '教体局留言板'))!.orgId, edu.id);

  // No routing rule and no organisation named in the text: the incident is suggested to the source's organisation.
  feeds.route('/edu.xml', (_q, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' })
    .end(rssOf('教体局留言板', [{ id: 'e1', title: '孩子上学路上的积雪没人清理', text: '每天早上路面结冰，家长都很担心。' }])));
  assert.equal((await dept.post(`/admin/opinion/sources/${eduSrc.id}/poll`, { from: 'detail' })).location, `/admin/opinion/sources/${eduSrc.id}?done=queued`);
  await runPendingJobs(s.ctx, { only: ['opinion.poll-source'] });
  const item = (await s.ctx.db.select().from(opinionItems).where(sql`${opinionItems.sourceId} = ${eduSrc.id}`))[0]!;
  assert.deepEqual(item.orgIds, [], 'the text names no organisation: the source decides');
  const incident = (await s.ctx.db.select().from(opinionIncidents).where(sql`${opinionIncidents.id} = ${item.incidentId}`))[0]!;
  assert.equal(incident.suggestedOrgId, edu.id);
});
