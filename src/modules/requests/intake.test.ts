// Database tests of the intake use cases: online submission, offline registration per channel,
// confirming receipt, tracking numbers and query codes, duplicates, personal data at rest and its
// audited full view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { runPendingJobs } from '../../../test/support/jobs.ts';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import type { Principal } from '../auth/policy.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { confirmReceipt, ensureReceipt, registerOffline, submitApplication, findCaseByCode, type ApplicationInput } from './intake.ts';
import { saveTrackingFormat } from './org-settings.ts';
import { applicantView, revealApplicant } from './pii.ts';

let t: TestDb;
const ids: Record<string, number> = {};
const users: Record<string, Principal> = {};

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  // Tuesday 2026-03-10, 10:00 in Beijing.
  t.ctx.now = () => new Date('2026-03-10T02:00:00Z');
  for (const o of await listOrgs(t.ctx.db)) ids[o.shortName ?? o.name] = o.id;
  for (const u of ['cbr', 'shr', 'gkb', 'admin']) {
    const row = (await authRepo.findUserByUsername(t.ctx.db, u))!;
    users[u] = await authRepo.toPrincipal(t.ctx.db, row, 'session');
  }
});
after(() => t.drop());

const app = (p: ApplicationInput = {}): ApplicationInput => ({
  orgId: String(ids['县教体局']), applicantType: 'natural', applicantName: '张三丰', idType: 'id_card', idNumber: '11010519491231002X',
  phone: '13812345678', email: 'zhangsan@example.com', address: '云溪县城关镇人民路8号', postcode: '334600',
  infoDescription: '2025年县级义务教育学校校舍维修项目的招标文件和中标结果', forms: ['paper'], delivery: 'post', ...p,
});

async function row(id: number) {
  const r = await t.ctx.db.execute<Record<string, unknown>>(sql`select * from request_cases where id = ${id}`);
  return r.rows[0]!;
}
async function auditOf(action: string, id: number) {
  const r = await t.ctx.db.execute<{ actor_name: string; summary: Record<string, unknown>; ip: string | null }>(
    sql`select actor_name, summary, ip from audit_log where action = ${action} and entity_id = ${String(id)}`);
  return r.rows;
}

test('online submission: tracking number, query code, status submitted without receipt date, event and audit', async () => {
  const r = await submitApplication(t.ctx, app(), { ip: '203.0.113.5' });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  const org = String(ids['县教体局']).padStart(3, '0');
  assert.equal(r.trackingNo, `2026-${org}-00001`);
  assert.match(r.queryCode, /^[A-HJKMNP-Z2-9]{5}-[A-HJKMNP-Z2-9]{5}$/);
  const c = await row(r.caseId);
  assert.equal(c.status, 'submitted');
  assert.equal(c.channel, 'online');
  assert.equal(c.received_on, null);
  assert.equal(c.statutory_due_on, null, 'no clock before receipt is confirmed');
  assert.equal(c.rule_set, '条例2019');
  assert.equal(c.info_description, '2025年县级义务教育学校校舍维修项目的招标文件和中标结果');
  // Personal data only encrypted; the query code only hashed.
  const flat = JSON.stringify(c);
  for (const secret of ['张三丰', '11010519491231002X', '13812345678', 'zhangsan@example.com', '人民路8号', r.queryCode.replace('-', '')]) {
    assert.ok(!flat.includes(secret), `${secret} stored in clear`);
  }
  assert.equal(c.id_number_bidx, t.ctx.fieldCipher.blindIndex('11010519491231002x'));
  const ev = await t.ctx.db.execute<{ type: string; occurred_on: string; public_note: string }>(sql`select type, occurred_on, public_note from request_events where case_id = ${r.caseId} and type <> 'document'`);
  assert.deepEqual(ev.rows.map((e) => [e.type, e.occurred_on]), [['submitted', '2026-03-10']]);
  const a = await auditOf('request.submit', r.caseId);
  assert.equal(a.length, 1);
  assert.equal(a[0].actor_name, '申请人');
  assert.equal(a[0].ip, '203.0.113.5');
  assert.ok(!JSON.stringify(a[0].summary).includes('张三丰'), 'no personal data in the audit log');
  assert.deepEqual(await verifyAudit(t.ctx.db), { ok: true, rows: (await verifyAudit(t.ctx.db)).rows });

  // The query code finds the case; a wrong code and an unknown number both give null.
  assert.equal(await findCaseByCode(t.ctx.db, r.trackingNo, r.queryCode), r.caseId);
  assert.equal(await findCaseByCode(t.ctx.db, ` ${r.trackingNo.toLowerCase()} `, r.queryCode.toLowerCase().replace('-', ' ')), r.caseId);
  const wrong = r.queryCode.slice(0, -1) + (r.queryCode.endsWith('A') ? 'B' : 'A');
  assert.equal(await findCaseByCode(t.ctx.db, r.trackingNo, wrong), null);
  assert.equal(await findCaseByCode(t.ctx.db, '2026-999-00001', r.queryCode), null);
  assert.equal(await findCaseByCode(t.ctx.db, '', ''), null);
});

