// Database tests of the findings a clerk and the reviewers decide on: before submitting they are
// what the submit scan finds; the same value in the body and an attachment is one finding; all of
// a kind at once; an office number accepted once for the organisation (allow-list, audited, removable).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import * as authRepo from '../../auth/repo.ts';
import { listOrgs } from '../../org/repo.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import { storeFile } from '../../../platform/files/store.ts';
import type { RecordForm } from '../domain.ts';
import { createRecord } from '../use-cases/createRecord.ts';
import type { Caller } from '../use-cases/shared.ts';
import * as wrepo from '../repo.workflow.ts';
import { listAllowed } from '../repo.allowlist.ts';
import * as review from '../../review/use-cases.ts';
import { reviewRecord, submitRecord, SUBJECT } from './use-cases.ts';
import { removeAllowedNumber, resolveFinding, resolveFindings } from './resolve.ts';
import { previewScan } from './scan.ts';
import { groupFindings, placesLabel } from './findings.ts';

let t: TestDb;
const u: Record<string, Caller> = {};
const ids: Record<string, number> = {};

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2024-06-14T04:00:00Z');
  for (const n of ['cbr', 'shr', 'bmsc', 'sfr', 'gkb']) {
    const x = (await authRepo.findUserByUsername(t.ctx.db, n))!;
    u[n] = { user: await authRepo.toPrincipal(t.ctx.db, x, 'session'), ip: '127.0.0.1' };
  }
  for (const o of await listOrgs(t.ctx.db)) ids[o.shortName ?? o.name] = o.id;
});
after(() => t.drop());

const form = (patch: Partial<RecordForm> = {}): Partial<RecordForm> => ({
  title: '云溪县教育体育局关于2024年秋季学期学生资助工作的通知', generatedOn: '2024-06-11', category: 'gzxx', keywords: '学生资助 秋季学期',
  body: '各学校：现将有关事项通知如下。', ...patch,
});

async function draft(patch: Partial<RecordForm> = {}, opts: { attachment?: { name: string; text: string }; org?: string; by?: string } = {}): Promise<number> {
  const attachments = [];
  if (opts.attachment) {
    const fileId = await storeFile(t.ctx.db, Buffer.from(`file ${opts.attachment.name} ${opts.attachment.text}`), 'txt', 'text/plain', opts.attachment.text);
    attachments.push({ fileId, name: opts.attachment.name });
  }
  const r = await createRecord(t.ctx, u[opts.by ?? 'cbr'], { orgId: ids[opts.org ?? '县教体局'], form: form(patch), attachments });
  assert.ok(r.ok, JSON.stringify(r));
  return r.ok ? r.id : 0;
}

const rec = async (id: number) => (await wrepo.findWorkflow(t.ctx.db, id))!;
const preview = async (id: number) => groupFindings(await previewScan(t.ctx.db, await rec(id), '2024-06-14'));
const step = async (id: number) => (await review.latestInstance(t.ctx.db, SUBJECT, id))!.currentStep;
const SECRECY_OK = { disclosure: 'active', basis: '《中华人民共和国保守国家秘密法》及本县保密事项范围' };
async function pass(who: string, id: number, secrecy?: Record<string, string>) {
  const r = await reviewRecord(t.ctx, u[who], id, { conclusion: 'pass', opinion: '同意', expectedStep: await step(id), secrecy });
  assert.ok(r.ok, `${who}: ${JSON.stringify(r)}`);
}
const audits = async (action: string) => (await t.ctx.db.execute<{ summary: Record<string, unknown> }>(
  sql`select summary from audit_log where action = ${action} order by id`)).rows.map((r) => r.summary);

