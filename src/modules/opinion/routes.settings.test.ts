// /admin/opinion/plans, lexicons, routing, duty and corrections through the real server as the 舆情专员 (yqzy).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { opinionCorrections, opinionDutyContacts, opinionIncidents, opinionPlans, opinionRoutingRules } from './schema.ts';
import { lexiconTerms, orgChoices } from './settings.repo.ts';

let s: TestServer;
let yq: Client;
let orgId = 0;
let orgName = '';
before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  yq = new Client(s.baseUrl);
  await yq.login('yqzy', s.password('yqzy'));
  const orgs = await orgChoices(s.ctx.db);
  orgId = orgs[1]!.id;
  orgName = orgs[1]!.name;
});
after(() => s.close());

const plans = () => s.ctx.db.select().from(opinionPlans).orderBy(opinionPlans.id);

test('舆情设置 in the menu leads to every settings screen, each under that menu entry', async () => {
  const home = await yq.get('/admin/');
  assert.match(home.text, /href="\/admin\/opinion\/settings"[^>]*>舆情设置/);
  const hub = await yq.get('/admin/opinion/settings');
  assert.equal(hub.status, 200);
  for (const [href, label] of [['sources', '舆情来源'], ['plans', '舆情监测方案'], ['lexicons', '舆情词表'], ['routing', '舆情分办规则'], ['duty', '舆情值班联系人'], ['corrections', '研判修正记录']]) {
    assert.match(hub.text, new RegExp(`href="/admin/opinion/${href}"[^>]*>${label}`), label);
    const page = await yq.get(`/admin/opinion/${href}`);
    assert.match(page.text, /href="\/admin\/opinion\/settings" aria-current="true"/, `${label} sits under 舆情设置`);
  }
});

test('plans: bad input refused per field with values kept; create, edit, 试一试 says which plan keeps a text and why; delete', async () => {
  const empty = await yq.get('/admin/opinion/plans');
  assert.match(empty.text, /尚未设置监测方案/);
  await yq.get('/admin/opinion/plans/new');
  const bad = await yq.post('/admin/opinion/plans', { name: '', groups: '一 二 三 四 五 六 七 八 九 十 百', mediaTypes: ['weibo', 'tv'], orgIds: ['abc'] });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“方案名称”为必填项/);
  assert.match(bad.text, /每组最多 10 个词|过长/);
  assert.match(bad.text, /所选单位不存在/);
  const unknownOrg = await yq.post('/admin/opinion/plans', { name: '停水', groups: '停水', orgIds: ['999999'], active: '1' });
  assert.equal(unknownOrg.status, 422);
  assert.match(unknownOrg.text, /所选单位不存在/);
  assert.match(unknownOrg.text, /value="停水"/);

  const ok = await yq.post('/admin/opinion/plans', { name: '供水保障', groups: '停水\n自来水、水质', excludes: '广告 招聘', mediaTypes: ['forum', 'hotline'], active: '1' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, '/admin/opinion/plans?done=created');
  const [p] = await plans();
  assert.deepEqual([p!.includeGroups, p!.excludeWords, p!.mediaTypes, p!.active], [[['停水'], ['自来水', '水质']], ['广告', '招聘'], ['forum', 'hotline'], true]);
  await yq.post('/admin/opinion/plans', { name: '停用的方案', groups: '路灯' });

  const kept = await yq.post('/admin/opinion/plans/try', { text: '城关镇东片区今天突然停水，没有通知。', mediaType: 'forum' });
  assert.equal(kept.status, 200);
  assert.match(kept.text, /这段文字会被 “供水保障” 保留/);
  assert.match(kept.text, /含有关键词组“停水”的全部词语/);
  assert.ok(!kept.text.includes('<td>停用的方案</td>'), 'inactive plans are not tried');
  const media = await yq.post('/admin/opinion/plans/try', { text: '城关镇东片区今天突然停水。', mediaType: 'weibo' });
  assert.match(media.text, /没有方案保留这段文字/);
  assert.match(media.text, /媒体类型“微博”不在本方案的范围（论坛社区、热线）内/);
  const excluded = await yq.post('/admin/opinion/plans/try', { text: '停水期间招聘送水工。', mediaType: 'forum' });
  assert.match(excluded.text, /含有排除词“招聘”/);
  const missing = await yq.post('/admin/opinion/plans/try', { text: '自来水有异味。', mediaType: 'forum' });
  assert.match(missing.text, /缺少：水质/);
  const badTry = await yq.post('/admin/opinion/plans/try', { text: '', mediaType: 'radio' });
  assert.equal(badTry.status, 422);
  assert.match(badTry.text, /字段“试验文本”为必填项/);

  const edit = await yq.get(`/admin/opinion/plans/${p!.id}`);
  assert.match(edit.text, /自来水 水质/);
  const saved = await yq.post(`/admin/opinion/plans/${p!.id}`, { name: '供水保障', groups: '停水', mediaTypes: [], orgIds: [String(orgId)], active: '1' });
  assert.equal(saved.status, 303);
  assert.deepEqual((await plans())[0]!.orgIds, [orgId]);
  const noOrg = await yq.post('/admin/opinion/plans/try', { text: '今天突然停水。', mediaType: 'forum' });
  assert.match(noOrg.text, new RegExp(`文中没有提到本方案关注的单位（${orgName}）`));
  assert.equal((await yq.get('/admin/opinion/plans/99999')).status, 404);
  assert.equal((await yq.get('/admin/opinion/plans/abc')).status, 404);
  const del = await yq.post(`/admin/opinion/plans/${p!.id}/delete`, {});
  assert.equal(del.location, '/admin/opinion/plans?done=deleted');
  assert.equal((await plans()).length, 1);
});

