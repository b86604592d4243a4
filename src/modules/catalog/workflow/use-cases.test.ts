// Database tests of the review workflow: submit, the chain with 保密审查 and findings, publication
// with redaction, return and resubmission, refusal and 复查, concurrency, withdrawal, 征求意见 and
// interpretation deadlines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import * as authRepo from '../../auth/repo.ts';
import { listOrgs } from '../../org/repo.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import type { RecordForm } from '../domain.ts';
import { createRecord } from '../use-cases/createRecord.ts';
import { updateRecord } from '../use-cases/updateRecord.ts';
import type { Caller } from '../use-cases/shared.ts';
import * as wrepo from '../repo.workflow.ts';
import * as review from '../../review/use-cases.ts';
import {
  createInterpretation, decideCoordination, recheckRecord, replyCoordination, reviewRecord, savePlan, sendCoordination,
  submitRecord, withdrawRecord, SUBJECT,
} from './use-cases.ts';
import { resolveFinding } from './resolve.ts';

let t: TestDb;
const u: Record<string, Caller> = {};
const ids: Record<string, number> = {};

async function caller(username: string): Promise<Caller> {
  const x = (await authRepo.findUserByUsername(t.ctx.db, username))!;
  return { user: await authRepo.toPrincipal(t.ctx.db, x, 'session'), ip: '127.0.0.1' };
}

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2024-06-14T04:00:00Z'); // Friday noon in Beijing
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr', 'gkb']) u[n] = await caller(n);
  for (const o of await listOrgs(t.ctx.db)) ids[o.shortName ?? o.name] = o.id;
});
after(() => t.drop());

const form = (patch: Partial<RecordForm> = {}): Partial<RecordForm> => ({
  title: '云溪县教育体育局关于2024年秋季学期学生资助工作的通知', generatedOn: '2024-06-11', category: 'gzxx', keywords: '学生资助 秋季学期',
  body: '各学校：现将有关事项通知如下。', ...patch,
});

async function draft(patch: Partial<RecordForm> = {}): Promise<number> {
  const r = await createRecord(t.ctx, u.cbr, { orgId: ids['县教体局'], form: form(patch) });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.id : 0;
}

