// Route tests of the review workflow screens: the queue, the review page and its forms (bad input
// keeps the values), a stale form, publication with the public page showing only the mask, withdraw → 410.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';

let s: TestServer;
const c: Record<string, Client> = {};
const org: Record<string, number> = {};

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr', 'gkb']) { c[n] = new Client(s.baseUrl); await c[n].login(n, s.password(n)); }
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const PHONE = '13912345678';

async function create(patch: Record<string, string> = {}): Promise<number> {
  await c.cbr.get('/admin/catalog/new');
  const r = await c.cbr.post('/admin/catalog', {
    orgId: String(org['县教体局']), title: '云溪县教育体育局关于公布学生资助咨询电话的通知', generatedOn: today(), category: 'gzxx',
    keywords: '学生资助 咨询电话', disclosure: 'active', term: 'long', timeLimit: 'art26', docType: 'other', validity: 'valid',
    body: `各学校：\n资助咨询联系人：王小明，电话 ${PHONE}。`, _action: 'save', ...patch,
  });
  assert.equal(r.status, 303, r.text.slice(0, 300));
  return Number(/\/admin\/catalog\/(\d+)/.exec(r.location ?? '')?.[1]);
}

/** The findings (one per value) that have a decision form on the page. */
const groupsOf = (html: string) => [...html.matchAll(/name="group" value="([^"]+)"/g)].map((m) => m[1]!);
const stepOf = (html: string) => /name="step" value="(\d+)"/.exec(html)?.[1] ?? '';

let published = 0;