test('invalid submission: nothing saved, messages per field', async () => {
  const before = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases`);
  const r = await submitApplication(t.ctx, app({ idNumber: '110105194912310021', phone: '' }), { ip: null });
  assert.equal(r.ok, false);
  if (r.ok) return;
  assert.match(r.fields.idNumber!, /校验码/);
  assert.match(r.fields.phone!, /联系电话/);
  const unknownOrg = await submitApplication(t.ctx, app({ orgId: '999999' }), { ip: null });
  assert.ok(!unknownOrg.ok && /不受理/.test(unknownOrg.fields.orgId!));
  const office = await submitApplication(t.ctx, app({ orgId: String(ids['县政府办']) }), { ip: null });
  assert.ok(!office.ok, 'the government office (kind office) is not a receiving organisation');
  const after = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases`);
  assert.equal(after.rows[0].n, before.rows[0].n);
  // The rejected attempts did not consume numbers: the counter is gap-free.
  const c = await t.ctx.db.execute<{ last_seq: number }>(sql`select last_seq from request_counters where org_id = ${ids['县教体局']} and year = 2026`);
  assert.equal(c.rows[0].last_seq, 1);
});

test('concurrent submissions get consecutive numbers without gaps or duplicates', async () => {
  const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => submitApplication(t.ctx, app({ infoDescription: `第${i}号 不同内容的申请 ${'甲乙丙丁戊己庚辛'[i]}${i}`, idNumber: '110101199003070011' }), { ip: null })));
  const nos = rs.map((r) => (r.ok ? r.trackingNo : 'fail')).sort();
  const org = String(ids['县教体局']).padStart(3, '0');
  assert.deepEqual(nos, Array.from({ length: 8 }, (_, i) => `2026-${org}-${String(i + 2).padStart(5, '0')}`));
});

test('repeated application within 6 months is marked as duplicate_of (not refused)', async () => {
  const first = await submitApplication(t.ctx, app({ idNumber: '110105194912310029'.slice(0, 17) + 'X', infoDescription: '青石镇2025年农村低保对象名单及审批表' }), { ip: null });
  // 11010519491231002X again, with a near-identical description.
  assert.ok(first.ok);
  const again = await submitApplication(t.ctx, app({ infoDescription: '2025年县级义务教育学校校舍维修项目招标文件及中标结果' }), { ip: null });
  assert.ok(again.ok && first.ok);
  if (!again.ok) return;
  const c = await row(again.caseId);
  const original = await t.ctx.db.execute<{ id: number }>(sql`select id from request_cases where tracking_no like '%-00001'`);
  assert.equal(c.duplicate_of_id, original.rows[0].id);
  const other = await submitApplication(t.ctx, app({ idNumber: '110101199003070011', infoDescription: '县自然资源局2025年土地征收补偿标准' }), { ip: null });
  assert.ok(other.ok);
  if (other.ok) assert.equal((await row(other.caseId)).duplicate_of_id, null);
});