const step = async (id: number) => (await review.latestInstance(t.ctx.db, SUBJECT, id))!.currentStep;
const rec = async (id: number) => (await wrepo.findWorkflow(t.ctx.db, id))!;
const SECRECY_OK = { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' };

async function pass(who: string, id: number, secrecy?: Record<string, string>) {
  const r = await reviewRecord(t.ctx, u[who], id, { conclusion: 'pass', opinion: '同意', expectedStep: await step(id), secrecy });
  assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
  return r;
}

test('a 规范性文件 without an interpretation plan is refused with the missing parts named', async () => {
  const id = await draft({ docType: 'normative', title: '云溪县教育体育局关于规范校外培训机构管理的通知' });
  const r = await submitRecord(t.ctx, u.cbr, id);
  assert.equal(r.ok, false);
  if (!r.ok) { assert.equal(r.reason, 'plan_required'); assert.match(r.message, /行政规范性文件须同步报送政策解读方案.*解读提纲、解读形式、发布途径、计划发布时间/); }
  assert.equal((await rec(id)).status, 'draft');
  const bad = await savePlan(t.ctx, u.cbr, id, { outline: '一、背景', form: '政策问答', channel: '', date: '2024-06-20' });
  assert.ok(!bad.ok && bad.fields?.channel);
  assert.ok((await savePlan(t.ctx, u.cbr, id, { outline: '一、背景 二、要点', form: '政策问答', channel: '县政府网站', date: '2024-06-20' })).ok);
  const ok = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal((await rec(id)).status, 'in_review');
});

test('full chain: findings block 保密审查 until resolved; publication shows the mask and keeps the original internal', async () => {
  const id = await draft({ body: '各学校：\n资助咨询联系人：王小明，电话 13912345678。\n现将有关事项通知如下。' });
  const s = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(s.ok && s.findings >= 1, JSON.stringify(s));
  // Locked while in review.
  const edit = await updateRecord(t.ctx, u.cbr, { id, version: (await rec(id)).version, form: form() });
  assert.ok(!edit.ok && edit.reason === 'locked');
  // The clerk cannot act on the next step; shr can.
  const wrong = await reviewRecord(t.ctx, u.cbr, id, { conclusion: 'pass', opinion: '', expectedStep: await step(id) });
  assert.ok(!wrong.ok && wrong.reason === 'not_eligible');
  await pass('shr', id);
  // 保密审查: the written record is required, and the findings must be resolved.
  const noForm = await reviewRecord(t.ctx, u.bmsc, id, { conclusion: 'pass', opinion: '', expectedStep: await step(id), secrecy: {} });
  assert.ok(!noForm.ok && noForm.fields?.basis && noForm.fields?.disclosure);
  const blocked = await reviewRecord(t.ctx, u.bmsc, id, { conclusion: 'pass', opinion: '', expectedStep: await step(id), secrecy: SECRECY_OK });
  assert.ok(!blocked.ok && blocked.reason === 'findings', JSON.stringify(blocked));
  const findings = await wrepo.listFindings(t.ctx.db, id);
  assert.ok(findings.some((f) => f.kind === 'mobile'));
  for (const f of findings) assert.ok(!f.excerpt.includes('13912345678'), 'excerpts are masked');
  const noReason = await resolveFinding(t.ctx, u.bmsc, id, findings[0].id, { resolution: 'accept', reason: '' });
  assert.ok(!noReason.ok);
  const byClerk = await resolveFinding(t.ctx, u.cbr, id, findings[0].id, { resolution: 'redact', reason: '' });
  assert.ok(!byClerk.ok && byClerk.reason === 'forbidden');
  for (const f of findings) assert.ok((await resolveFinding(t.ctx, u.bmsc, id, f.id, { resolution: 'redact', reason: '' })).ok);
  await pass('bmsc', id, SECRECY_OK);
  const sr = await wrepo.listSecrecyReviews(t.ctx.db, { scope: [ids['县教体局']], recordId: id });
  assert.equal(sr.length, 1);
  assert.equal(sr[0].reviewerName, '程守一');
  assert.equal(sr[0].conclusion, 'active');
  assert.match(sr[0].docNoOrSummary, /资助咨询联系人/);
  assert.doesNotMatch(sr[0].docNoOrSummary, /13912345678/, 'the kept summary is masked');
  const done = await pass('sfr', id);
  assert.ok(done.ok && done.status === 'published');
  const row = (await t.ctx.db.execute<{ body: string; body_public: string; status: string; published_at: string | null }>(
    sql`select body, body_public, status, published_at from catalog_records where id = ${id}`)).rows[0];
  assert.ok(row.body.includes('13912345678'), 'original kept internally');
  assert.ok(!row.body_public.includes('13912345678'), 'public version masked');
  assert.ok(row.published_at);
  const hist = await review.history(t.ctx.db, (await rec(id)).reviewInstanceId!);
  assert.deepEqual(hist.map((h) => h.conclusion), ['submit', 'pass', 'pass', 'pass']);
});

test('a new finding at 单位审发 blocks publication and is stored for the reviewers', async () => {
  const id = await draft();
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  await pass('shr', id);
  await pass('bmsc', id, SECRECY_OK);
  // Text changed behind the chain's back (e.g. an attachment's text re-extracted): the final scan catches it.
  await t.ctx.db.execute(sql`update catalog_records set body = body || ' 举报人电话 13712345678' where id = ${id}`);
  const r = await reviewRecord(t.ctx, u.sfr, id, { conclusion: 'pass', opinion: '', expectedStep: await step(id) });
  assert.ok(!r.ok && r.reason === 'findings', JSON.stringify(r));
  assert.equal((await rec(id)).status, 'in_review');
  assert.ok((await wrepo.listFindings(t.ctx.db, id)).some((f) => !f.resolution && f.kind === 'mobile'));
});

test('the other public fields are scanned: a finding there is kept with a reason or sent back for editing, never masked', async () => {
  const id = await draft({ description: '咨询联系人手机 13812345678', responsibleDept: '学生资助管理中心' });
  const s = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(s.ok && s.findings === 1, JSON.stringify(s));
  const [f] = await wrepo.listFindings(t.ctx.db, id);
  assert.equal(f.source, 'description');
  assert.equal(f.kind, 'mobile');
  await pass('shr', id);
  const masked = await resolveFinding(t.ctx, u.bmsc, id, f.id, { resolution: 'redact', reason: '' });
  assert.ok(!masked.ok && masked.reason === 'invalid' && /退回修改/.test(masked.message), JSON.stringify(masked));
  // Sent back: the clerk removes the number and resubmits; the new scan finds nothing.
  const back = await reviewRecord(t.ctx, u.bmsc, id, { conclusion: 'return', opinion: '内容描述中有个人手机号码，请删除。', expectedStep: await step(id) });
  assert.ok(back.ok && back.status === 'returned', JSON.stringify(back));
  const e = await updateRecord(t.ctx, u.cbr, { id, version: (await rec(id)).version, form: form({ description: '学生资助政策咨询' }) });
  assert.ok(e.ok, JSON.stringify(e));
  const again = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(again.ok && again.findings === 0, JSON.stringify(again));
});

test('return → editable → resubmission starts a new instance', async () => {
  const id = await draft();
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  const first = (await rec(id)).reviewInstanceId;
  const noOpinion = await reviewRecord(t.ctx, u.shr, id, { conclusion: 'return', opinion: ' ', expectedStep: await step(id) });
  assert.ok(!noOpinion.ok && noOpinion.fields?.opinion);
  const r = await reviewRecord(t.ctx, u.shr, id, { conclusion: 'return', opinion: '请补充资助标准。', expectedStep: await step(id) });
  assert.ok(r.ok && r.status === 'returned');
  const cur = (await rec(id));
  const e = await updateRecord(t.ctx, u.cbr, { id, version: cur.version, form: form({ body: '补充后的正文。' }) });
  assert.ok(e.ok, JSON.stringify(e));
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  assert.notEqual((await rec(id)).reviewInstanceId, first);
  assert.equal((await rec(id)).status, 'in_review');
});

test('不予公开 at 保密审查 → withheld with ground and 复查 date; 复查 keeps it or 解密 returns it to draft', async () => {
  const id = await draft();
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  await pass('shr', id);
  const bad = await reviewRecord(t.ctx, u.bmsc, id, { conclusion: 'refuse', opinion: '涉及个人隐私', expectedStep: await step(id), secrecy: { disclosure: 'withheld', basis: '条例第十五条' } });
  assert.ok(!bad.ok && bad.fields?.ground && bad.fields?.recheckOn);
  const r = await reviewRecord(t.ctx, u.bmsc, id, {
    conclusion: 'refuse', opinion: '涉及个人隐私', expectedStep: await step(id),
    secrecy: { disclosure: 'withheld', ground: 'privacy', reason: '含学生家庭经济状况', basis: '条例第十五条', recheckOn: '2025-06-14' },
  });
  assert.ok(r.ok && r.status === 'withheld', JSON.stringify(r));
  const w = await rec(id);
  assert.equal(w.disclosure, 'withheld');
  assert.equal(w.withheldGround, 'privacy');
  assert.equal(w.recheckOn, '2025-06-14');
  const due = await wrepo.recheckDue(t.ctx.db, [ids['县教体局']], '2025-07-01');
  assert.ok(due.some((x) => x.id === id));
  const denied = await recheckRecord(t.ctx, u.cbr, id, { action: 'keep', basis: 'x', recheckOn: '2026-06-14' });
  assert.ok(!denied.ok && denied.reason === 'forbidden');
  assert.ok((await recheckRecord(t.ctx, u.bmsc, id, { action: 'keep', basis: '仍涉及个人隐私', recheckOn: '2026-06-14' })).ok);
  assert.equal((await rec(id)).recheckOn, '2026-06-14');
  assert.ok((await recheckRecord(t.ctx, u.gkb, id, { action: 'declassify', basis: '当事人同意公开', recheckOn: '' })).ok);
  assert.equal((await rec(id)).status, 'draft');
  assert.equal((await wrepo.listSecrecyReviews(t.ctx.db, { scope: [ids['县教体局']], recordId: id })).length, 3);
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok, 'goes through the chain again');
});

