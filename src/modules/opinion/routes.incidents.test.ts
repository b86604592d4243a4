// /admin/opinion through the real server with the demo county: the list and its scope, the incident
// page, 研判 posts with their refusals (bad input, stale version, no permission), assignment, manual
// entry, findings and the 工作台 badges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { SYSTEM_ACTOR, verifyAudit } from '../../platform/audit/index.ts';
import { FLOOD_A, SCHOOL_A } from './pipeline/samples.fixtures.ts';
import { source } from './ingest.fixtures.ts';
import { ingestItems } from './use-cases/ingest.ts';
import { findIncident } from './incidents.repo.ts';
import { createEvent, submitEvent } from '../press/use-cases/events.ts';
import { findEvent } from '../press/repo.ts';
import { callerOf as pressCaller, eventValues } from '../press/press.fixtures.ts';

let s: TestServer;
let yq: Client;
let gkb: Client;
let cbr: Client;
let flood = 0;
let school = 0;
let edu = 0;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  [yq, gkb, cbr] = [new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl)];
  await yq.login('yqzy', s.password('yqzy'));
  await gkb.login('gkb', s.password('gkb'));
  await cbr.login('cbr', s.password('cbr'));
  const src = await source(s.ctx, '云溪微博');
  const now = new Date();
  const r = await ingestItems(s.ctx, src.id, [
    { externalId: 'w1', title: '', text: FLOOD_A, publishedAt: now, author: '李小明' },
    { externalId: 'w2', title: '', text: SCHOOL_A, publishedAt: now },
  ], SYSTEM_ACTOR);
  [flood, school] = r.results.map((x) => (x as { incidentId: number }).incidentId) as [number, number];
  edu = Number((await s.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`)).rows[0]!.id);
});
after(() => s.close());

const version = async (id: number) => String((await findIncident(s.ctx.db, id))!.version);

test('the list shows candidates with their suggestion; the menu and the 工作台 count them; a unit clerk sees none of them', async () => {
  const home = await yq.get('/admin/');
  assert.match(home.text, /href="\/admin\/opinion"[^>]*>舆情事件/);
  assert.match(home.text, /待研判舆情/);
  const list = await yq.get('/admin/opinion?status=candidate');
  assert.equal(list.status, 200);
  assert.match(list.text, /YQ-\d{4}-0001/);
  assert.match(list.text, /（建议）/);
  const filtered = await yq.get(`/admin/opinion?q=${encodeURIComponent('入学')}`);
  assert.ok(filtered.text.includes(`/admin/opinion/${school}"`));
  assert.ok(!filtered.text.includes(`/admin/opinion/${flood}"`));
  const clerk = await cbr.get('/admin/opinion');
  assert.equal(clerk.status, 200);
  assert.match(clerk.text, /没有符合条件的舆情事件/);
  assert.equal((await cbr.get(`/admin/opinion/${flood}`)).status, 403);
  assert.equal((await yq.get('/admin/opinion?page=abc&grade=nonsense')).status, 200);
});

test('the incident page explains the score and masks the author; bad, stale and unauthorised 研判 are refused in Chinese', async () => {
  const page = await yq.get(`/admin/opinion/${flood}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /风险评分 \d+ 分的构成/);
  assert.match(page.text, /负面词/);
  assert.match(page.text, /李\*/);
  assert.ok(!page.text.includes('李小明'));
  assert.match(page.text, /研判确认/);

  const bad = await yq.post(`/admin/opinion/${flood}/confirm`, { version: await version(flood), grade: 'huge', category: 'emergency', higherDeadline: '明天', reason: '测试理由' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /舆情级别/);
  assert.match(bad.text, /时间格式应为/);
  assert.match(bad.text, /value="明天"/);
  const stale = await yq.post(`/admin/opinion/${flood}/confirm`, { version: '99', grade: 'major', category: 'emergency', reason: '保留的说明' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /该事件已被他人修改，请刷新后重试/);
  assert.match(stale.text, /保留的说明/);
  assert.equal((await cbr.post(`/admin/opinion/${flood}/confirm`, { version: await version(flood), grade: 'major', category: 'emergency' })).status, 403);
  assert.equal((await yq.post(`/admin/opinion/${flood}/confirm`, { version: await version(flood), grade: 'major', category: 'emergency' }, { csrf: false })).status, 403);
  assert.equal((await yq.get('/admin/opinion/abc')).status, 404);
  assert.equal((await yq.get('/admin/opinion/999999')).status, 404);
});

test('confirm 重大 → deadlines; assign → the unit sees it; regrade and dismiss', async () => {
  const ok = await yq.post(`/admin/opinion/${flood}/confirm`, { version: await version(flood), grade: 'major', category: 'emergency', reason: '' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/admin/opinion/${flood}?done=confirm_major`);
  const page = await yq.get(ok.location!);
  assert.match(page.text, /已立即通知县政府办公室和网信办/);
  assert.match(page.text, /首次发布权威信息/);
  assert.match(page.text, /剩余4小时59分钟|剩余5小时0分钟/);
  assert.match(page.text, /24小时值班联系人/);

  const several = await yq.post(`/admin/opinion/${flood}/assign`, { version: await version(flood), lead: String(edu), co: [String(edu + 1)] });
  assert.equal(several.status, 422);
  assert.match(several.text, /由县政府办公室指定牵头单位/);
  const assigned = await yq.post(`/admin/opinion/${flood}/assign`, { version: await version(flood), lead: String(edu), assignNote: '' });
  assert.equal(assigned.status, 303);
  const clerkList = await cbr.get('/admin/opinion');
  assert.ok(clerkList.text.includes(`/admin/opinion/${flood}"`));
  const clerkPage = await cbr.get(`/admin/opinion/${flood}`);
  assert.equal(clerkPage.status, 200);
  assert.match(clerkPage.text, /起草回应/);
  assert.ok(!clerkPage.text.includes('确认研判'));

  const regrade = await yq.post(`/admin/opinion/${flood}/regrade`, { version: await version(flood), rgGrade: 'extreme', rgCategory: 'emergency', rgReason: '' });
  assert.equal(regrade.status, 422);
  assert.match(regrade.text, /调整理由/);
  assert.equal((await yq.post(`/admin/opinion/${flood}/regrade`, { version: await version(flood), rgGrade: 'extreme', rgCategory: 'emergency', rgReason: '伤亡扩大' })).status, 303);

  const dismissed = await yq.post(`/admin/opinion/${school}/dismiss`, { version: await version(school), dismissReason: '已有权威解读' });
  assert.equal(dismissed.location, `/admin/opinion/${school}?done=dismiss`);
  assert.equal((await findIncident(s.ctx.db, school))!.status, 'dismissed');
});