test('before submitting: the findings are what the submit scan stores, masked, with their place; nothing is stored yet', async () => {
  const id = await draft({ body: '各学校：\n资助咨询联系人：王小明，电话 13912345678。' });
  const before = await preview(id);
  const mobile = before.find((g) => g.kind === 'mobile');
  assert.ok(mobile, JSON.stringify(before));
  assert.equal(mobile.excerpt, '139****5678');
  assert.equal(placesLabel(mobile.places), '正文');
  assert.ok(mobile.open);
  assert.equal((await wrepo.listFindings(t.ctx.db, id)).length, 0, 'a preview stores nothing');
  const s = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(s.ok);
  const stored = groupFindings(await wrepo.listFindings(t.ctx.db, id));
  assert.deepEqual(stored.map((g) => [g.kind, g.excerpt, placesLabel(g.places)]), before.map((g) => [g.kind, g.excerpt, placesLabel(g.places)]));
});

test('the same value in the body and an attachment is one finding with both places; one decision masks every place', async () => {
  const id = await draft({ body: '报名咨询电话：13912345678。' }, { attachment: { name: '报名表.docx', text: '联系人手机：139 1234 5678（工作日）' } });
  const groups = (await preview(id)).filter((g) => g.kind === 'mobile');
  assert.equal(groups.length, 1, JSON.stringify(groups));
  assert.equal(placesLabel(groups[0].places), '正文、附件：报名表.docx');
  assert.ok((await submitRecord(t.ctx, u.cbr, id)).ok);
  const stored = await wrepo.listFindings(t.ctx.db, id);
  assert.equal(stored.filter((f) => f.kind === 'mobile').length, 2, 'each place is kept for masking');
  await pass('shr', id);
  const g = groupFindings(stored).find((x) => x.kind === 'mobile')!;
  const r = await resolveFindings(t.ctx, u.bmsc, id, { group: g.token }, { resolution: 'redact', reason: '' });
  assert.ok(r.ok && r.findings === 1 && r.places === 2, JSON.stringify(r));
  const after = await wrepo.listFindings(t.ctx.db, id);
  assert.ok(after.filter((f) => f.kind === 'mobile').every((f) => f.resolution === 'redact'));
  for (const f of after.filter((x) => !x.resolution)) assert.ok((await resolveFinding(t.ctx, u.bmsc, id, f.id, { resolution: 'redact', reason: '' })).ok);
  await pass('bmsc', id, SECRECY_OK);
  await pass('sfr', id);
  const row = (await t.ctx.db.execute<{ body_public: string; status: string }>(sql`select body_public, status from catalog_records where id = ${id}`)).rows[0];
  assert.equal(row.status, 'published');
  assert.ok(!row.body_public.includes('13912345678'));
});

test('all findings of one kind at once: 全部遮盖 by the clerk before submitting, 全部确认可以公开 needs a reason', async () => {
  const id = await draft({
    body: '各校联系人电话：13912345678、13812345678、13712345678。', description: '咨询手机 13612345678',
  });
  assert.equal((await preview(id)).filter((g) => g.kind === 'mobile').length, 4);
  const denied = await resolveFindings(t.ctx, u.shr, id, { kind: 'mobile' }, { resolution: 'redact', reason: '' });
  assert.ok(!denied.ok && denied.reason === 'forbidden', 'before submitting only the drafting clerk decides');
  const all = await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'redact', reason: '' });
  assert.ok(all.ok && all.findings === 3, JSON.stringify(all));
  const left = (await preview(id)).filter((g) => g.kind === 'mobile' && g.open);
  assert.deepEqual(left.map((g) => placesLabel(g.places)), ['内容描述'], 'a catalogue field cannot be masked and stays open');
  const noReason = await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'accept', reason: ' ' }, { resolution: 'x', reason: 'reason-all-mobile' });
  assert.ok(!noReason.ok && noReason.fields?.['reason-all-mobile'], JSON.stringify(noReason));
  const accepted = await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'accept', reason: '学校公开的咨询电话' });
  assert.ok(accepted.ok && accepted.findings === 1);
  assert.ok(!(await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'redact', reason: '' })).ok, 'nothing of the kind left open');
  // The clerk's decisions are kept by the submit scan (same text at the same places).
  const s = await submitRecord(t.ctx, u.cbr, id);
  assert.ok(s.ok);
  const mobiles = (await wrepo.listFindings(t.ctx.db, id)).filter((f) => f.kind === 'mobile');
  assert.equal(mobiles.length, 4);
  assert.ok(mobiles.every((f) => f.resolution && f.resolvedByName === '李思远'));
  assert.ok((await audits('catalog.finding.resolve')).some((x) => x.all === true && x.findings === 3 && x.resolution === 'redact'));
});