test('two reviewers at once: one wins, the other is told someone else acted; a stale form is refused', async () => {
  const id = await draft();
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  const s = await step(id);
  const gkbAsReviewer = u.shr; // the same person twice at once: still exactly one action recorded
  const [a, b] = await Promise.all([
    reviewRecord(t.ctx, u.shr, id, { conclusion: 'pass', opinion: '', expectedStep: s }),
    reviewRecord(t.ctx, gkbAsReviewer, id, { conclusion: 'return', opinion: '退回', expectedStep: s }),
  ]);
  const oks = [a, b].filter((x) => x.ok);
  assert.equal(oks.length, 1, JSON.stringify([a, b]));
  const loser = [a, b].find((x) => !x.ok)!;
  assert.ok(!loser.ok && loser.reason === 'stale' && /他人处理/.test(loser.message), JSON.stringify(loser));
  const hist = await review.history(t.ctx.db, (await rec(id)).reviewInstanceId!);
  assert.equal(hist.length, 2);
});

test('withdraw: only the disclosure office, with a reason; the record leaves the public list', async () => {
  const id = await draft();
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  await pass('shr', id);
  await pass('bmsc', id, SECRECY_OK);
  await pass('sfr', id);
  assert.ok(!(await withdrawRecord(t.ctx, u.cbr, id, '错误')).ok);
  const noReason = await withdrawRecord(t.ctx, u.gkb, id, ' ');
  assert.ok(!noReason.ok && noReason.fields?.reason);
  assert.ok((await withdrawRecord(t.ctx, u.gkb, id, '内容已过时，由新文件替代')).ok);
  const r = await rec(id);
  assert.equal(r.status, 'withdrawn');
  assert.equal(r.withdrawnReason, '内容已过时，由新文件替代');
});

