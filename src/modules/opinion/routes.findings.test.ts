// /admin/opinion/findings through the real server: the status filter, one finding's page, 决定 and
// 撤销 as plain form posts (Chinese errors with the typed values kept, the ticked confirmation, a
// refusal once the finding is no longer open, CSRF), who decided what and when on the list and the
// incident's timeline, and no access without opinion.accountability.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { formatInstant } from '../../platform/time/index.ts';
import { confirmedIncident, orgIdOf } from './respond.fixtures.ts';
import { checkDeadlines } from './deadlines.job.ts';
import { findFinding, listFindings } from './findings.repo.ts';

let s: TestServer;
let gkb: Client;
let yq: Client;
let cbr: Client;
let decideId = 0;
let withdrawId = 0;
let incident = 0;
const HOUR = 3_600_000;

before(async () => {
  s = await startTestServer({ config: { COOKIE_SECURE: 'false' } });
  [gkb, yq, cbr] = [new Client(s.baseUrl), new Client(s.baseUrl), new Client(s.baseUrl)];
  await Promise.all([gkb.login('gkb', s.password('gkb')), yq.login('yqzy', s.password('yqzy')), cbr.login('cbr', s.password('cbr'))]);
  const [edu, fin] = await Promise.all([orgIdOf(s.ctx, '县教体局'), orgIdOf(s.ctx, '县财政局')]);
  const start = new Date(Date.now() - 50 * HOUR);
  incident = await confirmedIncident(s.ctx, { leadOrgId: edu, grade: 'general', confirmedAt: start, title: '校服征订价格偏高' });
  await confirmedIncident(s.ctx, { leadOrgId: fin, grade: 'general', confirmedAt: start, title: '补贴资金发放不及时' });
  assert.equal((await checkDeadlines(s.ctx)).findings, 2);
  const { rows } = await listFindings(s.ctx.db, { all: true, orgIds: [] }, 1, 10);
  decideId = rows.find((r) => r.incidentId === incident)!.id;
  withdrawId = rows.find((r) => r.incidentId !== incident)!.id;
});
after(() => s.close());