test('lexicons: defaults shown, the first added word keeps them, weights edited and checked, words deleted; gazetteer places', async () => {
  const page = await yq.get('/admin/opinion/lexicons?lexicon=negative');
  assert.equal(page.status, 200);
  assert.match(page.text, /正在使用系统默认词表/);
  const bad = await yq.post('/admin/opinion/lexicons/terms', { lexicon: 'negative', terms: '', weight: '重' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“词语”为必填项/);
  assert.match(bad.text, /字段“权重”格式不正确/);
  const added = await yq.post('/admin/opinion/lexicons/terms', { lexicon: 'negative', terms: '水压低、 没人修', weight: '2' });
  assert.equal(added.status, 303);
  assert.equal(added.location, '/admin/opinion/lexicons?lexicon=negative&done=added&n=2');
  const terms = await lexiconTerms(s.ctx.db, 'negative');
  assert.ok(terms.length > 50, 'defaults seeded with the first edit');
  const t = terms.find((x) => x.term === '水压低')!;
  assert.equal(t.weight, 2);
  const w = await yq.post(`/admin/opinion/lexicons/terms/${t.id}`, { weight: '99' });
  assert.equal(w.status, 422);
  assert.match(w.text, /“水压低”的字段“权重”不能大于10/);
  assert.equal((await yq.post(`/admin/opinion/lexicons/terms/${t.id}`, { weight: '3' })).status, 303);
  assert.equal((await lexiconTerms(s.ctx.db, 'negative')).find((x) => x.id === t.id)!.weight, 3);
  assert.equal((await yq.post(`/admin/opinion/lexicons/terms/${t.id}/delete`, {})).location, '/admin/opinion/lexicons?lexicon=negative&done=deleted');
  assert.equal((await yq.post(`/admin/opinion/lexicons/terms/${t.id}/delete`, {})).status, 404);

  const place = await yq.post('/admin/opinion/lexicons/terms', { lexicon: 'gazetteer', terms: '城关镇', weight: '1', placeKind: '乡镇', orgId: String(orgId) });
  assert.equal(place.status, 303);
  const g = (await lexiconTerms(s.ctx.db, 'gazetteer'))[0]!;
  assert.deepEqual([g.term, g.data], ['城关镇', { kind: '乡镇', orgId }]);
  const list = await yq.get('/admin/opinion/lexicons?lexicon=gazetteer');
  assert.match(list.text, new RegExp(`<td>城关镇</td><td>乡镇</td><td>${orgName}</td>`));
  // An unknown lexicon in the query falls back to the first one, never a 500.
  assert.equal((await yq.get('/admin/opinion/lexicons?lexicon=constructor')).status, 200);
});

test('routing rules: add, duplicate and bad input refused, edit, delete', async () => {
  await yq.get('/admin/opinion/routing');
  const bad = await yq.post('/admin/opinion/routing', { term: '', orgId: '999999', priority: '500' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“关键词或地名”为必填项/);
  assert.match(bad.text, /不能大于100/);
  const ok = await yq.post('/admin/opinion/routing', { term: '自来水', orgId: String(orgId), priority: '10', vertical: '1' });
  assert.equal(ok.status, 303);
  const dup = await yq.post('/admin/opinion/routing', { term: '自来水', orgId: String(orgId), priority: '0' });
  assert.equal(dup.status, 422);
  assert.match(dup.text, /已有相同关键词和责任单位的规则/);
  const [rule] = await s.ctx.db.select().from(opinionRoutingRules);
  assert.deepEqual([rule!.term, rule!.priority, rule!.vertical], ['自来水', 10, true]);
  const list = await yq.get('/admin/opinion/routing');
  assert.match(list.text, new RegExp(`<td>自来水</td><td>${orgName}</td><td>10</td><td>是</td>`));
  await yq.get(`/admin/opinion/routing/${rule!.id}`);
  assert.equal((await yq.post(`/admin/opinion/routing/${rule!.id}`, { term: '供水', orgId: String(orgId), priority: '5' })).status, 303);
  const [after] = await s.ctx.db.select().from(opinionRoutingRules);
  assert.deepEqual([after!.term, after!.priority, after!.vertical], ['供水', 5, false]);
  assert.equal((await yq.post(`/admin/opinion/routing/${rule!.id}/delete`, {})).status, 303);
  assert.equal((await s.ctx.db.select().from(opinionRoutingRules)).length, 0);
});

test('duty contacts: phone encrypted at rest, masked in the list and the audit, in full on the edit page', async () => {
  await yq.get('/admin/opinion/duty/new');
  const bad = await yq.post('/admin/opinion/duty', { orgId: '', name: '', position: '值班员', phone: '打我电话', email: 'x@', hours: '全天24小时', active: '1' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“单位”为必填项/);
  assert.match(bad.text, /值班电话格式不正确/);
  assert.match(bad.text, /电子邮箱格式不正确/);
  assert.match(bad.text, /value="打我电话"/);
  const ok = await yq.post('/admin/opinion/duty', { orgId: String(orgId), name: '赵值班', position: '办公室主任', phone: '13912345678', email: '', hours: '全天24小时', active: '1' });
  assert.equal(ok.status, 303);
  const [d] = await s.ctx.db.select().from(opinionDutyContacts);
  assert.ok(!d!.phoneEnc.includes('13912345678'));
  assert.equal(s.ctx.fieldCipher.decrypt(d!.phoneEnc), '13912345678');
  const list = await yq.get('/admin/opinion/duty');
  assert.match(list.text, /139\*\*\*\*5678/);
  assert.ok(!list.text.includes('13912345678'));
  const edit = await yq.get(`/admin/opinion/duty/${d!.id}`);
  assert.match(edit.text, /value="13912345678"/);
  assert.equal(edit.headers.get('cache-control'), 'no-store');
  assert.equal((await yq.post(`/admin/opinion/duty/${d!.id}`, { orgId: String(orgId), name: '赵值班', position: '办公室主任', phone: '0795-1234567', hours: '工作日夜间' })).status, 303);
  const [d2] = await s.ctx.db.select().from(opinionDutyContacts);
  assert.deepEqual([s.ctx.fieldCipher.decrypt(d2!.phoneEnc), d2!.hours, d2!.active], ['0795-1234567', '工作日夜间', false]);
  const audit = await s.ctx.db.execute<{ summary: string }>(sql`select summary::text from audit_log where action like 'opinion.duty.%'`);
  assert.ok(audit.rows.every((r) => !r.summary.includes('13912345678') && !r.summary.includes('1234567"')), 'audit holds masked phones only');
  assert.equal((await yq.post(`/admin/opinion/duty/${d!.id}/delete`, {})).status, 303);
  assert.equal((await yq.get(`/admin/opinion/duty/${d!.id}`)).status, 404);
});

test('corrections: the kept corrections listed with labels, filtered by field; every change audited and the chain intact', async () => {
  const [inc] = await s.ctx.db.insert(opinionIncidents).values({ no: 'YQ-2026-0001', title: '城关镇停水' }).returning();
  const user = (await s.ctx.db.execute<{ id: number }>(sql`select id from users where username = 'yqzy'`)).rows[0]!;
  await s.ctx.db.insert(opinionCorrections).values([
    { incidentId: inc!.id, field: 'grade', suggested: 'general', chosen: 'large', reason: '涉及三个小区', actorId: user.id },
    { incidentId: inc!.id, field: 'category', suggested: null, chosen: 'public_interest', actorId: user.id },
  ]);
  const all = await yq.get('/admin/opinion/corrections');
  assert.equal(all.status, 200);
  assert.match(all.text, /<td>等级<\/td><td>一般<\/td><td>较大<\/td><td>涉及三个小区<\/td>/);
  assert.match(all.text, /<td>分类<\/td><td>不属于五类<\/td><td>涉及公众切身利益且影响较大<\/td>/);
  const grade = await yq.get('/admin/opinion/corrections?field=grade&page=x');
  assert.ok(!grade.text.includes('不属于五类'));
  assert.equal((await yq.get('/admin/opinion/corrections?field=' + 'x'.repeat(30))).status, 422);

  const actions = (await s.ctx.db.execute<{ action: string }>(sql`select distinct action from audit_log where action like 'opinion.%' order by action`)).rows.map((r) => r.action);
  for (const a of ['opinion.plan.create', 'opinion.plan.update', 'opinion.plan.delete', 'opinion.lexicon.add', 'opinion.lexicon.update', 'opinion.lexicon.delete',
    'opinion.routing.create', 'opinion.routing.update', 'opinion.routing.delete', 'opinion.duty.create', 'opinion.duty.update', 'opinion.duty.delete']) assert.ok(actions.includes(a), a);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
  const log = await yq.get('/admin/audit');
  if (log.status === 200) assert.match(log.text, /新增舆情监测方案|舆情/);
});

test('a department clerk cannot open the settings; a forged CSRF token is refused', async () => {
  const clerk = new Client(s.baseUrl);
  await clerk.login('cbr', s.password('cbr'));
  for (const p of ['settings', 'plans', 'lexicons', 'routing', 'duty', 'corrections']) assert.equal((await clerk.get(`/admin/opinion/${p}`)).status, 403, p);
  assert.equal((await yq.post('/admin/opinion/plans', { name: 'x', _csrf: 'forged' })).status, 403);
});
