// Database tests of staff handling: every transition with its event and audit row, and the
// refusals (second 补正, 补正 after 7 working days, extension over the limit, a reply before
// approval, a stale form, another organisation), expiry to 6.1 / 6.2, transfer, and the clock pausing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import * as authRepo from '../auth/repo.ts';
import { listOrgs } from '../org/repo.ts';
import type { Principal } from '../auth/policy.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { extractText, getFile } from '../../platform/files/index.ts';
import { registerOffline, type ApplicationInput } from './intake.ts';
import {
  actOnReply, assignHandler, decideExtension, draftReply, endConsultation, expireOverdue, feePaid, receiveSupplement, requestExtension,
  sendCorrection, sendFeeNotice, startConsultation, submitReply, transferCase, uploadDocument, deliverDocument, type Caller,
} from './use-cases/index.ts';
import * as repo from './repo.ts';
import { insertRecord } from '../../../test/support/catalog-public.ts';

let t: TestDb;
const ids: Record<string, number> = {};
const users: Record<string, Principal> = {};
const as = (u: string): Caller => ({ user: users[u], ip: '10.0.0.9' });
const at = (date: string) => { t.ctx.now = () => new Date(`${date}T02:00:00Z`); };

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  at('2026-03-10'); // a Tuesday
  for (const o of await listOrgs(t.ctx.db)) ids[o.shortName ?? o.name] = o.id;
  for (const u of ['cbr', 'shr', 'sfr', 'gkb']) {
    const row = (await authRepo.findUserByUsername(t.ctx.db, u))!;
    users[u] = await authRepo.toPrincipal(t.ctx.db, row, 'session');
  }
});
after(() => t.drop());

let seq = 0;
const app = (p: ApplicationInput = {}): ApplicationInput => ({
  orgId: String(ids['县教体局']), applicantType: 'natural', applicantName: '王小明', idType: 'id_card', idNumber: '11010519491231002X',
  phone: '13812345678', email: 'wang@example.com', address: '云溪县城关镇人民路8号', postcode: '334600',
  infoDescription: `第${++seq}件：县教体局${2000 + seq}年度校舍维修项目的招标文件和中标结果（编号${seq}）`, forms: ['paper'], delivery: 'post', ...p,
});

async function newCase(p: ApplicationInput = {}, by = 'cbr'): Promise<number> {
  const r = await registerOffline(t.ctx, users[by], { ...app(p), channel: 'in_person' });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.caseId : 0;
}
const caseOf = async (id: number) => (await repo.findCase(t.ctx.db, id))!;
async function auditOf(action: string, id: number) {
  const r = await t.ctx.db.execute<{ actor_name: string; summary: Record<string, unknown> }>(
    sql`select actor_name, summary from audit_log where action = ${action} and entity_id = ${String(id)} order by id`);
  return r.rows;
}
const types = async (id: number) => (await repo.listEvents(t.ctx.db, id)).map((e) => e.type).filter((x) => x !== 'document');

test('assign: the handler must hold request.handle on the case organisation; stale form refused', async () => {
  at('2026-03-10');
  const id = await newCase();
  const c0 = await caseOf(id);
  const bad = await assignHandler(t.ctx, as('shr'), id, { handlerId: users.sfr.id, version: c0.version });
  assert.ok(!bad.ok && bad.reason === 'invalid' && /没有办理/.test(bad.fields!.handlerId!), JSON.stringify(bad));
  const clerkCannot = await assignHandler(t.ctx, as('cbr'), id, { handlerId: users.cbr.id });
  assert.ok(!clerkCannot.ok && clerkCannot.reason === 'forbidden');
  const ok = await assignHandler(t.ctx, as('shr'), id, { handlerId: users.cbr.id, version: c0.version });
  assert.ok(ok.ok, JSON.stringify(ok));
  const c1 = await caseOf(id);
  assert.equal(c1.handlerId, users.cbr.id);
  assert.equal(c1.version, c0.version + 1);
  assert.ok((await types(id)).includes('assigned'));
  assert.equal((await auditOf('request.assign', id)).length, 1);
  // The same form posted again (old version): refused, nothing written.
  const stale = await assignHandler(t.ctx, as('gkb'), id, { handlerId: users.gkb.id, version: c0.version });
  assert.ok(!stale.ok && stale.reason === 'stale' && /已被他人更新/.test(stale.message));
  assert.equal((await caseOf(id)).handlerId, users.cbr.id);
  assert.equal((await auditOf('request.assign', id)).length, 1);
});