test('offline registration: receipt date by channel, status handling, audited; staff only for their organisation', async () => {
  const cbr = users.cbr;
  const inPerson = await registerOffline(t.ctx, cbr, { ...app(), channel: 'in_person' }, { ip: '10.0.0.2' });
  assert.ok(inPerson.ok, JSON.stringify(inPerson));
  if (!inPerson.ok) return;
  let c = await row(inPerson.caseId);
  assert.equal(c.status, 'handling');
  assert.equal(c.received_on, '2026-03-10');
  assert.match(String(c.receipt_basis), /当面提交：以提交之日为收到申请之日/);
  assert.equal(c.created_by, cbr.id);
  // The clock started (clock.ts): 20 working days after 2026-03-10, over 清明 (04-04 … 04-06).
  assert.equal(c.statutory_due_on, '2026-04-08');
  const a = await auditOf('request.register', inPerson.caseId);
  assert.equal(a[0].actor_name, 'cbr');

  const mail = await registerOffline(t.ctx, cbr, { ...app(), channel: 'registered_mail', receivedOn: '2026-03-06', receiptBasis: '挂号信 XA123456789CN' });
  assert.ok(mail.ok);
  if (mail.ok) {
    c = await row(mail.caseId);
    assert.equal(c.received_on, '2026-03-06');
    assert.match(String(c.receipt_basis), /签收之日.*XA123456789CN/);
  }
  const noDate = await registerOffline(t.ctx, cbr, { ...app(), channel: 'registered_mail' });
  assert.ok(!noDate.ok && /签收日期/.test(noDate.fields.receivedOn!));
  const future = await registerOffline(t.ctx, cbr, { ...app(), channel: 'fax', receivedOn: '2026-03-11' });
  assert.ok(!future.ok && /晚于今天/.test(future.fields.receivedOn!));
  const online = await registerOffline(t.ctx, cbr, { ...app(), channel: 'online' });
  assert.ok(!online.ok && /申请方式/.test(online.fields.channel!));
  const oral = await registerOffline(t.ctx, cbr, { ...app(), channel: 'oral', receivedOn: '2026-03-09' });
  assert.ok(oral.ok);
  if (oral.ok) {
    const ev = await t.ctx.db.execute<{ type: string; occurred_on: string; note: string }>(sql`select type, occurred_on, note from request_events where case_id = ${oral.caseId}`);
    assert.equal(ev.rows[0].type, 'registered');
    assert.equal(ev.rows[0].occurred_on, '2026-03-09');
    assert.match(ev.rows[0].note, /代为填写/);
  }
  // cbr is a clerk of 县教体局 only.
  const elsewhere = await registerOffline(t.ctx, cbr, { ...app({ orgId: String(ids['县财政局']) }), channel: 'in_person' });
  assert.ok(!elsewhere.ok);
  if (!elsewhere.ok) assert.equal(elsewhere.reason, 'forbidden');
});

test('confirm receipt of an online application: date between submission and today, once, audited', async () => {
  t.ctx.now = () => new Date('2026-03-06T02:00:00Z');
  const r = await submitApplication(t.ctx, app({ infoDescription: '县教体局2026年部门预算公开说明中的三公经费明细' }), { ip: null });
  t.ctx.now = () => new Date('2026-03-10T02:00:00Z');
  assert.ok(r.ok);
  if (!r.ok) return;
  const early = await confirmReceipt(t.ctx, users.cbr, r.caseId, '2026-03-05');
  assert.ok(!early.ok && /不能早于申请提交日期（2026-03-06）/.test(early.message));
  const late = await confirmReceipt(t.ctx, users.cbr, r.caseId, '2026-03-11');
  assert.ok(!late.ok && /晚于今天/.test(late.message));
  const otherOrg = await confirmReceipt(t.ctx, users.shr, r.caseId, '2026-03-09');
  assert.equal(otherOrg.ok, false, 'a dept reviewer cannot register / confirm');
  const stale = await confirmReceipt(t.ctx, users.cbr, r.caseId, '2026-03-09', { version: 7 });
  assert.ok(!stale.ok && stale.reason === 'conflict');
  const ok = await confirmReceipt(t.ctx, users.cbr, r.caseId, '2026-03-09', { ip: '10.0.0.3' });
  assert.deepEqual(ok, { ok: true });
  const c = await row(r.caseId);
  assert.equal(c.status, 'handling');
  assert.equal(c.received_on, '2026-03-09');
  assert.ok(Number(c.version) >= 2);
  assert.equal(c.statutory_due_on, '2026-04-07', '20 working days after 2026-03-09');
  assert.equal((await auditOf('request.receive', r.caseId)).length, 1);
  const again = await confirmReceipt(t.ctx, users.cbr, r.caseId, '2026-03-09');
  assert.ok(!again.ok && /不能重复确认/.test(again.message));
  const ev = await t.ctx.db.execute<{ type: string; occurred_on: string }>(sql`select type, occurred_on from request_events where case_id = ${r.caseId} and type <> 'document' order by id`);
  assert.deepEqual(ev.rows.map((e) => `${e.type} ${e.occurred_on}`), ['submitted 2026-03-06', 'received 2026-03-09']);
});

