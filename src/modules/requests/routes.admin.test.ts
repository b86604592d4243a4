// Route tests of the staff screens: the queue (tabs, filters, scope), the case page (masked
// applicant, audited full view, documents), the action forms (bad input keeps the values, a stale
// form is refused, success redirects), the reply through 承办 → 审核 → 签发, and 403 for other units.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import * as authRepo from '../auth/repo.ts';
import { registerOffline, submitApplication, type ApplicationInput } from './intake.ts';
import { formatInstant } from '../../platform/time/index.ts';
import { queueChanged } from './queue-counts.ts';
import { sampleApplication } from './application.fixtures.ts';

let s: TestServer;
const c: Record<string, Client> = {};
const org: Record<string, number> = {};
let seq = 0;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  for (const n of ['cbr', 'shr', 'sfr', 'gkb']) { c[n] = new Client(s.baseUrl); await c[n].login(n, s.password(n)); }
  const r = await s.ctx.db.execute<{ id: number; short_name: string }>(sql`select id, short_name from org_units`);
  for (const o of r.rows) org[o.short_name] = o.id;
});
after(() => s.close());

const app = (p: ApplicationInput = {}): ApplicationInput => sampleApplication(org['县教体局'], ++seq, p);

async function staffCase(p: ApplicationInput = {}, by = 'gkb'): Promise<number> {
  const u = (await authRepo.findUserByUsername(s.ctx.db, by))!;
  const r = await registerOffline(s.ctx, await authRepo.toPrincipal(s.ctx.db, u, 'session'), { ...app(p), channel: 'in_person' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.caseId : 0;
}
/** The number on the 工作台 card with this label, or undefined when the card is not there. */
function deskCount(html: string, label: string): { count: number; href: string } | undefined {
  const m = new RegExp(`<h4>${label}</h4><p class="num"><a href="([^"]+)">(\\d+)<span class="visually-hidden">`).exec(html);
  return m ? { count: Number(m[2]), href: m[1].replace(/&amp;/g, '&') } : undefined;
}
const versionOf = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
const trackingOf = async (id: number) => (await s.ctx.db.execute<{ t: string }>(sql`select tracking_no as t from request_cases where id = ${id}`)).rows[0].t;

let eduCase = 0;
let finCase = 0;

test('queue: tabs with counts, filters, and only the organisations in scope', async () => {
  eduCase = await staffCase();
  finCase = await staffCase({ orgId: String(org['县财政局']) });
  const online = await submitApplication(s.ctx, app(), { ip: null });
  assert.ok(online.ok);

  const q = await c.cbr.get('/admin/requests');
  assert.equal(q.status, 200);
  assert.match(q.text, new RegExp(await trackingOf(eduCase)));
  assert.doesNotMatch(q.text, new RegExp(await trackingOf(finCase)), 'another unit’s case is not listed');
  assert.match(q.text, /待确认收到（1）/);
  assert.match(q.text, /办理中（1）/);

  const all = await c.gkb.get('/admin/requests');
  assert.match(all.text, new RegExp(await trackingOf(finCase)));
  if (online.ok) assert.ok(all.text.indexOf(online.trackingNo) < all.text.indexOf(await trackingOf(eduCase)), 'unconfirmed applications come first');
  const byOrg = await c.gkb.get(`/admin/requests?org=${org['县财政局']}`);
  assert.match(byOrg.text, new RegExp(await trackingOf(finCase)));
  assert.doesNotMatch(byOrg.text, new RegExp(await trackingOf(eduCase)));
  const submitted = await c.gkb.get('/admin/requests?status=submitted');
  assert.match(submitted.text, /共 1 件/);
  const online2 = await c.gkb.get('/admin/requests?channel=online&status=all');
  assert.match(online2.text, /共 1 件/);
  const overdue = await c.gkb.get('/admin/requests?overdue=1');
  assert.match(overdue.text, /共 0 件/);
  // Due within 30 working days: both received cases; within 0 days: none.
  assert.match((await c.gkb.get('/admin/requests?due=30')).text, /共 2 件/);
  assert.match((await c.gkb.get('/admin/requests?due=0&unit=cd')).text, /共 0 件/);
  const byNo = await c.gkb.get(`/admin/requests?q=${encodeURIComponent((await trackingOf(finCase)).slice(-5))}&status=all`);
  assert.match(byNo.text, new RegExp(await trackingOf(finCase)));
  const nul = await c.gkb.get('/admin/requests?q=a%00b&status=all');
  assert.equal(nul.status, 422, 'a NUL in the search text is refused, not a 500');
  assert.match(nul.text, /控制字符/);
  // A case whose statutory date has passed is marked overdue in words.
  await s.ctx.db.execute(sql`update request_cases set statutory_due_on = '2020-01-06' where id = ${finCase}`);
  // Written behind the product's back (as another process would): its cached tab counts are forgotten by hand.
  queueChanged();
  const od = await c.gkb.get('/admin/requests?overdue=1');
  assert.match(od.text, /共 1 件/);
  assert.match(od.text, /已超期/);
  await s.ctx.db.execute(sql`update request_cases set statutory_due_on = null where id = ${finCase}`);
});

test('case page: masked applicant, the full view is audited; other units get 403', async () => {
  const p = await c.cbr.get(`/admin/requests/${eduCase}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /期限台账/);
  assert.doesNotMatch(p.text, /11010519491231002X/);
  assert.doesNotMatch(p.text, /13812345678/);
  assert.equal((await c.cbr.get(`/admin/requests/${finCase}`)).status, 403);
  assert.equal((await c.cbr.post(`/admin/requests/${finCase}/correction`, { version: '1', corr_content: 'x' })).status, 403);

  // gkb (disclosure office) may see the full data; the view is audited.
  await c.gkb.get(`/admin/requests/${eduCase}`);
  const full = await c.gkb.post(`/admin/requests/${eduCase}/reveal`, {});
  assert.equal(full.status, 200);
  assert.match(full.text, /11010519491231002X/);
  const a = await s.ctx.db.execute(sql`select 1 from audit_log where action = 'request.pii_view' and entity_id = ${String(eduCase)}`);
  assert.equal(a.rows.length, 1);
  // The clerk who is not the handler may not.
  await c.cbr.get(`/admin/requests/${eduCase}`);
  assert.equal((await c.cbr.post(`/admin/requests/${eduCase}/reveal`, {})).status, 403);
});

test('action forms: bad input keeps the values (422), a stale form is refused (409), success redirects', async () => {
  const page = await c.cbr.get(`/admin/requests/${eduCase}`);
  const v = versionOf(page.text);
  const bad = await c.cbr.post(`/admin/requests/${eduCase}/extension`, { version: v, ext_days: '30', ext_reason: '需要检索多个年度的档案' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /需要检索多个年度的档案/);
  assert.match(bad.text, /value="30"/);
  assert.match(bad.text, /20/);
  const ok = await c.cbr.post(`/admin/requests/${eduCase}/extension`, { version: v, ext_days: '5', ext_reason: '需要检索多个年度的档案' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/admin/requests/${eduCase}?done=extension`);
  // The same page's form again: stale.
  // 补正 goes out only once: without the confirmation it is refused, with what was typed kept.
  const unconfirmed = await c.cbr.post(`/admin/requests/${eduCase}/correction`, { version: v, corr_content: '请写明工程名称' });
  assert.equal(unconfirmed.status, 422);
  assert.match(unconfirmed.text, /请勾选确认：补正告知只能发出一次/);
  assert.match(unconfirmed.text, /请写明工程名称/);
  assert.match(unconfirmed.text, /<details class="case-action" id="act-correction" open/);
  const stale = await c.cbr.post(`/admin/requests/${eduCase}/correction`, { version: v, corr_content: '请写明工程名称', corr_confirm: '1' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /已被他人更新/);
  assert.match(stale.text, /请写明工程名称/);
  // The clerk cannot approve the extension; the disclosure office can.
  const p2 = await c.gkb.get(`/admin/requests/${eduCase}`);
  assert.match(p2.text, /审批延期申请/);
  const ev = /name="eventId" value="(\d+)"/.exec(p2.text)![1];
  assert.equal((await c.cbr.post(`/admin/requests/${eduCase}/extension-decide`, { version: versionOf(p2.text), eventId: ev, dec_decision: 'approve' })).status, 403);
  const noChoice = await c.gkb.post(`/admin/requests/${eduCase}/extension-decide`, { version: versionOf(p2.text), eventId: ev, dec_decision: '' });
  assert.equal(noChoice.status, 422);
  const approve = await c.gkb.post(`/admin/requests/${eduCase}/extension-decide`, { version: versionOf(p2.text), eventId: ev, dec_decision: 'approve', dec_opinion: '同意' });
  assert.equal(approve.status, 303);
  const after = await c.cbr.get(`/admin/requests/${eduCase}?done=extension-decide`);
  assert.match(after.text, /延期审批意见已保存/);
  assert.match(after.text, /延期答复告知书/);
});

test('reply through the forms: draft → submit → 审核 → 签发; documents downloadable by staff of the unit only', async () => {
  let p = await c.cbr.get(`/admin/requests/${eduCase}`);
  const empty = await c.cbr.post(`/admin/requests/${eduCase}/reply`, { version: versionOf(p.text), reply_choice: 'outcome:2', reply_text: '部分公开' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /第三十七条/);
  const draft = await c.cbr.post(`/admin/requests/${eduCase}/reply`, {
    version: versionOf(empty.text), reply_choice: 'outcome:2', reply_text: '经审查，验收报告部分公开。',
    wh_part1: '施工单位人员身份证号码', wh_ground1: '3.4', wh_reason1: '涉及个人隐私',
  });
  assert.equal(draft.status, 303, draft.text.slice(0, 500));
  p = await c.cbr.get(`/admin/requests/${eduCase}`);
  assert.match(p.text, /施工单位人员身份证号码/);
  assert.equal((await c.cbr.post(`/admin/requests/${eduCase}/submit-reply`, { version: versionOf(p.text), submit_opinion: '拟部分公开' })).status, 303);

  // Reviewers find pending replies on the 工作台 and in the queue.
  assert.match((await c.shr.get('/admin/')).text, /<h4>待我审核<\/h4><p class="num"><a href="\/admin\/review">1</);
  const r1 = await c.shr.get('/admin/requests?status=reply_review');
  assert.match(r1.text, new RegExp(await trackingOf(eduCase)));
  // … and in the one review inbox (待我审核) next to catalogue records, only at their own step.
  const inbox = await c.shr.get('/admin/review');
  assert.match(inbox.text, /待审核的依申请公开答复（1 件）/);
  assert.match(inbox.text, new RegExp(`href="/admin/requests/${eduCase}#reply">${await trackingOf(eduCase)}<`));
  assert.doesNotMatch((await c.sfr.get('/admin/review')).text, /待审核的依申请公开答复/, 'not yet at the signing step');
  // Returned once: the handler who submitted it finds it on the 工作台 (答复退回修改, the queue's badge)
  // and in the queue filtered to it; submitted again, it leaves the count.
  assert.equal(deskCount((await c.cbr.get('/admin/')).text, '答复退回修改')?.count, 0);
  let rp = await c.shr.get(`/admin/requests/${eduCase}`);
  assert.equal((await c.shr.post(`/admin/requests/${eduCase}/review`, {
    version: versionOf(rp.text), expectedStep: /name="expectedStep" value="(\d+)"/.exec(rp.text)![1], rv_conclusion: 'return', rv_opinion: '请补充不予公开部分的理由。',
  })).status, 303);
  const home = await c.cbr.get('/admin/');
  const returned = deskCount(home.text, '答复退回修改');
  assert.deepEqual(returned, { count: 1, href: '/admin/requests?returned=1' });
  assert.match(home.text, /<a href="\/admin\/requests"[^>]*>依申请公开 <span class="nav-badge">/);
  const list = await c.cbr.get(returned!.href);
  assert.match(list.text, /共 1 件/);
  assert.match(list.text, new RegExp(await trackingOf(eduCase)));
  assert.match(list.text, /id="f-returned" name="returned" value="1" checked/);
  assert.match((await c.shr.get(returned!.href)).text, /共 0 件/, 'returned to who submitted it, not to the reviewer');
  p = await c.cbr.get(`/admin/requests/${eduCase}`);
  assert.equal((await c.cbr.post(`/admin/requests/${eduCase}/submit-reply`, { version: versionOf(p.text), submit_opinion: '已补充理由' })).status, 303);
  assert.equal(deskCount((await c.cbr.get('/admin/')).text, '答复退回修改')?.count, 0, 'submitted again');
  assert.match((await c.cbr.get(returned!.href)).text, /共 0 件/);

  rp = await c.shr.get(`/admin/requests/${eduCase}`);
  assert.match(rp.text, /审核答复：承办部门审核/);
  const step = /name="expectedStep" value="(\d+)"/.exec(rp.text)![1];
  assert.equal((await c.shr.post(`/admin/requests/${eduCase}/review`, { version: versionOf(rp.text), expectedStep: step, rv_conclusion: 'pass', rv_opinion: '同意' })).status, 303);
  const sp = await c.sfr.get(`/admin/requests/${eduCase}`);
  assert.match(sp.text, /审核答复：单位签发/);
  // The review history shows when the step was taken in Beijing time (it once showed UTC).
  const acted = /<td>同意<\/td><td>(\d{4}-\d{2}-\d{2} \d{2}:\d{2})<\/td>/.exec(sp.text)?.[1];
  const nowMs = Date.now();
  assert.ok(acted && [nowMs - 60_000, nowMs, nowMs + 60_000].some((ms) => formatInstant(ms, 'minute') === acted), `review time ${acted}`);
  const step2 = /name="expectedStep" value="(\d+)"/.exec(sp.text)![1];
  assert.equal((await c.sfr.post(`/admin/requests/${eduCase}/review`, { version: versionOf(sp.text), expectedStep: step2, rv_conclusion: 'pass', rv_opinion: '同意签发' })).status, 303);

  const done = await c.cbr.get(`/admin/requests/${eduCase}`);
  assert.match(done.text, /已办结：（二）部分公开/);
  assert.match(done.text, /已作出的答复/);
  assert.match(done.text, /施工单位人员身份证号码/);
  assert.doesNotMatch(done.text, /\/admin\/requests\/\d+\/documents\/\d+/, 'no download link for who may not download');
  assert.match(done.text, /仅承办人或政务公开办可下载/);
  const doc = /\/admin\/requests\/\d+\/documents\/(\d+)/.exec((await c.gkb.get(`/admin/requests/${eduCase}`)).text)![1];
  // A download is a full view of the applicant's data: a clerk who is not the handler is refused,
  // the disclosure office may.
  assert.equal((await c.cbr.get(`/admin/requests/${eduCase}/documents/${doc}`)).status, 403);
  const dl = await c.gkb.get(`/admin/requests/${eduCase}/documents/${doc}`);
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-disposition') ?? '', /attachment/);
  const other = await c.cbr.get(`/admin/requests/${finCase}/documents/${doc}`);
  assert.equal(other.status, 403);
  // The audit log screen names the steps in Chinese.
  assert.match((await c.gkb.get('/admin/audit')).text, /依申请公开：答复签发并办结/);
});

test('bad input never breaks a page: junk ids, filters and versions', async () => {
  assert.equal((await c.gkb.get('/admin/requests/abc')).status, 404);
  assert.equal((await c.gkb.get('/admin/requests/99999999999')).status, 404);
  assert.equal((await c.gkb.get('/admin/requests/2147483647')).status, 404);
  assert.equal((await c.gkb.get(`/admin/requests/${eduCase}/documents/x`)).status, 404);
  assert.equal((await c.gkb.get(`/admin/requests/${eduCase}/documents/999999`)).status, 404);
  const junk = await c.gkb.get('/admin/requests?status=nope&org=-1&handler=%27%3B&due=9999&unit=zz&channel=%3Cscript%3E&kind=x&q=%25_%5C&page=99999999');
  assert.equal(junk.status, 200);
  assert.doesNotMatch(junk.text, /<script>/);
  await c.gkb.get(`/admin/requests/${finCase}`);
  const badVersion = await c.gkb.post(`/admin/requests/${finCase}/transfer`, { version: 'abc', transfer_org: String(org['县教体局']), transfer_reason: '测试' });
  assert.equal(badVersion.status, 409);
  assert.match(badVersion.text, /已被他人更新/);
  assert.equal((await c.gkb.post('/admin/requests/99999999/transfer', { version: '1' })).status, 404);
  const noCsrf = await c.gkb.post(`/admin/requests/${finCase}/transfer`, { version: '1', _csrf: 'forged' });
  assert.equal(noCsrf.status, 403);
  // Anonymous: sent to sign in, never a page.
  const anon = await fetch(`${s.baseUrl}/admin/requests/${finCase}`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
});

test('the case page shows the submission and due-change instants in Beijing time, whatever the server zone', async () => {
  const id = await staffCase();
  // 2026-12-01 21:21 in Beijing is 13:21 UTC: the UTC wall time must not appear.
  await s.ctx.db.execute(sql`update request_cases set submitted_at = '2026-12-01T13:21:00Z' where id = ${id}`);
  await s.ctx.db.execute(sql`insert into request_due_changes (case_id, from_due, to_due, reason, created_at) values (${id}, '2026-12-20', '2026-12-22', '测试', '2026-12-01T17:05:00Z')`);
  const page = await c.gkb.get(`/admin/requests/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /2026-12-01 21:21/);
  assert.doesNotMatch(page.text, /2026-12-01 13:21/);
  assert.match(page.text, /2026-12-02 01:05/, 'a due change made after 16:00 UTC is dated the next Beijing day');
});

test('queue export: CSV and Excel of what the filters select, only the organisations in scope, no applicant data', async () => {
  const edu = await staffCase();
  const fin = await staffCase({ orgId: String(org['县财政局']) });
  const eduNo = await trackingOf(edu);
  const finNo = await trackingOf(fin);
  const page = await c.cbr.get('/admin/requests?kind=disclosure');
  assert.match(page.text, /href="\/admin\/requests\/export\.csv\?kind=disclosure"/);
  const csv = await c.cbr.get('/admin/requests/export.csv?kind=disclosure');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
  assert.match(csv.headers.get('content-disposition') ?? '', /filename\*=UTF-8''%E4%BE%9D%E7%94%B3%E8%AF%B7/);
  assert.match(csv.text, /^\uFEFF?受理编号,申请类型,受理机关/);
  assert.ok(csv.text.includes(eduNo), 'own unit’s case exported');
  assert.ok(!csv.text.includes(finNo), 'another unit’s case is not exported');
  assert.ok(!csv.text.includes('刘晓燕') && !csv.text.includes('13812345678') && !csv.text.includes('11010519491231002X'), 'no applicant data');
  // A filter that matches nothing gives the header only.
  const none = await c.cbr.get(`/admin/requests/export.csv?q=${encodeURIComponent('不存在的编号')}`);
  assert.equal(none.text.trim().split('\n').length, 1);
  const xlsx = await c.gkb.request('GET', '/admin/requests/export.xlsx');
  assert.equal(xlsx.status, 200);
  assert.match(xlsx.headers.get('content-type') ?? '', /spreadsheetml/);
  assert.equal((await c.cbr.get('/admin/requests/export.pdf')).status, 404);
  const anon = await new Client(s.baseUrl).get('/admin/requests/export.csv');
  assert.notEqual(anon.status, 200);
});