test('another organisation: a clerk of 县教体局 cannot act on a 县财政局 case', async () => {
  at('2026-03-10');
  const id = await newCase({ orgId: String(ids['县财政局']) }, 'gkb');
  const r = await sendCorrection(t.ctx, as('cbr'), id, { content: '请说明年度' });
  assert.ok(!r.ok && r.reason === 'forbidden');
  const e = await requestExtension(t.ctx, as('cbr'), id, { days: 5, reason: '档案多' });
  assert.ok(!e.ok && e.reason === 'forbidden');
});

test('补正: notice once, within 7 working days; the applicant supplements; the clock restarts; a second 补正 is refused', async () => {
  at('2026-03-10');
  const id = await newCase();
  const before = await caseOf(id);
  assert.equal(before.receivedOn, '2026-03-10');
  const empty = await sendCorrection(t.ctx, as('cbr'), id, { content: '  ' });
  assert.ok(!empty.ok && empty.reason === 'invalid' && empty.fields!.content);
  at('2026-03-12');
  const sent = await sendCorrection(t.ctx, as('cbr'), id, { content: '请写明所需信息的具体项目名称和年度', version: before.version });
  assert.ok(sent.ok, JSON.stringify(sent));
  let c = await caseOf(id);
  assert.equal(c.status, 'awaiting_supplement');
  assert.equal(c.clockStopped, true);
  const docs = await repo.listDocuments(t.ctx.db, id);
  const notice = docs.find((d) => d.kind === 'correction_notice');
  assert.ok(notice && notice.visibleToApplicant, 'the 补正告知书 is generated and visible to the applicant');
  const file = await getFile(t.ctx.db, notice!.fileId, t.ctx.fieldCipher);
  assert.equal(file!.data.subarray(0, 2).toString(), 'PK');
  assert.equal((await auditOf('request.correction.send', id)).length, 1);

  // While awaiting the supplement no second notice can be sent either.
  const twiceWhileWaiting = await sendCorrection(t.ctx, as('cbr'), id, { content: '再补充' });
  assert.ok(!twiceWhileWaiting.ok);

  at('2026-03-16');
  const sup = await receiveSupplement(t.ctx, { applicant: true, ip: '203.0.113.7' }, id, { text: '所需信息为2025年城关小学校舍维修项目' });
  assert.ok(sup.ok, JSON.stringify(sup));
  c = await caseOf(id);
  assert.equal(c.status, 'handling');
  assert.equal(c.clockStopped, false);
  // 20 working days counted again from 2026-03-16.
  assert.equal(c.statutoryDueOn, '2026-04-14');
  const a = await auditOf('request.correction.receive', id);
  assert.equal(a[0].actor_name, '申请人');
  const again = await sendCorrection(t.ctx, as('cbr'), id, { content: '还需补正' });
  assert.ok(!again.ok && /一次性|第三十条/.test(again.message), JSON.stringify(again));
  assert.deepEqual((await types(id)).filter((x) => x.startsWith('correction')), ['correction_sent', 'correction_received']);
});

test('补正 after 7 working days of receipt is refused by the clock rules', async () => {
  at('2026-03-10');
  const id = await newCase();
  at('2026-03-20'); // 8 working days after receipt
  const r = await sendCorrection(t.ctx, as('cbr'), id, { content: '请说明年度' });
  assert.ok(!r.ok && r.reason === 'clock', JSON.stringify(r));
  assert.match(r.message, /7|七/);
  assert.equal((await caseOf(id)).status, 'handling');
  assert.equal((await auditOf('request.correction.send', id)).length, 0);
});