test('applicant data masked by default; full view only for the handler or the disclosure office, audited', async () => {
  const r = await submitApplication(t.ctx, app({ infoDescription: '城关镇第二小学扩建工程环境影响评价文件' }), { ip: null });
  assert.ok(r.ok);
  if (!r.ok) return;
  const c = await t.ctx.db.execute<Record<string, unknown>>(sql`select applicant_type as "applicantType", applicant_name_enc as "applicantNameEnc",
    contact_name_enc as "contactNameEnc", id_type as "idType", id_number_enc as "idNumberEnc", phone_enc as "phoneEnc", email_enc as "emailEnc",
    address_enc as "addressEnc", postcode from request_cases where id = ${r.caseId}`);
  const masked = applicantView(t.ctx, c.rows[0] as never, false);
  assert.equal(masked.idNumber, '1101**********002X');
  assert.equal(masked.name, '张**');
  assert.equal(masked.phone, '138****5678');
  assert.equal(masked.email, 'zh******@example.com');
  assert.equal(masked.address, '云溪县城关镇****');
  assert.equal(masked.full, false);

  // Not the handler yet: the clerk may not reveal; the disclosure office may.
  const clerk = await revealApplicant(t.ctx, users.cbr, r.caseId, '10.0.0.4');
  assert.ok(!clerk.ok && clerk.reason === 'forbidden');
  const office = await revealApplicant(t.ctx, users.gkb, r.caseId, '10.0.0.5');
  assert.ok(office.ok);
  if (office.ok) {
    assert.equal(office.idNumber, '11010519491231002X');
    assert.equal(office.name, '张三丰');
  }
  await t.ctx.db.execute(sql`update request_cases set handler_id = ${users.cbr.id} where id = ${r.caseId}`);
  const handler = await revealApplicant(t.ctx, users.cbr, r.caseId, '10.0.0.4');
  assert.ok(handler.ok && handler.phone === '13812345678');
  const reviewer = await revealApplicant(t.ctx, users.shr, r.caseId, null);
  assert.ok(!reviewer.ok);
  const a = await auditOf('request.pii_view', r.caseId);
  assert.deepEqual(a.map((x) => x.actor_name).sort(), ['cbr', 'gkb']);
  assert.ok(!JSON.stringify(a).includes('张三丰') && !JSON.stringify(a).includes('1381234'));
  assert.equal((await revealApplicant(t.ctx, users.gkb, 987654, null)).ok, false);
});

test('organisation format for tracking numbers', async () => {
  const orgId = ids['县财政局'];
  const bad = await saveTrackingFormat(t.ctx, users.gkb, orgId, '{year}-{seq}');
  assert.ok(!bad.ok && /\{org\}/.test(bad.message));
  assert.equal((await saveTrackingFormat(t.ctx, users.cbr, orgId, 'CZ{year}{org}{seq:3}')).ok, false, 'a clerk cannot');
  assert.deepEqual(await saveTrackingFormat(t.ctx, users.gkb, orgId, 'CZ{year}-{org}-{seq:3}'), { ok: true });
  const r = await submitApplication(t.ctx, app({ orgId: String(orgId), infoDescription: '县财政局2025年政府采购意向公开目录' }), { ip: null });
  assert.ok(r.ok && r.trackingNo === `CZ2026-${String(orgId).padStart(3, '0')}-001`, JSON.stringify(r));
});

test('the 登记回执 is generated once by the job queued with the application, visible to the applicant, and rebuilt when missing', async () => {
  const r = await submitApplication(t.ctx, app({ infoDescription: '县教体局2025年校车采购项目的采购合同' }), { ip: null });
  assert.ok(r.ok);
  if (!r.ok) return;
  const docs = async () => (await t.ctx.db.execute<{ id: number; visible: boolean }>(sql`select id, visible_to_applicant as visible from request_documents where case_id = ${r.caseId} and kind = 'receipt'`)).rows;
  assert.equal((await docs()).length, 0, 'built by the job, not in the request');
  const queued = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from pgboss.job where name = 'requests.receipt' and (data->>'caseId')::int = ${r.caseId}`);
  assert.equal(queued.rows[0]!.n, 1, 'one receipt job, committed with the application');
  await runPendingJobs(t.ctx, { only: ['requests.receipt'] });
  const first = await docs();
  assert.equal(first.length, 1);
  assert.equal(first[0].visible, true);
  assert.deepEqual(await ensureReceipt(t.ctx, r.caseId), { documentId: first[0].id }, 'a second call returns the same receipt');
  await t.ctx.db.execute(sql`delete from request_documents where case_id = ${r.caseId}`);
  const again = await Promise.all([ensureReceipt(t.ctx, r.caseId), ensureReceipt(t.ctx, r.caseId)]);
  assert.equal(again[0]?.documentId, again[1]?.documentId, 'two concurrent calls build one receipt');
  assert.equal((await docs()).length, 1);
  assert.equal(await ensureReceipt(t.ctx, 987654), null);
});
