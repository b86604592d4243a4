// Answering incidents through the real server: the respond form (errors in Chinese, values kept),
// the 2-step review (承办人 cbr → 单位审发人 sfr), publishing on /hygq/ with the page cache dropped,
// closing with an evaluation, reopening by the monitor, referral, the proposal for a misread policy.
import { test, before, after } from 'node:test';
import { sql } from 'drizzle-orm';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { loadDemoRecords } from '../catalog/demo.ts';
import { DEMO_RECORDS } from '../catalog/demo-records.ts';
import { confirmedIncident, deadlinesOf, orgIdOf } from './respond.fixtures.ts';
import { findIncident, listResponses } from './responses.repo.ts';

let s: TestServer;
let cbr: Client;
let sfr: Client;
let yq: Client;
let anon: Client;
let edu = 0;
const HOUR = 3_600_000;
const local = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16);

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  edu = await orgIdOf(s.ctx, '县教体局');
  [cbr, sfr, yq, anon] = [new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl)];
  await Promise.all([cbr.login('cbr', s.password('cbr')), sfr.login('sfr', s.password('sfr')), yq.login('yqzy', s.password('yqzy'))]);
});
after(async () => { await s.close(); });

/** The number on the 工作台 card with this label, or undefined when the card is not there. */
function deskCount(html: string, label: string): { count: number; href: string } | undefined {
  const m = new RegExp(`<h4>${label}</h4><p class="num"><a href="([^"]+)">(\\d+)<span class="visually-hidden">`).exec(html);
  return m ? { count: Number(m[2]), href: m[1].replace(/&amp;/g, '&') } : undefined;
}

const good = (p: Record<string, string> = {}) => ({
  channel: 'website', respondedAt: local(new Date(Date.now() - 10 * 60_000)), text: '经核实，城关镇东片区停水系主管道抢修所致，已于当日16时恢复供水。', url: 'https://www.yunxi.gov.cn/art/2026/10/1/1.html', ...p,
});