test('submit → 承办部门审核 → 保密审查 (findings, written record) → 单位审发 → public page shows only the mask', async () => {
  const id = await create();
  const page = await c.cbr.get(`/admin/catalog/${id}/review`);
  assert.equal(page.status, 200);
  assert.match(page.text, /提交审核/);
  assert.equal((await c.cbr.post(`/admin/catalog/${id}/submit`, { opinion: '' })).status, 303);

  const q = await c.shr.get('/admin/review');
  assert.equal(q.status, 200);
  assert.match(q.text, /学生资助咨询电话/);
  assert.match(q.text, /承办部门审核/);
  const p1 = await c.shr.get(`/admin/catalog/${id}/review`);
  assert.match(p1.text, /办理：承办部门审核/);
  assert.doesNotMatch(p1.text, /139\d{8}<\/code>/, 'findings are shown masked');
  // 退回 without an opinion: 422, the choice is kept.
  const noOp = await c.shr.post(`/admin/catalog/${id}/review`, { step: stepOf(p1.text), conclusion: 'return', opinion: '' });
  assert.equal(noOp.status, 422);
  assert.match(noOp.text, /value="return" checked/);
  assert.equal((await c.shr.post(`/admin/catalog/${id}/review`, { step: stepOf(p1.text), conclusion: 'pass', opinion: '同意' })).status, 303);

  const p2 = await c.bmsc.get(`/admin/catalog/${id}/review`);
  assert.match(p2.text, /保密审查书面记录/);
  const step2 = stepOf(p2.text);
  const noBasis = await c.bmsc.post(`/admin/catalog/${id}/review`, { step: step2, conclusion: 'pass', opinion: '我的意见', disclosure: 'active', basis: '' });
  assert.equal(noBasis.status, 422);
  assert.match(noBasis.text, /请填写审查依据/);
  assert.match(noBasis.text, />我的意见<\/textarea>/, 'typed opinion written back');
  const blocked = await c.bmsc.post(`/admin/catalog/${id}/review`, { step: step2, conclusion: 'pass', opinion: '', disclosure: 'active', basis: '保密法' });
  assert.equal(blocked.status, 422);
  assert.match(blocked.text, /未处理/);
  const groups = groupsOf(p2.text);
  assert.ok(groups.length >= 1);
  const noReason = await c.bmsc.post(`/admin/catalog/${id}/findings/resolve`, { group: groups[0], [`r-${groups[0]}`]: 'accept', [`reason-${groups[0]}`]: '' });
  assert.equal(noReason.status, 422);
  for (const g of groups) assert.equal((await c.bmsc.post(`/admin/catalog/${id}/findings/resolve`, { group: g, [`r-${g}`]: 'redact', [`reason-${g}`]: '' })).status, 303);
  assert.equal((await c.bmsc.post(`/admin/catalog/${id}/review`, { step: step2, conclusion: 'pass', opinion: '', disclosure: 'active', basis: '保密法' })).status, 303);

  // A stale form (the step bmsc saw) is refused for sfr with the Chinese message.
  const stale = await c.sfr.post(`/admin/catalog/${id}/review`, { step: step2, conclusion: 'pass', opinion: '' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /已由他人处理/);
  // A reviewer who can no longer act on the record still sees what they typed.
  const lost = await c.shr.post(`/admin/catalog/${id}/review`, { step: step2, conclusion: 'return', opinion: '第三段数字有误，请核对' });
  assert.equal(lost.status, 409);
  assert.match(lost.text, /您填写的内容（未保存）/);
  assert.match(lost.text, /第三段数字有误，请核对/);
  const p3 = await c.sfr.get(`/admin/catalog/${id}/review`);
  assert.equal((await c.sfr.post(`/admin/catalog/${id}/review`, { step: stepOf(p3.text), conclusion: 'pass', opinion: '同意发布' })).status, 303);

  const pub = await fetch(`${s.baseUrl}/xxgk/${id}`);
  const html = await pub.text();
  assert.equal(pub.status, 200);
  assert.ok(!html.includes(PHONE), 'the original never reaches the public page');
  assert.match(html, /139\*+5678|\*{4,}/);
  published = id;

  const csv = await c.bmsc.get('/admin/catalog/secrecy-reviews.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.text, /审查依据/);
  assert.match(csv.text, /学生资助咨询电话/);
  assert.equal((await c.cbr.get('/admin/catalog/secrecy-reviews.csv')).status, 403);
  assert.equal((await c.bmsc.get('/admin/catalog/secrecy-reviews.csv?from=2024-13-01')).status, 422);
});

test('withdraw: reason required (value kept), then the public page answers 410 with the reason', async () => {
  assert.ok(published);
  await c.gkb.get(`/admin/catalog/${published}/review`);
  const bad = await c.gkb.post(`/admin/catalog/${published}/withdraw`, { reason: '' });
  assert.equal(bad.status, 422);
  assert.equal((await c.cbr.post(`/admin/catalog/${published}/withdraw`, { reason: 'x' })).status, 403);
  assert.equal((await c.gkb.post(`/admin/catalog/${published}/withdraw`, { reason: '信息有误，已重新发布' })).status, 303);
  const pub = await fetch(`${s.baseUrl}/xxgk/${published}`);
  assert.equal(pub.status, 410);
  assert.match(await pub.text(), /信息有误，已重新发布/);
});

test('a 规范性文件 without a plan: submit refused naming the missing parts; the plan form keeps bad input', async () => {
  const id = await create({ docType: 'normative', title: '云溪县教育体育局关于规范民办学校收费的规定', body: '第一条 为规范收费……' });
  await c.cbr.get(`/admin/catalog/${id}/review`);
  const r = await c.cbr.post(`/admin/catalog/${id}/submit`, { opinion: '' });
  assert.equal(r.status, 422);
  assert.match(r.text, /行政规范性文件须同步报送政策解读方案，尚缺：解读提纲、解读形式、发布途径、计划发布时间/);
  await c.cbr.get(`/admin/catalog/${id}/plan`);
  const bad = await c.cbr.post(`/admin/catalog/${id}/plan`, { outline: '一、制定背景', form: '政策问答', channel: '', date: 'tomorrow' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, />一、制定背景<\/textarea>/);
  assert.match(bad.text, /不是有效日期/);
  assert.equal((await c.cbr.post(`/admin/catalog/${id}/plan`, { outline: '一、制定背景', form: '政策问答', channel: '县政府网站', date: today() })).status, 303);
  assert.equal((await c.cbr.post(`/admin/catalog/${id}/submit`, { opinion: '' })).status, 303);
});

test('复查 ahead of time: a record withheld for a year is listed under 全部 and can be declassified there', async () => {
  const id = await create({ title: '云溪县教育体育局内部工作安排', body: '各股室：按分工做好年度工作。' });
  assert.equal((await c.cbr.post(`/admin/catalog/${id}/submit`, { opinion: '' })).status, 303);
  const p1 = await c.shr.get(`/admin/catalog/${id}/review`);
  assert.equal((await c.shr.post(`/admin/catalog/${id}/review`, { step: stepOf(p1.text), conclusion: 'pass', opinion: '同意' })).status, 303);
  const p2 = await c.bmsc.get(`/admin/catalog/${id}/review`);
  const refuse = await c.bmsc.post(`/admin/catalog/${id}/review`, {
    step: stepOf(p2.text), conclusion: 'refuse', opinion: '属内部事务信息', disclosure: 'withheld', ground: 'process', basis: '条例第十六条', reason: '内部事务信息',
    recheckOn: `${Number(today().slice(0, 4)) + 1}-06-30`,
  });
  assert.equal(refuse.status, 303, refuse.text.slice(0, 500));
  const due = await c.bmsc.get('/admin/catalog/recheck');
  assert.doesNotMatch(due.text, /内部工作安排/, 'the 复查 date is a year away');
  const all = await c.bmsc.get('/admin/catalog/recheck?all=1');
  assert.match(all.text, /内部工作安排/);
  assert.match(all.text, new RegExp(`/admin/catalog/${id}/recheck\\?all=1`));
  const noBasis = await c.bmsc.post(`/admin/catalog/${id}/recheck?all=1`, { action: 'declassify', basis: '', recheckOn: '' });
  assert.equal(noBasis.status, 422);
  assert.match(noBasis.text, /内部工作安排/, 'the record stays on the page with its form');
  const ok = await c.bmsc.post(`/admin/catalog/${id}/recheck?all=1`, { action: 'declassify', basis: '工作已公开部署', recheckOn: '' });
  assert.equal(ok.status, 303);
  assert.match(ok.location ?? '', /all=1/);
  const row = (await s.ctx.db.execute<{ status: string }>(sql`select status from catalog_records where id = ${id}`)).rows[0];
  assert.equal(row.status, 'draft');
});

test('bad ids and other users: 404 / 403, never a 500', async () => {
  assert.equal((await c.shr.get('/admin/catalog/abc/review')).status, 404);
  assert.equal((await c.shr.get('/admin/catalog/99999999999/review')).status, 404);
  assert.equal((await c.shr.post('/admin/catalog/1/findings/abc', { r1: 'redact' })).status, 404);
  assert.equal((await c.cbr.get('/admin/review')).status, 403);
  assert.equal((await c.cbr.get('/admin/catalog/recheck')).status, 403);
  assert.equal((await c.bmsc.get('/admin/catalog/recheck')).status, 200);
  assert.equal((await c.gkb.get('/admin/coordination')).status, 200);
  assert.equal((await c.gkb.get('/admin/catalog/interpretations')).status, 200);
  await c.cbr.get('/admin/catalog/new');
  const junk = await c.cbr.post('/admin/catalog/1/review', { step: 'x', conclusion: 'maybe' });
  assert.ok([403, 409, 422].includes(junk.status), String(junk.status));
});

test('征求意见 from the review page; the asked organisation replies from its inbox', async () => {
  const id = await create({ title: '云溪县教育体育局关于校园周边交通安全的通知', body: '各学校：请做好校园周边交通安全工作。' });
  await c.cbr.get(`/admin/catalog/${id}/review`);
  const bad = await c.cbr.post(`/admin/catalog/${id}/coordination`, { question: '是否同意公开', days: '99' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, />是否同意公开<\/textarea>/);
  const ok = await c.cbr.post(`/admin/catalog/${id}/coordination`, { orgIds: [String(org['县财政局'])], question: '是否同意公开', days: '5' });
  assert.equal(ok.status, 303);
  const inbox = await c.gkb.get('/admin/coordination');
  assert.match(inbox.text, /校园周边交通安全/);
  const cid = /\/admin\/coordination\/(\d+)\/reply/.exec(inbox.text)?.[1];
  assert.ok(cid);
  const noText = await c.gkb.post(`/admin/coordination/${cid}/reply`, { [`stance${cid}`]: 'disagree', [`text${cid}`]: '' });
  assert.equal(noText.status, 422);
  assert.equal((await c.gkb.post(`/admin/coordination/${cid}/reply`, { [`stance${cid}`]: 'disagree', [`text${cid}`]: '涉及未公开预算' })).status, 303);
  const after = await c.gkb.get('/admin/coordination');
  assert.match(after.text, /不同意见（由政务公开办决定）/);
  assert.equal((await c.gkb.post(`/admin/coordination/${cid}/decide`, { [`decision${cid}`]: '删除预算数字后公开' })).status, 303);
});

test('before submitting, the clerk sees the real findings (place, masked value) and can mask all of a kind at once', async () => {
  const id = await create({ body: `各学校：\n资助咨询电话 ${PHONE}，备用 13812345678。` });
  const page = await c.cbr.get(`/admin/catalog/${id}/review`);
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /未发现身份证号、手机号码/, 'the body holds a mobile number');
  assert.match(page.text, /<td>正文<\/td><td>手机号码<\/td><td><code>139\*\*\*\*5678<\/code>/);
  assert.ok(!page.text.includes(`<code>${PHONE}`), 'shown masked');
  assert.match(page.text, /全部遮盖（手机号码 2 处）/);
  assert.match(page.text, /全部确认可以公开/);
  const noReason = await c.cbr.post(`/admin/catalog/${id}/findings/resolve`, { kind: 'mobile', resolution: 'accept', 'reason-all-mobile': '' });
  assert.equal(noReason.status, 422);
  assert.match(noReason.text, /保留该内容时须说明理由/);
  assert.match(noReason.text, /href="#f-reason-all-mobile"/);
  const junk = await c.cbr.post(`/admin/catalog/${id}/findings/resolve`, { group: '<x>', kind: '' });
  assert.equal(junk.status, 404);
  assert.match(junk.text, /刷新页面/);
  const ok = await c.cbr.post(`/admin/catalog/${id}/findings/resolve`, { kind: 'mobile', resolution: 'redact' });
  assert.equal(ok.status, 303);
  const after = await c.cbr.get(`/admin/catalog/${id}/review`);
  assert.match(after.text, /<td>遮盖 — 李思远/);
  assert.doesNotMatch(after.text, /全部遮盖（手机号码/);
  // Before submitting only the drafting clerk decides (a reviewer of the same organisation may not).
  assert.equal((await c.shr.post(`/admin/catalog/${id}/findings/resolve`, { kind: 'mobile', resolution: 'redact' })).status, 403);
});

test('an office number accepted once for the organisation: no longer reported; listed for the office, which removes it', async () => {
  const id = await create({ body: '咨询电话：0793-5120030（工作日）。' });
  const page = await c.cbr.get(`/admin/catalog/${id}/review`);
  const g = groupsOf(page.text).find((x) => x.startsWith('landline-'));
  assert.ok(g, 'the landline is a finding');
  assert.match(page.text, /本单位对外公开的办公电话，今后不再提示/);
  const r = await c.cbr.post(`/admin/catalog/${id}/findings/resolve`, { group: g, [`r-${g}`]: 'office_phone', [`reason-${g}`]: '' });
  assert.equal(r.status, 303);
  assert.match((await c.cbr.get(r.location!)).text, /已记为本单位对外公开的办公电话/);
  const next = await create({ body: '联系电话：0793-5120030。' });
  assert.match((await c.cbr.get(`/admin/catalog/${next}/review`)).text, /未发现身份证号、手机号码/);

  assert.equal((await c.cbr.get('/admin/catalog/allowed-numbers')).status, 403);
  const list = await c.gkb.get('/admin/catalog/allowed-numbers');
  assert.equal(list.status, 200);
  assert.match(list.text, /0793-5120030/);
  const nid = /\/admin\/catalog\/allowed-numbers\/(\d+)\/delete/.exec(list.text)?.[1];
  assert.ok(nid);
  assert.equal((await c.cbr.post(`/admin/catalog/allowed-numbers/${nid}/delete`, {})).status, 403);
  assert.equal((await c.gkb.post('/admin/catalog/allowed-numbers/abc/delete', {})).status, 404);
  const del = await c.gkb.post(`/admin/catalog/allowed-numbers/${nid}/delete`, {});
  assert.equal(del.status, 303);
  assert.match((await c.gkb.get(del.location!)).text, /已移除 0793-5120030/);
  assert.equal((await c.gkb.post(`/admin/catalog/allowed-numbers/${nid}/delete`, {})).status, 404);
  assert.match((await c.cbr.get(`/admin/catalog/${next}/review`)).text, /固定电话/, 'reported again');
  const audit = (await s.ctx.db.execute<{ action: string }>(sql`select action from audit_log where action like 'catalog.allowlist.%' order by id`)).rows.map((x) => x.action);
  assert.deepEqual(audit, ['catalog.allowlist.add', 'catalog.allowlist.remove']);
});