test('补正 not supplemented by the deadline: closed as 6.1 with a reply', async () => {
  at('2026-03-10');
  const id = await newCase();
  const r = await sendCorrection(t.ctx, as('cbr'), id, { content: '请说明年度', deadline: '2026-03-20' });
  assert.ok(r.ok);
  at('2026-03-20');
  assert.deepEqual((await expireOverdue(t.ctx)).correction.includes(id), false, 'not before the deadline has passed');
  at('2026-03-23');
  const out = await expireOverdue(t.ctx);
  assert.ok(out.correction.includes(id));
  const c = await caseOf(id);
  assert.equal(c.status, 'closed');
  assert.equal(c.outcome, '6.1');
  assert.equal(c.repliedOn, '2026-03-23');
  assert.ok(c.closedAt);
  assert.ok((await repo.listDocuments(t.ctx.db, id)).some((d) => d.kind === 'reply' && d.visibleToApplicant));
  assert.equal((await auditOf('request.correction.expire', id)).length, 1);
});

test('consultation pauses the clock; its end resumes it and moves the due date', async () => {
  at('2026-03-10');
  const id = await newCase();
  const before = (await caseOf(id)).statutoryDueOn;
  assert.equal(before, '2026-04-08');
  const bad = await startConsultation(t.ctx, as('cbr'), id, { reason: 'third_party', party: '' });
  assert.ok(!bad.ok && bad.fields!.party);
  at('2026-03-12');
  const s = await startConsultation(t.ctx, as('cbr'), id, { reason: 'third_party', party: '云溪县某建筑有限公司', content: '合同附件是否涉及商业秘密' });
  assert.ok(s.ok, JSON.stringify(s));
  let c = await caseOf(id);
  assert.equal(c.status, 'consulting');
  assert.equal(c.clockStopped, true);
  assert.ok((await repo.listDocuments(t.ctx.db, id)).some((d) => d.kind === 'third_party_letter'));
  at('2026-03-19');
  const e = await endConsultation(t.ctx, as('cbr'), id, { eventId: s.ok ? s.eventId : 0, result: 'opinion', opinion: '不同意公开合同附件中的银行账户' });
  assert.ok(e.ok, JSON.stringify(e));
  c = await caseOf(id);
  assert.equal(c.status, 'handling');
  assert.equal(c.clockStopped, false);
  assert.ok(c.statutoryDueOn! > before!, `${c.statutoryDueOn} should be after ${before}`);
  assert.equal((await auditOf('request.consult.start', id)).length, 1);
  assert.equal((await auditOf('request.consult.end', id)).length, 1);
});

test('fee notice: amount by the 109号文 bands, clock paused; paid resumes; unpaid by the deadline closes as 6.2', async () => {
  at('2026-03-10');
  const free = await newCase();
  const nothing = await sendFeeNotice(t.ctx, as('cbr'), free, { method: 'item', count: 5 });
  assert.ok(!nothing.ok && nothing.fields!.count, 'within the free allowance no notice is sent');
  const r = await sendFeeNotice(t.ctx, as('cbr'), free, { method: 'item', count: 15 });
  assert.ok(r.ok && r.yuan === 500, JSON.stringify(r)); // items 11–15 at ¥100 each
  let c = await caseOf(free);
  assert.equal(c.status, 'awaiting_fee');
  assert.equal(c.clockStopped, true);
  at('2026-03-13');
  assert.ok((await feePaid(t.ctx, as('cbr'), free, {})).ok);
  c = await caseOf(free);
  assert.equal(c.status, 'handling');
  assert.equal((await auditOf('request.fee.paid', free)).length, 1);

  at('2026-03-10');
  const unpaid = await newCase();
  const n = await sendFeeNotice(t.ctx, as('cbr'), unpaid, { method: 'page', count: 150 });
  assert.ok(n.ok && n.yuan > 0, JSON.stringify(n));
  at('2026-05-06');
  const out = await expireOverdue(t.ctx);
  assert.ok(out.fee.includes(unpaid));
  c = await caseOf(unpaid);
  assert.equal(c.status, 'closed');
  assert.equal(c.outcome, '6.2');
  assert.equal((await auditOf('request.fee.expire', unpaid)).length, 1);
});

