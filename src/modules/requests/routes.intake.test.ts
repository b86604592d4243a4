// Route tests of staff intake: registering offline applications by channel (第31条 receipt dates),
// bad input kept on the form, organisation scope, and confirming receipt of online applications.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestServer, type TestServer } from '../../../test/support/server.ts';
import { Client } from '../../../test/support/http.ts';
import { listOrgs } from '../org/repo.ts';
import { formatDate } from '../portal/domain.ts';
import { submitApplication, type ApplicationInput } from './intake.ts';

let s: TestServer;
const ids: Record<string, number> = {};
let cbr: Client;

before(async () => {
  s = await startTestServer();
  for (const o of await listOrgs(s.ctx.db)) ids[o.shortName ?? o.name] = o.id;
  cbr = new Client(s.baseUrl);
  await cbr.login('cbr', s.password('cbr'));
});
after(() => s.close());

const today = () => formatDate(s.ctx.now());
const fields = (patch: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
  channel: 'in_person', receivedOn: '', receiptBasis: '', orgId: String(ids['县教体局']), kind: 'disclosure', applicantType: 'natural',
  applicantName: '赵六', idType: 'id_card', idNumber: '11010519491231002X', phone: '0793-5120088', email: '', address: '云溪县柳林乡前进村5组',
  postcode: '', infoDescription: '柳林乡中心小学2025年食堂食材采购合同', infoDocNo: '', infoFeatures: '', correctionDetail: '',
  forms: ['paper'], delivery: 'post', feeWaiverReason: '', ...patch,
});

test('the registration form lists the offline channels with their receipt rule and only the clerk\'s organisations', async () => {
  const r = await cbr.get('/admin/requests/new');
  assert.equal(r.status, 200);
  for (const t of ['当面提交', '挂号信', '以行政机关签收之日为收到申请之日', '口头申请（代为填写）', '代为填写', '收到申请之日']) assert.ok(r.text.includes(t), t);
  assert.ok(!r.text.includes('name="channel" value="online"'), 'online is not registered by staff');
  assert.match(r.text, new RegExp(`<option value="${ids['县教体局']}" selected>云溪县教育体育局</option>`));
  const i = r.text.indexOf('云溪县财政局');
  assert.ok(i < 0, 'only organisations the clerk may register for: ' + r.text.slice(Math.max(0, i - 300), i + 50));
});

test('registering: a missing signed-for date is refused with the typed values kept; in person → 303 to the case', async () => {
  const bad = await cbr.post('/admin/requests/new', fields({ channel: 'registered_mail' }));
  assert.equal(bad.status, 422);
  assert.match(bad.text, /挂号信须填写签收日期/);
  assert.match(bad.text, /value="赵六"/);
  assert.match(bad.text, /id="f-channel-registered_mail" name="channel" value="registered_mail" checked/);

  const ok = await cbr.post('/admin/requests/new', fields());
  assert.equal(ok.status, 303);
  const m = /^\/admin\/requests\/(\d+)\?done=registered$/.exec(ok.location ?? '');
  assert.ok(m, ok.location ?? '');
  const row = await s.ctx.db.execute<{ status: string; channel: string; received_on: string; created_by: number }>(
    sql`select status, channel, received_on, created_by from request_cases where id = ${Number(m[1])}`);
  assert.equal(row.rows[0].status, 'handling');
  assert.equal(row.rows[0].channel, 'in_person');
  assert.equal(row.rows[0].received_on, today());

  const mail = await cbr.post('/admin/requests/new', fields({ channel: 'ordinary_mail', receivedOn: today(), receiptBasis: '电话与申请人确认' }));
  assert.equal(mail.status, 303);
  const forbidden = await cbr.post('/admin/requests/new', fields({ orgId: String(ids['县财政局']) }));
  assert.equal(forbidden.status, 403);
  assert.match(forbidden.text, /没有为该机关登记申请的权限/);
});

test('only registering roles reach the form', async () => {
  const shr = new Client(s.baseUrl);
  await shr.login('shr', s.password('shr'));
  assert.equal((await shr.get('/admin/requests/new')).status, 403);
  const anon = await new Client(s.baseUrl).get('/admin/requests/new');
  assert.ok(anon.status === 303 || anon.status === 401, String(anon.status));
});