test('manual entry: bad input kept with Chinese messages; a 上级交办 task opens a candidate with its deadline', async () => {
  assert.equal((await yq.get('/admin/opinion/new')).status, 200);
  assert.equal((await cbr.get('/admin/opinion/new')).status, 403);
  const bad = await yq.post('/admin/opinion/new', { title: '', text: '市里交办', origin: 'higher_task', higherDeadline: '', mediaType: 'higher', url: 'ftp://x' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“标题”为必填项/);
  assert.match(bad.text, /上级交办的舆情须填写交办时限/);
  assert.match(bad.text, /原文链接应为/);
  assert.match(bad.text, /市里交办/);
  const due = new Date(Date.now() + 6 * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
  const ok = await yq.post('/admin/opinion/new', { title: '市政府交办：城区停车收费', text: '请核实城区停车收费标准调整的群众反映并回应。', origin: 'higher_task', higherDeadline: due, mediaType: 'higher', sourceName: '市政府办公室' });
  assert.equal(ok.status, 303);
  const page = await yq.get(ok.location!);
  assert.match(page.text, /舆情已录入，请研判/);
  assert.match(page.text, /上级交办时限/);
  assert.match(page.text, /上级交办/);
});

test('the incident page lists the press events that answer it (read through the press module), linked for those who may open them', async () => {
  const empty = await gkb.get(`/admin/opinion/${flood}`);
  assert.match(empty.text, /尚无关联的新闻发布活动/);
  const clerk = await pressCaller(s.ctx, 'cbr');
  const no = (await findIncident(s.ctx.db, flood))!.no;
  const c = await createEvent(s.ctx, clerk, eventValues(edu, { type: 'briefing', title: '汛情<script>x</script>处置情况通报会', incidentNo: no }));
  assert.ok(c.ok, JSON.stringify(c));
  const ev = (await findEvent(s.ctx.db, c.id))!;
  assert.ok((await submitEvent(s.ctx, clerk, c.id, { version: ev.version })).ok);
  const page = await gkb.get(`/admin/opinion/${flood}`);
  assert.match(page.text, /<h2>新闻发布<\/h2>/);
  assert.ok(page.text.includes(`<a href="/admin/press/${c.id}">汛情&lt;script>x&lt;/script>处置情况通报会</a>`), 'linked, the title shown as text');
  assert.match(page.text, /情况通报会<\/td><td>审批中/);
  const monitor = await yq.get(`/admin/opinion/${flood}`);
  assert.ok(monitor.text.includes('汛情&lt;script>x'), 'the monitor sees the event');
  assert.ok(!monitor.text.includes(`/admin/press/${c.id}"`), 'but no link without press.read');
});

test('findings for the disclosure office only; every change audited', async () => {
  assert.equal((await gkb.get('/admin/opinion/findings')).status, 200);
  assert.match((await gkb.get('/admin/opinion/findings')).text, /暂无问责建议/);
  assert.equal((await yq.get('/admin/opinion/findings')).status, 403);
  const r = await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like 'opinion.incident.%' order by id`);
  assert.deepEqual(r.rows.map((x) => x.action), ['opinion.incident.confirm', 'opinion.incident.assign', 'opinion.incident.regrade', 'opinion.incident.dismiss', 'opinion.incident.create']);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});