test('征求意见: deadline in working days over a holiday; reply; disagreement decided by the disclosure office', async () => {
  const id = await draft();
  const saved = t.ctx.now;
  t.ctx.now = () => new Date('2024-09-30T02:00:00Z'); // Monday before 国庆
  try {
    const bad = await sendCoordination(t.ctx, u.cbr, id, { orgIds: [String(ids['县教体局'])], question: '', days: '99' });
    assert.ok(!bad.ok && bad.fields?.orgIds && bad.fields?.question && bad.fields?.days);
    const r = await sendCoordination(t.ctx, u.cbr, id, { orgIds: [String(ids['县财政局']), String(ids['县发改委'])], question: '资助标准是否可以公开？', days: '' });
    assert.ok(r.ok && r.count === 2 && r.due === '2024-10-12', JSON.stringify(r));
  } finally { t.ctx.now = saved; }
  const rows = await wrepo.coordinationsOfRecord(t.ctx.db, id);
  const fin = rows.find((c) => c.orgId === ids['县财政局'])!;
  // cbr is not in 县财政局: may not reply for it. gkb (whole county) may.
  assert.ok(!(await replyCoordination(t.ctx, u.cbr, fin.id, { stance: 'agree', text: '同意' })).ok);
  const noStance = await replyCoordination(t.ctx, u.gkb, fin.id, { stance: 'maybe', text: '' });
  assert.ok(!noStance.ok && Object.keys(noStance.fields ?? {}).length === 2);
  assert.ok((await replyCoordination(t.ctx, u.gkb, fin.id, { stance: 'disagree', text: '涉及预算未批复数据' })).ok);
  assert.ok(!(await replyCoordination(t.ctx, u.gkb, fin.id, { stance: 'agree', text: '再答' })).ok, 'one reply only');
  const list = await wrepo.disagreements(t.ctx.db, [ids['县教体局']]);
  assert.ok(list.some((c) => c.id === fin.id));
  assert.ok(!(await decideCoordination(t.ctx, u.cbr, fin.id, '公开')).ok);
  assert.ok((await decideCoordination(t.ctx, u.gkb, fin.id, '删除预算数据后公开')).ok);
  assert.ok(!(await decideCoordination(t.ctx, u.gkb, fin.id, '改变主意')).ok, 'the decision is final');
});

test('interpretation: due 5 working days after the policy is published; listed until its interpretation is published', async () => {
  const id = await draft({ docType: 'normative', title: '云溪县教育体育局关于义务教育阶段学生转学的规定' });
  assert.ok((await savePlan(t.ctx, u.cbr, id, { outline: '要点', form: '撰稿解读', channel: '县政府网站', date: '2024-06-20' })).ok);
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  await pass('shr', id);
  await pass('bmsc', id, SECRECY_OK);
  await pass('sfr', id);
  const p = await rec(id);
  assert.equal(p.interpretationDueOn, '2024-06-21', '2024-06-14 + 5 working days');
  let due = await wrepo.interpretationsDue(t.ctx.db, [ids['县教体局']], '2024-06-25');
  assert.ok(due.some((x) => x.id === id));
  const bad = await createInterpretation(t.ctx, u.cbr, id, { title: '解读', form: '', body: '', link: 'javascript:x', keywords: '转学' });
  assert.ok(!bad.ok && bad.fields?.form && bad.fields?.link);
  const i = await createInterpretation(t.ctx, u.cbr, id, { title: '《关于义务教育阶段学生转学的规定》政策解读', form: '政策问答', body: '问：何时办理？答：每学期开学前。', link: '', keywords: '转学 政策解读' });
  assert.ok(i.ok, JSON.stringify(i));
  if (!i.ok) return;
  const ir = await rec(i.id);
  assert.equal(ir.interpretsRecordId, id);
  assert.equal(ir.interpretationForm, '政策问答');
  assert.ok((await submitRecord(t.ctx, u.cbr, i.id)).ok, 'an interpretation needs no plan of its own');
  await pass('shr', i.id);
  await pass('bmsc', i.id, SECRECY_OK);
  await pass('sfr', i.id);
  due = await wrepo.interpretationsDue(t.ctx.db, [ids['县教体局']], '2024-06-25');
  assert.ok(!due.some((x) => x.id === id));
});

test('the audit chain stays intact', async () => {
  assert.ok((await verifyAudit(t.ctx.db)).ok);
});