test('an office number accepted for the organisation is not reported again for its records; the office removes it', async () => {
  const id = await draft({ body: '咨询电话：0793-5120030（工作日 8:30—17:30）。联系人手机 13512345678。' });
  const land = (await preview(id)).find((g) => g.kind === 'landline')!;
  assert.ok(land && land.allowable);
  const mob = (await preview(id)).find((g) => g.kind === 'mobile')!;
  const notMobile = await resolveFindings(t.ctx, u.cbr, id, { group: mob.token }, { resolution: 'office_phone', reason: '' });
  assert.ok(!notMobile.ok && notMobile.reason === 'invalid', 'a mobile is a person’s number');
  const r = await resolveFindings(t.ctx, u.cbr, id, { group: land.token }, { resolution: 'office_phone', reason: '' });
  assert.ok(r.ok && r.allowed === '0793-5120030', JSON.stringify(r));
  const list = await listAllowed(t.ctx.db, [ids['县教体局']]);
  assert.deepEqual(list.map((n) => [n.value, n.recordId, n.createdByName]), [['07935120030', id, '李思远']]);
  assert.deepEqual((await audits('catalog.allowlist.add')).map((x) => x.number), ['0793-5120030']);
  // Accepting it again (another record) adds nothing.
  const again = await draft({ body: '办公电话 0793-5120030，传真 0793-5120031。' });
  assert.deepEqual((await preview(again)).filter((g) => g.kind === 'landline').map((g) => g.excerpt), ['0793-***0031'], 'written the same way or not, the office number is not reported');
  const other = await draft({ body: '咨询电话：（0793）5120030 转 801。' });
  assert.equal((await preview(other)).filter((g) => g.kind === 'landline').length, 0);
  // Another organisation's record still reports it.
  const elsewhere = await draft({ body: '咨询电话：0793-5120030。' }, { org: '县财政局', by: 'gkb' });
  assert.equal((await preview(elsewhere)).filter((g) => g.kind === 'landline').length, 1);
  // The submit scan does not store it either.
  assert.ok((await submitRecord(t.ctx, u.cbr, other)).ok);
  assert.equal((await wrepo.listFindings(t.ctx.db, other)).filter((f) => f.kind === 'landline').length, 0);

  const n = list[0];
  const byClerk = await removeAllowedNumber(t.ctx, u.cbr, n.id);
  assert.ok(!byClerk.ok && byClerk.reason === 'forbidden');
  assert.ok((await removeAllowedNumber(t.ctx, u.gkb, n.id)).ok);
  assert.ok(!(await removeAllowedNumber(t.ctx, u.gkb, n.id)).ok, 'already removed');
  assert.deepEqual((await audits('catalog.allowlist.remove')).map((x) => x.number), ['0793-5120030']);
  assert.equal((await preview(again)).filter((g) => g.kind === 'landline').length, 2, 'reported again after removal');
});

test('bad input is refused in Chinese; the audit chain stays intact', async () => {
  const id = await draft({ body: '电话 13912345678' });
  const bad = await resolveFindings(t.ctx, u.cbr, id, { group: 'mobile-zzzz' }, { resolution: 'redact', reason: '' });
  assert.ok(!bad.ok && bad.reason === 'not_found' && /刷新页面/.test(bad.message));
  const junk = await resolveFindings(t.ctx, u.cbr, id, { kind: 'drop table' }, { resolution: 'redact', reason: '' });
  assert.ok(!junk.ok && junk.reason === 'not_found');
  const how = await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'maybe', reason: '' });
  assert.ok(!how.ok && how.reason === 'invalid');
  const long = await resolveFindings(t.ctx, u.cbr, id, { kind: 'mobile' }, { resolution: 'accept', reason: '理'.repeat(501) });
  assert.ok(!long.ok && /500/.test(long.message));
  assert.ok((await verifyAudit(t.ctx.db)).ok);
});