test('extension: over the limit refused; pending extension blocks the reply; approved by the disclosure office only', async () => {
  at('2026-03-10');
  const id = await newCase();
  const over = await requestExtension(t.ctx, as('cbr'), id, { days: 25, reason: '档案数量多' });
  assert.ok(!over.ok && over.fields!.days && /20/.test(over.fields!.days), JSON.stringify(over));
  const req = await requestExtension(t.ctx, as('cbr'), id, { days: 10, reason: '所需信息涉及多个年度的档案' });
  assert.ok(req.ok, JSON.stringify(req));
  const eventId = req.ok ? req.eventId : 0;
  assert.ok((await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:1', text: '予以公开，见附件。' })).ok);
  const early = await submitReply(t.ctx, as('cbr'), id, {});
  assert.ok(!early.ok && /延期申请尚未审批/.test(early.message), JSON.stringify(early));
  const clerk = await decideExtension(t.ctx, as('cbr'), id, { eventId, approve: true });
  assert.ok(!clerk.ok && clerk.reason === 'forbidden');
  const due0 = (await caseOf(id)).statutoryDueOn!;
  const ok = await decideExtension(t.ctx, as('gkb'), id, { eventId, approve: true, opinion: '同意' });
  assert.ok(ok.ok, JSON.stringify(ok));
  const c = await caseOf(id);
  assert.ok(c.statutoryDueOn! > due0);
  assert.ok((await types(id)).includes('extension_approved'));
  assert.ok((await repo.listDocuments(t.ctx.db, id)).some((d) => d.kind === 'extension_notice' && d.visibleToApplicant));
  assert.equal((await auditOf('request.extension.approve', id)).length, 1);
  // Only 10 of 20 days remain: 15 more is over the limit.
  const more = await requestExtension(t.ctx, as('cbr'), id, { days: 15, reason: '仍需时间' });
  assert.ok(!more.ok && more.fields?.days, JSON.stringify(more));
});

test('reply: 部分公开 needs the withheld parts; 承办 → 审核 → 签发; the outcome is only set on signing', async () => {
  at('2026-03-10');
  const id = await newCase();
  const up = await uploadDocument(t.ctx, as('cbr'), id, { file: { name: '中标结果公告.txt', data: Buffer.from('中标结果：云溪县某建筑有限公司，中标价 120 万元。') } });
  assert.ok(up.ok, JSON.stringify(up));
  const missing = await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:2', text: '部分公开。' });
  assert.ok(!missing.ok && missing.fields!.withheld, JSON.stringify(missing));
  const badGround = await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:2', text: '部分公开。', withheld: [{ part: '银行账户', ground: '1', reason: '商业秘密' }] });
  assert.ok(!badGround.ok && badGround.fields!.withheldGround1);
  const d = await draftReply(t.ctx, as('cbr'), id, {
    choice: 'outcome:2', text: '经审查，您申请的信息部分公开，中标结果见附件。',
    withheld: [{ part: '合同附件中的银行账户信息', ground: '3.4', reason: '涉及第三方商业秘密，第三方不同意公开' }],
    provideDocIds: [up.ok ? up.documentId : 0],
  });
  assert.ok(d.ok, JSON.stringify(d));
  assert.equal((await caseOf(id)).outcome, null, 'a draft sets no outcome');
  const s = await submitReply(t.ctx, as('cbr'), id, { opinion: '拟部分公开' });
  assert.ok(s.ok, JSON.stringify(s));
  assert.equal((await caseOf(id)).status, 'reply_review');
  // The clerk cannot review; the department reviewer passes; the outcome is still not set.
  const clerk = await actOnReply(t.ctx, as('cbr'), id, { conclusion: 'pass' });
  assert.ok(!clerk.ok && clerk.reason === 'forbidden');
  const p1 = await actOnReply(t.ctx, as('shr'), id, { conclusion: 'pass', opinion: '同意', expectedStep: 1 });
  assert.ok(p1.ok, JSON.stringify(p1));
  let c = await caseOf(id);
  assert.equal(c.status, 'reply_review');
  assert.equal(c.outcome, null);
  const p2 = await actOnReply(t.ctx, as('sfr'), id, { conclusion: 'pass', opinion: '同意签发', expectedStep: 2 });
  assert.ok(p2.ok, JSON.stringify(p2));
  c = await caseOf(id);
  assert.equal(c.status, 'closed');
  assert.equal(c.outcome, '2');
  assert.equal(c.repliedOn, '2026-03-10');
  const docs = await repo.listDocuments(t.ctx.db, id);
  const reply = docs.find((x) => x.kind === 'reply');
  assert.ok(reply && reply.visibleToApplicant);
  assert.ok(docs.find((x) => x.kind === 'staff_upload')!.visibleToApplicant, 'the information provided goes with the reply');
  const replyText = await extractText((await getFile(t.ctx.db, reply!.fileId, t.ctx.fieldCipher))!.data, 'docx');
  assert.ok(replyText.ok);
  assert.match(replyText.text, /银行账户/);
  assert.equal((await auditOf('request.reply.sign', id)).length, 1);
  assert.ok((await types(id)).includes('replied'));
  // Delivery by post is recorded with its date (e-mail needs SMTP: refused with the reason, nothing recorded).
  const mail = await deliverDocument(t.ctx, as('cbr'), id, { documentId: reply!.id, method: 'email' });
  assert.ok(!mail.ok && /SMTP|邮件/.test(mail.message));
  const post = await deliverDocument(t.ctx, as('cbr'), id, { documentId: reply!.id, method: 'post', on: '2026-03-10', note: '挂号信 XA1' });
  assert.ok(post.ok, JSON.stringify(post));
  assert.equal((await repo.findDocument(t.ctx.db, id, reply!.id))!.deliveredVia, 'post');
  assert.equal((await auditOf('request.document.deliver', id)).length, 1);
});

test('reply returned by the reviewer goes back to handling with the opinion', async () => {
  at('2026-03-10');
  const id = await newCase();
  assert.ok((await draftReply(t.ctx, as('cbr'), id, { choice: 'answer:not_ours', text: '该信息不属于本机关负责公开。', agency: '云溪县自然资源局', agencyContact: '0793-5120050' })).ok);
  assert.ok((await submitReply(t.ctx, as('cbr'), id, {})).ok);
  const noOpinion = await actOnReply(t.ctx, as('shr'), id, { conclusion: 'return', opinion: '' });
  assert.ok(!noOpinion.ok);
  const r = await actOnReply(t.ctx, as('shr'), id, { conclusion: 'return', opinion: '请补充该机关的办公地址' });
  assert.ok(r.ok, JSON.stringify(r));
  const c = await caseOf(id);
  assert.equal(c.status, 'handling');
  assert.equal(c.outcome, null);
  const ev = (await repo.listEvents(t.ctx.db, id)).find((e) => e.type === 'reply_returned');
  assert.match(String(ev?.data.opinion), /办公地址/);
  // Resubmitting starts a new review instance.
  const again = await submitReply(t.ctx, as('cbr'), id, {});
  assert.ok(again.ok, JSON.stringify(again));
});

test('transfer to another organisation: org changes, handler cleared, reason recorded', async () => {
  at('2026-03-10');
  const id = await newCase();
  assert.ok((await assignHandler(t.ctx, as('shr'), id, { handlerId: users.cbr.id })).ok);
  const office = await transferCase(t.ctx, as('gkb'), id, { orgId: ids['县政府办'], reason: '办公室' });
  assert.ok(!office.ok && office.fields!.orgId, 'the government office does not receive applications');
  const noReason = await transferCase(t.ctx, as('gkb'), id, { orgId: ids['县财政局'], reason: '' });
  assert.ok(!noReason.ok && noReason.fields!.reason);
  const r = await transferCase(t.ctx, as('gkb'), id, { orgId: ids['县财政局'], reason: '所需信息由县财政局制作' });
  assert.ok(r.ok, JSON.stringify(r));
  const c = await caseOf(id);
  assert.equal(c.orgId, ids['县财政局']);
  assert.equal(c.handlerId, null);
  const ev = (await repo.listEvents(t.ctx.db, id)).find((e) => e.type === 'transferred');
  assert.equal(ev?.data.reason, '所需信息由县财政局制作');
  assert.equal((await auditOf('request.transfer', id)).length, 1);
  // The 县教体局 clerk no longer handles it.
  const e = await sendCorrection(t.ctx, as('cbr'), id, { content: 'x' });
  assert.ok(!e.ok && e.reason === 'forbidden');
});

test('inter-agency consultation: silence for 15 working days counts as consent; two consultations at once', async () => {
  at('2026-03-10');
  const id = await newCase();
  const a = await startConsultation(t.ctx, as('cbr'), id, { reason: 'inter_agency', party: '云溪县财政局' });
  const b = await startConsultation(t.ctx, as('cbr'), id, { reason: 'third_party', party: '云溪县某建筑有限公司' });
  assert.ok(a.ok && b.ok, JSON.stringify([a, b]));
  const early = await endConsultation(t.ctx, as('cbr'), id, { eventId: a.ok ? a.eventId : 0, result: 'no_reply' });
  assert.ok(!early.ok && /尚未届满/.test(early.fields!.result!), 'silence counts only after the 15 working days');
  at('2026-04-01');
  const noOpinion = await endConsultation(t.ctx, as('cbr'), id, { eventId: a.ok ? a.eventId : 0, result: 'opinion', opinion: '' });
  assert.ok(!noOpinion.ok && noOpinion.fields!.opinion);
  assert.ok((await endConsultation(t.ctx, as('cbr'), id, { eventId: a.ok ? a.eventId : 0, result: 'no_reply' })).ok);
  let c = await caseOf(id);
  assert.equal(c.status, 'consulting', 'still consulting while the third party has not answered');
  const end = (await repo.listEvents(t.ctx.db, id)).find((e) => e.type === 'pause_end');
  assert.match(String(end?.note), /视为同意/);
  const twice = await endConsultation(t.ctx, as('cbr'), id, { eventId: a.ok ? a.eventId : 0, result: 'no_reply' });
  assert.ok(!twice.ok);
  assert.ok((await endConsultation(t.ctx, as('cbr'), id, { eventId: b.ok ? b.eventId : 0, result: 'no_reply' })).ok);
  c = await caseOf(id);
  assert.equal(c.status, 'handling');
  assert.equal(c.clockStopped, false);
});

test('correction requests (更正) have their own outcomes and reply document', async () => {
  at('2026-03-10');
  const id = await newCase({ kind: 'correction', correctionDetail: '公示名单中本人的姓名“王小名”应为“王小明”' });
  const wrong = await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:1', text: '予以公开' });
  assert.ok(!wrong.ok && wrong.fields!.choice, 'disclosure outcomes are not offered for a correction request');
  assert.ok((await draftReply(t.ctx, as('cbr'), id, { choice: 'correction:corrected', text: '经核实，已将公示名单中的姓名更正。' })).ok);
  assert.ok((await submitReply(t.ctx, as('cbr'), id, {})).ok);
  assert.ok((await actOnReply(t.ctx, as('shr'), id, { conclusion: 'pass' })).ok);
  assert.ok((await actOnReply(t.ctx, as('sfr'), id, { conclusion: 'pass' })).ok);
  const c = await caseOf(id);
  assert.equal(c.status, 'closed');
  assert.equal(c.outcome, 'corrected');
  assert.ok((await repo.listDocuments(t.ctx.db, id)).some((d) => d.kind === 'correction_reply' && d.visibleToApplicant));
});

test('已主动公开 answer names published catalogue records by 索引号; unknown numbers are refused', async () => {
  at('2026-03-10');
  const published = await insertRecord(t.ctx.db, { orgId: ids['县教体局'], title: '云溪县教育体育局关于2025年校舍维修项目招标结果的公告' });
  const draftOnly = await insertRecord(t.ctx.db, { orgId: ids['县教体局'], status: 'draft' });
  const rec = { rows: [{ id: published.id, index_no: published.indexNo }] };
  const notPublished = await draftReply(t.ctx, as('cbr'), await newCase(), { choice: 'answer:published', text: '已公开。', published: draftOnly.indexNo });
  assert.ok(!notPublished.ok && notPublished.fields!.published, 'a draft record is not "published"');
  const id = await newCase();
  const unknown = await draftReply(t.ctx, as('cbr'), id, { choice: 'answer:published', text: '该信息已主动公开。', published: 'NO-SUCH-0001' });
  assert.ok(!unknown.ok && /NO-SUCH-0001/.test(unknown.fields!.published!), JSON.stringify(unknown));
  const ok = await draftReply(t.ctx, as('cbr'), id, { choice: 'answer:published', text: '该信息已主动公开，可在本机关网站查阅。', published: rec.rows[0].index_no });
  assert.ok(ok.ok, JSON.stringify(ok));
  const c = await caseOf(id);
  const d = (c.outcomeDetail as { draft: { outcome: string; answerKind: string; published: { id: number; title: string }[] } }).draft;
  assert.equal(d.outcome, '1');
  assert.equal(d.answerKind, 'published');
  assert.deepEqual(d.published.map((x) => x.id), [Number(rec.rows[0].id)]);
});

test('not yet received (online, unconfirmed): nothing can be handled before receipt is confirmed', async () => {
  at('2026-03-10');
  const { submitApplication } = await import('./intake.ts');
  const r = await submitApplication(t.ctx, app(), { ip: null });
  assert.ok(r.ok);
  const id = r.ok ? r.caseId : 0;
  for (const res of [
    await sendCorrection(t.ctx, as('cbr'), id, { content: '请说明' }),
    await requestExtension(t.ctx, as('cbr'), id, { days: 5, reason: 'x' }),
    await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:1', text: 'x' }),
  ]) assert.ok(!res.ok && res.reason === 'not_received' && /确认收到/.test(res.message), JSON.stringify(res));
});

test('the audit chain is intact after all transitions', async () => {
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
});

test('鄂托克前旗2018 preset: a decision to disclose without the information attached sets the 10-working-day provide date', async () => {
  at('2026-03-10');
  const id = await newCase();
  await t.ctx.db.execute(sql`update request_cases set rule_set = '鄂托克前旗2018' where id = ${id}`);
  const d = await draftReply(t.ctx, as('cbr'), id, { choice: 'outcome:1', text: '经审查，您申请的信息予以公开，将在规定期限内提供。' });
  assert.ok(d.ok, JSON.stringify(d));
  assert.ok((await submitReply(t.ctx, as('cbr'), id, {})).ok);
  assert.ok((await actOnReply(t.ctx, as('shr'), id, { conclusion: 'pass', expectedStep: 1 })).ok);
  assert.ok((await actOnReply(t.ctx, as('sfr'), id, { conclusion: 'pass', expectedStep: 2 })).ok);
  const replied = (await repo.listEvents(t.ctx.db, id)).find((e) => e.type === 'replied')!;
  // 2026-03-10 (Tue) + 10 working days = 2026-03-24 (Tue).
  assert.equal(replied.data.provideBy, '2026-03-24');
  assert.match(replied.publicNote ?? '', /决定公开的信息应于2026-03-24前提供（《鄂托克前旗人民政府依申请公开制度》第二条/);
});