test('the list filters by status; a finding page offers 决定 and 撤销 while open', async () => {
  const all = await gkb.get('/admin/opinion/findings');
  assert.equal(all.status, 200);
  assert.match(all.text, /共 2 条/);
  assert.ok(all.text.includes(`href="/admin/opinion/findings/${decideId}"`));
  assert.match((await gkb.get('/admin/opinion/findings?status=open')).text, /共 2 条/);
  assert.match((await gkb.get('/admin/opinion/findings?status=decided')).text, /暂无问责建议/);
  assert.match((await gkb.get('/admin/opinion/findings?status=constructor&page=x')).text, /共 2 条/, 'an unknown status lists everything');
  const page = await gkb.get(`/admin/opinion/findings/${decideId}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>问责建议：云溪县教育体育局<\/h1>/);
  assert.match(page.text, /action="\/admin\/opinion\/findings\/\d+\/decide"/);
  assert.match(page.text, /action="\/admin\/opinion\/findings\/\d+\/withdraw"/);
  assert.match(page.text, /value="notice"[^>]*checked/, 'the proposal is chosen by default');
  assert.match(page.text, /通报（系统建议）/);
  const desk = await gkb.get('/admin/');
  assert.match(desk.text, /<h4>待决定的问责建议<\/h4><p class="num"><a href="\/admin\/opinion\/findings\?status=open">2<span/);
  assert.ok(!(await yq.get('/admin/')).text.includes('待决定的问责建议'), 'only for the disclosure office');
  assert.equal((await gkb.get('/admin/opinion/findings/999999')).status, 404);
  assert.equal((await gkb.get('/admin/opinion/findings/abc')).status, 404);
});

test('决定: errors in Chinese with the values kept, then once; a second submit is refused', async () => {
  const bad = await gkb.post(`/admin/opinion/findings/${decideId}/decide`, { kind: 'nonsense', note: '' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /字段“决定说明”为必填项/);
  assert.match(bad.text, /请勾选确认：决定提交后不能修改或撤回/);
  assert.match(bad.text, /决定结果/);
  const unticked = await gkb.post(`/admin/opinion/findings/${decideId}/decide`, { kind: 'interview', note: '经会商决定约谈分管负责人。' });
  assert.equal(unticked.status, 422);
  assert.match(unticked.text, />经会商决定约谈分管负责人。<\/textarea>/);
  assert.match(unticked.text, /value="interview"[^>]*checked/);
  assert.equal((await gkb.post(`/admin/opinion/findings/${decideId}/decide`, { kind: 'interview', note: '经会商决定约谈。', confirm: '1' }, { csrf: false })).status, 403);
  assert.equal((await findFinding(s.ctx.db, decideId))!.status, 'open');

  const ok = await gkb.post(`/admin/opinion/findings/${decideId}/decide`, { kind: 'interview', note: '经会商决定约谈分管负责人。', confirm: '1' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/admin/opinion/findings/${decideId}?done=decided`);
  const f = (await findFinding(s.ctx.db, decideId))!;
  const page = await gkb.get(ok.location!);
  assert.match(page.text, /决定已记录/);
  assert.match(page.text, /<dt>决定结果<\/dt><dd>约谈（建议为通报）<\/dd>/);
  assert.match(page.text, /<dt>决定人<\/dt><dd>周文清<\/dd>/);
  assert.ok(page.text.includes(formatInstant(f.decidedAt!, 'minute')), 'Beijing time');
  assert.ok(!page.text.includes('/decide"'), 'no form once decided');

  const again = await gkb.post(`/admin/opinion/findings/${decideId}/decide`, { kind: 'notice', note: '第二次提交的决定。', confirm: '1' });
  assert.equal(again.status, 409);
  assert.match(again.text, /该问责建议已经作出决定，不能再决定。请刷新页面查看结果。/);
  const withdraw = await gkb.post(`/admin/opinion/findings/${decideId}/withdraw`, { reason: '决定后再撤销。', withdrawConfirm: '1' });
  assert.equal(withdraw.status, 409);
  assert.match(withdraw.text, /已经作出决定，不能再撤销/);
  assert.equal((await findFinding(s.ctx.db, decideId))!.decidedKind, 'interview');

  const list = await gkb.get('/admin/opinion/findings?status=decided');
  assert.match(list.text, /共 1 条/);
  assert.match(list.text, /已决定：约谈<br\/?>周文清，<time/);
  const timeline = await gkb.get(`/admin/opinion/${incident}`);
  assert.match(timeline.text, /问责决定/);
  assert.match(timeline.text, /作出回应时限：对云溪县教育体育局决定约谈（原建议通报）；决定说明：经会商决定约谈分管负责人。/);
});

test('撤销 with a reason; nobody without opinion.accountability sees or changes a finding; the audit log reads in Chinese', async () => {
  const empty = await gkb.post(`/admin/opinion/findings/${withdrawId}/withdraw`, { reason: '短', withdrawConfirm: '1' });
  assert.equal(empty.status, 422);
  assert.match(empty.text, /字段“撤销理由”不能少于5个字符/);
  assert.match(empty.text, />短<\/textarea>/);
  assert.equal((await yq.get(`/admin/opinion/findings/${withdrawId}`)).status, 403);
  assert.equal((await yq.post(`/admin/opinion/findings/${withdrawId}/withdraw`, { reason: '舆情专员来撤销。', withdrawConfirm: '1' })).status, 403);
  assert.equal((await cbr.post(`/admin/opinion/findings/${withdrawId}/decide`, { kind: 'notice', note: '承办人来决定。', confirm: '1' })).status, 403);
  assert.equal((await findFinding(s.ctx.db, withdrawId))!.status, 'open');

  const ok = await gkb.post(`/admin/opinion/findings/${withdrawId}/withdraw`, { reason: '资金拨付系上级统一安排，延迟有正当理由。', withdrawConfirm: '1' });
  assert.equal(ok.status, 303);
  const page = await gkb.get(ok.location!);
  assert.match(page.text, /问责建议已撤销/);
  assert.match(page.text, /<dt>撤销理由<\/dt><dd>资金拨付系上级统一安排，延迟有正当理由。<\/dd>/);
  assert.match((await gkb.get('/admin/opinion/findings?status=withdrawn')).text, /共 1 条/);
  assert.match((await gkb.get('/admin/')).text, /findings\?status=open">0<span/, 'nothing left to decide');

  const admin = new Client(s.baseUrl);
  await admin.login('admin', s.password('admin'));
  const audit = await admin.get('/admin/audit');
  assert.match(audit.text, /舆情问责决定/);
  assert.match(audit.text, /撤销舆情问责建议/);
  assert.equal((await verifyAudit(s.ctx.db)).ok, true);
});