test('confirm receipt of an online application: once, within the dates, in the clerk\'s organisation only', async () => {
  const app = (orgId: number): ApplicationInput => {
    const { channel: _c, receivedOn: _r, receiptBasis: _b, ...rest } = fields({ orgId: String(orgId) });
    return rest;
  };
  const r = await submitApplication(s.ctx, app(ids['县教体局']), { ip: null });
  assert.ok(r.ok);
  if (!r.ok) return;
  await cbr.get('/admin/requests/new'); // a page with a CSRF token
  const future = await cbr.post(`/admin/requests/${r.caseId}/confirm-receipt`, { receivedOn: '2999-01-01', version: '1' });
  assert.equal(future.status, 422);
  assert.match(future.text, /不能晚于今天/);
  const ok = await cbr.post(`/admin/requests/${r.caseId}/confirm-receipt`, { receivedOn: '', version: '1' });
  assert.equal(ok.status, 303);
  assert.equal(ok.location, `/admin/requests/${r.caseId}?done=confirmed`);
  const row = await s.ctx.db.execute<{ status: string; received_on: string }>(sql`select status, received_on from request_cases where id = ${r.caseId}`);
  assert.deepEqual(row.rows[0], { status: 'handling', received_on: today() });
  await cbr.get('/admin/requests/new');
  const again = await cbr.post(`/admin/requests/${r.caseId}/confirm-receipt`, { receivedOn: '', version: '2' });
  assert.equal(again.status, 409);
  assert.match(again.text, /不能重复确认/);

  const other = await submitApplication(s.ctx, { ...app(ids['县财政局']), infoDescription: '县财政局2025年部门决算公开表' }, { ip: null });
  assert.ok(other.ok);
  if (!other.ok) return;
  const denied = await cbr.post(`/admin/requests/${other.caseId}/confirm-receipt`, { receivedOn: '' });
  assert.equal(denied.status, 404);
  assert.equal((await cbr.post('/admin/requests/abc/confirm-receipt', { receivedOn: '' })).status, 404);
});

test('tracking-number format per organisation: the disclosure office sets it, a clerk cannot, bad formats are explained', async () => {
  const gkb = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  const page = await gkb.get('/admin/requests/settings');
  assert.equal(page.status, 200);
  assert.match(page.text, /\{year\}-\{org\}-\{seq:5\}（默认）/);
  const fin = String(ids['县财政局']);
  const bad = await gkb.post('/admin/requests/settings', { orgId: fin, trackingFormat: 'CZ{year}-{seq}' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /必须包含 \{org\} 或 \{orgCode\}/);
  assert.match(bad.text, /value="CZ\{year\}-\{seq\}"/);
  const ok = await gkb.post('/admin/requests/settings', { orgId: fin, trackingFormat: 'CZ{year}-{org}-{seq:4}' });
  assert.equal(ok.status, 303);
  const after = await gkb.get('/admin/requests/settings?done=saved');
  assert.match(after.text, new RegExp(`CZ\\d{4}-${fin.padStart(3, '0')}-0017`));
  assert.equal((await cbr.get('/admin/requests/settings')).status, 403);
  const r = await submitApplication(s.ctx, { ...fields({ orgId: fin, infoDescription: '县财政局2026年一般公共预算执行情况' }), channel: undefined } as ApplicationInput, { ip: null });
  assert.ok(r.ok && r.trackingNo.startsWith('CZ'), JSON.stringify(r));
});

test('rule set per organisation: the disclosure office selects the 鄂托克前旗2018 preset; new cases follow it, old ones keep theirs', async () => {
  const gkb = new Client(s.baseUrl);
  await gkb.login('gkb', s.password('gkb'));
  const edu = String(ids['县教体局']);
  const before = await cbr.post('/admin/requests/new', fields({ infoDescription: '规则变更前登记的申请' }));
  assert.equal(before.status, 303);
  const page = await gkb.get('/admin/requests/settings');
  assert.match(page.text, /鄂托克前旗人民政府依申请公开制度（2018）：答复15个工作日，延长不超过15个工作日，决定公开的10个工作日内提供/);
  const bad = await gkb.post('/admin/requests/settings/rules', { rulesOrgId: edu, ruleSet: '不存在的规则', leadDays: '99' });
  assert.equal(bad.status, 422);
  assert.match(bad.text, /请选择办理规则/);
  assert.match(bad.text, /0 至 15 之间的整数/);
  assert.match(bad.text, /name="leadDays" type="text" value="99"|value="99"/);
  assert.equal((await cbr.post('/admin/requests/settings/rules', { rulesOrgId: edu, ruleSet: '鄂托克前旗2018', leadDays: '3' })).status, 403);
  const ok = await gkb.post('/admin/requests/settings/rules', { rulesOrgId: edu, ruleSet: '鄂托克前旗2018', leadDays: '3' });
  assert.equal(ok.status, 303);
  assert.match((await gkb.get('/admin/requests/settings?done=rules')).text, /办理规则已保存/);

  // Registered in person on 2026-09-18: 15 working days under the preset → 2026-10-15 (中秋 9-25…27 and
  // 国庆 10-1…7 off; 9-20 and 10-10 worked);
  // the case registered before the change keeps 条例2019.
  const after = await cbr.post('/admin/requests/new', fields({ receivedOn: '2026-09-18', infoDescription: '规则变更后登记的申请' }));
  assert.equal(after.status, 303, after.text.slice(0, 300));
  const rows = await s.ctx.db.execute<{ info_description: string; rule_set: string; statutory_due_on: string; internal_due_on: string }>(
    sql`select info_description, rule_set, statutory_due_on, internal_due_on from request_cases where info_description like '规则变更%' order by id`);
  assert.deepEqual(rows.rows.map((r) => r.rule_set), ['条例2019', '鄂托克前旗2018']);
  assert.equal(rows.rows[1].statutory_due_on, '2026-10-15');
  assert.equal(rows.rows[1].internal_due_on, '2026-10-12', '3 working days before');
  const audit = await s.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'request.org_rules'`);
  assert.equal(audit.rows[0].n, 1);
});