test('respond, review, return, resubmit, approve; publish on 回应关切 with the cached pages dropped; close; reopen', async () => {
  const id = await confirmedIncident(s.ctx, { leadOrgId: edu, grade: 'large', confirmedAt: new Date(Date.now() - 2 * HOUR), title: '城关镇东片区突然停水' });
  const page = await cbr.get(`/admin/opinion/${id}/respond`);
  assert.equal(page.status, 200);
  assert.match(page.text, /作出回应/);
  assert.match(page.text, /剩余1天21小时|剩余1天22小时/);
  assert.match(page.text, /尚未回应/);

  const bad = await cbr.post(`/admin/opinion/${id}/respond`, good({ channel: '', text: '', respondedAt: '2026-13-01 10:00', url: 'ftp://x.cn/a' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“回应渠道”为必填项/);
  assert.match(bad.text, /字段“回应内容”为必填项/);
  assert.match(bad.text, /回应时间格式不正确/);
  assert.match(bad.text, /回应链接应为以 http:\/\/ 或 https:\/\/ 开头的网址/);
  assert.match(bad.text, /value="ftp:\/\/x.cn\/a"/);
  const future = await cbr.post(`/admin/opinion/${id}/respond`, good({ respondedAt: local(new Date(Date.now() + 2 * HOUR)) }));
  assert.equal(future.status, 422);
  assert.match(future.text, /回应时间不能晚于当前时间/);

  // The public column, empty and cached, before anything is published.
  const before = await anon.get('/hygq/');
  assert.equal(before.status, 200);
  assert.match(before.text, /暂无回应信息/);

  const ok = await cbr.post(`/admin/opinion/${id}/respond`, good());
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/admin/opinion/${id}/respond?done=submitted`);
  const [r] = await listResponses(s.ctx.db, id);
  assert.equal(r!.status, 'in_review');
  assert.match((await cbr.get(ok.location!)).text, /回应已提交审核/);

  // The reviewer's 工作台 counts it and links to the incidents with a response waiting for them.
  const desk = await sfr.get('/admin/');
  assert.match(desk.text, /待我审核的舆情回应/);
  assert.match(desk.text, /href="\/admin\/opinion\?review=mine"/);
  const mine = await sfr.get('/admin/opinion?review=mine');
  assert.match(mine.text, /共 1 件/);
  assert.match(mine.text, new RegExp(`href="/admin/opinion/${id}"`));
  assert.doesNotMatch((await cbr.get('/admin/')).text, /待我审核的舆情回应/);
  assert.match((await cbr.get('/admin/opinion?review=mine')).text, /共 0 件/);
  // The clerk cannot review; 单位审发人 returns it (an opinion is required), then passes the resubmission.
  assert.doesNotMatch((await cbr.get(`/admin/opinion/${id}/responses/${r!.id}`)).text, /提交审核意见/);
  const view = await sfr.get(`/admin/opinion/${id}/responses/${r!.id}`);
  assert.equal(view.status, 200);
  assert.match(view.text, /审核：单位审核发布/);
  const noOpinion = await sfr.post(`/admin/opinion/${id}/responses/${r!.id}/review`, { conclusion: 'return', opinion: '', step: '1' });
  assert.equal(noOpinion.status, 422);
  assert.match(noOpinion.text, /退回修改时请填写需修改的内容/);
  assert.equal(deskCount((await cbr.get('/admin/')).text, '回应退回修改')?.count, 0);
  const ret = await sfr.post(`/admin/opinion/${id}/responses/${r!.id}/review`, { conclusion: 'return', opinion: '请写明恢复供水的具体时间。', step: '1' });
  assert.equal(ret.status, 303);
  // The drafter's 工作台 counts the returned response and leads to its incident; the reviewer's does not.
  const returned = deskCount((await cbr.get('/admin/')).text, '回应退回修改');
  assert.deepEqual(returned, { count: 1, href: '/admin/opinion?review=returned' });
  const returnedList = await cbr.get(returned!.href);
  assert.match(returnedList.text, /共 1 件/);
  assert.match(returnedList.text, new RegExp(`href="/admin/opinion/${id}"`));
  assert.equal(deskCount((await sfr.get('/admin/')).text, '回应退回修改')?.count ?? 0, 0);
  assert.match((await sfr.get(returned!.href)).text, /共 0 件/);
  const back = await cbr.get(`/admin/opinion/${id}/respond`);
  assert.match(back.text, /已退回修改/);
  assert.match(back.text, /请写明恢复供水的具体时间。/);
  const edit = await cbr.get(`/admin/opinion/${id}/respond?edit=${r!.id}`);
  assert.match(edit.text, new RegExp(`修改退回的回应（编号 ${r!.id}）`));
  assert.match(edit.text, /主管道抢修所致/);
  const again = await cbr.post(`/admin/opinion/${id}/respond`, good({ responseId: String(r!.id), text: '经核实，停水系主管道抢修所致，已于10月1日16时恢复供水。' }));
  assert.equal(again.status, 303);
  assert.equal(deskCount((await cbr.get('/admin/')).text, '回应退回修改')?.count, 0, 'resubmitted');
  assert.match((await cbr.get('/admin/opinion?review=returned')).text, /共 0 件/);
  const stale = await sfr.post(`/admin/opinion/${id}/responses/${r!.id}/review`, { conclusion: 'pass', opinion: '', step: '0' });
  assert.equal(stale.status, 409);
  assert.match(stale.text, /已由他人处理/);
  const pass = await sfr.post(`/admin/opinion/${id}/responses/${r!.id}/review`, { conclusion: 'pass', opinion: '同意发布', step: '1' });
  assert.equal(pass.status, 303);
  assert.match((await sfr.get('/admin/opinion?review=mine')).text, /共 0 件/);
  assert.equal(pass.location, `/admin/opinion/${id}/responses/${r!.id}?done=approved`);
  assert.equal((await findIncident(s.ctx.db, id))!.status, 'responding');
  const ds = await deadlinesOf(s.ctx, id);
  assert.ok(ds.find((d) => d.kind === 'response')!.metAt);
  assert.ok(ds.find((d) => d.kind === 'update'), 'the next update is planned');
  assert.match((await cbr.get(`/admin/opinion/${id}/respond`)).text, /持续发布进展/);

  // Publishing drops the cached public pages.
  const pub = await cbr.post(`/admin/opinion/${id}/responses/${r!.id}/publish`, { publish: '1' });
  assert.equal(pub.status, 303);
  const list = await anon.get('/hygq/');
  assert.match(list.text, /城关镇东片区突然停水/);
  assert.match(list.text, new RegExp(`href="/hygq/${r!.id}"`));
  const detail = await anon.get(`/hygq/${r!.id}`);
  assert.equal(detail.status, 200);
  assert.match(detail.text, /已于10月1日16时恢复供水/);
  assert.match(detail.text, /回应单位：云溪县教育体育局/);
  assert.match(detail.text, /政府网站/);
  assert.doesNotMatch(detail.text, /请写明恢复供水/, 'no review opinions in public');
  assert.match((await anon.get('/')).text, /href="\/hygq\/"[^>]*>回应关切/);
  assert.match((await anon.get('/sitemap')).text, /href="\/hygq\/"/);
  assert.match((await anon.get('/sitemap.xml')).text, /\/hygq\//);
  assert.match((await anon.get('/sitemap.xml')).text, new RegExp(`/hygq/${r!.id}</loc><lastmod>`), 'each published response is in sitemap.xml');
  assert.equal((await anon.get('/hygq')).status, 301);
  assert.equal((await anon.get('/hygq/abc')).status, 404);
  assert.equal((await anon.get('/hygq/?page=%E4%B8%80')).status, 200);

  // Close: the evaluation is required; the clerk cannot reopen, the monitor can.
  const noEval = await cbr.post(`/admin/opinion/${id}/close`, { evaluation: '', rating: '' });
  assert.equal(noEval.status, 422);
  assert.match(noEval.text, /字段“效果评估”为必填项/);
  const badRating = await cbr.post(`/admin/opinion/${id}/close`, { evaluation: '回应发布后讨论明显减少，问题已解决。', rating: 'best' });
  assert.equal(badRating.status, 422);
  assert.match(badRating.text, /回应发布后讨论明显减少/);
  const closed = await cbr.post(`/admin/opinion/${id}/close`, { evaluation: '回应发布后讨论明显减少，问题已解决。', rating: 'good' });
  assert.equal(closed.status, 303);
  const cp = await cbr.get(closed.location!);
  assert.match(cp.text, /舆情已办结/);
  assert.match(cp.text, /效果良好，舆论趋于平稳/);
  // The clocks stopped: the update still owed shows no countdown on the closed incident.
  const closedPage = await cbr.get(`/admin/opinion/${id}`);
  assert.match(closedPage.text, /持续发布进展[\s\S]{0,300}?已办结，不再计时/);
  assert.doesNotMatch(closedPage.text, /剩余\d+小时/);
  assert.equal((await cbr.post(`/admin/opinion/${id}/reopen`, { reason: '再次出现' })).status, 403);
  assert.equal((await yq.post(`/admin/opinion/${id}/reopen`, { reason: '' })).status, 422);
  const re = await yq.post(`/admin/opinion/${id}/reopen`, { reason: '同一问题在论坛再次集中出现。' });
  assert.equal(re.status, 303);
  assert.equal((await findIncident(s.ctx.db, id))!.status, 'responding');

  // Unpublished: the public page is gone at once.
  await cbr.post(`/admin/opinion/${id}/responses/${r!.id}/publish`, { publish: '0' });
  assert.equal((await anon.get(`/hygq/${r!.id}`)).status, 404);
  assert.match((await anon.get('/hygq/')).text, /暂无回应信息/);
});

test('referral: monitors only; the date and agency checked; the record listed', async () => {
  const id = await confirmedIncident(s.ctx, { leadOrgId: edu, grade: 'large', confirmedAt: new Date(Date.now() - HOUR) });
  assert.equal((await cbr.get(`/admin/opinion/${id}/referral`)).status, 403);
  assert.equal((await yq.get(`/admin/opinion/${id}/referral`)).status, 200);
  const bad = await yq.post(`/admin/opinion/${id}/referral`, { agency: 'court', referredOn: '2099-01-01', content: '', referenceNo: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /移交机关/);
  assert.match(bad.text, /移交日期不能晚于今天/);
  assert.match(bad.text, /字段“移交内容”为必填项/);
  const ok = await yq.post(`/admin/opinion/${id}/referral`, { agency: 'police', referredOn: '2026-10-01', content: '网传“学校集体食物中毒”系谣言。', referenceNo: '云公网安〔2026〕18号' });
  assert.equal(ok.status, 303);
  const page = await yq.get(ok.location!);
  assert.match(page.text, /移交记录已登记/);
  assert.match(page.text, /公安机关/);
  assert.match(page.text, /云公网安〔2026〕18号/);
  assert.equal((await findIncident(s.ctx.db, id))!.rumour, true);
});

test('a misread policy: the respond page proposes an interpretation of the record; ids and scope', async () => {
  const { loaded } = await loadDemoRecords(s.ctx, DEMO_RECORDS.slice(0, 1));
  const recordId = loaded[0]!.id;
  const id = await confirmedIncident(s.ctx, { leadOrgId: edu, grade: 'general', confirmedAt: new Date(Date.now() - HOUR), category: 'policy_misread' });
  assert.doesNotMatch((await cbr.get(`/admin/opinion/${id}/respond`)).text, /建议开展政策解读/, 'nothing to propose before a record is linked');
  // The monitor links the record on the incident page, by its 索引号 (an unknown one is refused, typed value kept).
  const version = () => findIncident(s.ctx.db, id).then((x) => String((x as unknown as { version: number }).version));
  const bad = await yq.post(`/admin/opinion/${id}/link`, { version: await version(), linkRecord: '000000000/2026-99999' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /没有找到该索引号或编号的政策文件/);
  assert.match(bad.text, /value="000000000\/2026-99999"/);
  assert.equal((await cbr.post(`/admin/opinion/${id}/link`, { version: await version(), linkRecord: String(recordId) })).status, 403, 'a clerk does not link');
  const indexNo = (await s.ctx.db.execute<{ index_no: string }>(sql`select index_no from catalog_records where id = ${recordId}`)).rows[0]!.index_no;
  const ok = await yq.post(`/admin/opinion/${id}/link`, { version: await version(), linkRecord: indexNo });
  assert.equal(ok.status, 303);
  const detail = await yq.get(`/admin/opinion/${id}`);
  assert.match(detail.text, /涉及的政策文件/);
  assert.match(detail.text, /关联政策文件/);
  const page = await cbr.get(`/admin/opinion/${id}/respond`);
  assert.match(page.text, /建议开展政策解读/);
  assert.ok(page.text.includes(`/admin/catalog/${recordId}/`), 'links the catalogue record');

  const other = new Client(s.baseUrl);
  await other.login('gkb', s.password('gkb'));
  assert.equal((await other.get(`/admin/opinion/${id}/respond`)).status, 200, 'the disclosure office answers county-wide');
  assert.equal((await cbr.get('/admin/opinion/abc/respond')).status, 404);
  assert.equal((await cbr.get('/admin/opinion/999999/respond')).status, 404);
  assert.equal((await cbr.post(`/admin/opinion/${id}/respond`, { ...good(), _csrf: 'forged' })).status, 403);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});
