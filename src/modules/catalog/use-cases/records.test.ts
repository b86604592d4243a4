// Database tests of the record use cases: creation with gap-free 索引号 under concurrency,
// optimistic locking, the review lock, and the CSV/XLSX import/export round trip.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../../test/support/db.ts';
import { seedDemo } from '../../demo/seed.ts';
import * as authRepo from '../../auth/repo.ts';
import { listOrgs } from '../../org/repo.ts';
import { verifyAudit } from '../../../platform/audit/index.ts';
import type { RecordForm } from '../domain.ts';
import { HEADERS, normaliseDate, parseCsv, parseXlsx, recordToRow } from '../csv.ts';
import * as repo from '../repo.ts';
import { createRecord } from './createRecord.ts';
import { updateRecord } from './updateRecord.ts';
import { importRows } from './importRows.ts';
import { exportRecords } from './exportRecords.ts';
import type { Caller } from './shared.ts';

let t: TestDb;
let cbr: Caller;
let gkb: Caller;
const ids: Record<string, number> = {};
const codes: Record<string, string> = {};

async function caller(username: string): Promise<Caller> {
  const u = (await authRepo.findUserByUsername(t.ctx.db, username))!;
  return { user: await authRepo.toPrincipal(t.ctx.db, u, 'session'), ip: '127.0.0.1' };
}

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  // Friday 2024-06-14, noon in Beijing.
  t.ctx.now = () => new Date('2024-06-14T04:00:00Z');
  cbr = await caller('cbr');
  gkb = await caller('gkb');
  for (const o of await listOrgs(t.ctx.db)) { ids[o.shortName ?? o.name] = o.id; codes[o.shortName ?? o.name] = o.orgCode; }
});
after(() => t.drop());

const form = (patch: Partial<RecordForm> = {}): Partial<RecordForm> => ({
  title: '云溪县教育体育局关于做好2024年义务教育招生工作的通知', docNo: '云教体发[2024]12号', generatedOn: '2024-06-03',
  category: 'zcwj', keywords: '义务教育 招生', docType: 'normative', timeLimit: 'normative10', body: '各乡镇中心学校：现就有关事项通知如下。', ...patch,
});

test('create: 索引号 from the default format, publisher and due date filled in, audited', async () => {
  const r = await createRecord(t.ctx, cbr, { orgId: ids['县教体局'], form: form() });
  assert.ok(r.ok, JSON.stringify(r));
  if (!r.ok) return;
  assert.equal(r.indexNo, `${codes['县教体局']}/2024-00001`);
  const rec = (await repo.findRecord(t.ctx.db, r.id))!;
  assert.equal(rec.publisher, '云溪县教育体育局');
  assert.equal(rec.docNo, '云教体发〔2024〕12号');
  assert.equal(rec.status, 'draft');
  assert.equal(rec.dueOn, '2024-06-18', '10 working days after 2024-06-03, skipping 端午 (06-10)');
  assert.equal(rec.art20Item, 1);
  const a = await t.ctx.db.execute<{ actor_name: string }>(sql`select actor_name from audit_log where action = 'catalog.record.create' and entity_id = ${String(r.id)}`);
  assert.equal(a.rows[0].actor_name, 'cbr');
});

test('create: refused for another department, and for invalid input with field errors', async () => {
  const r = await createRecord(t.ctx, cbr, { orgId: ids['县财政局'], form: form() });
  assert.equal(r.ok, false);
  if (!r.ok) assert.equal(r.reason, 'forbidden');
  const bad = await createRecord(t.ctx, cbr, { orgId: ids['县教体局'], form: form({ keywords: '义务教育 中华人民共和国义务教育法' }) });
  assert.equal(bad.ok, false);
  if (!bad.ok) { assert.equal(bad.reason, 'invalid'); assert.match(bad.errors?.keywords ?? '', /中华人民共和国义务教育法/); }
});

test('索引号: 50 concurrent creations get 50 consecutive numbers; a failed creation leaves no gap', async () => {
  const org = ids['县财政局'];
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
    createRecord(t.ctx, gkb, { orgId: org, form: form({ title: `云溪县财政局2024年预算公开第${i + 1}号`, docNo: '', category: 'czxx', docType: 'other' }) })));
  assert.ok(results.every((r) => r.ok), JSON.stringify(results.find((r) => !r.ok)));
  const seqs = await t.ctx.db.execute<{ index_seq: number }>(sql`select index_seq from catalog_records where org_id = ${org} order by index_seq`);
  assert.deepEqual(seqs.rows.map((x) => Number(x.index_seq)), Array.from({ length: 50 }, (_, i) => i + 1));
  // The attachment refers to a file that does not exist: the insert fails after the counter moved.
  await assert.rejects(createRecord(t.ctx, gkb, { orgId: org, form: form({ category: 'czxx' }), attachments: [{ fileId: 2_000_000_000, name: 'x.pdf' }] }));
  const next = await createRecord(t.ctx, gkb, { orgId: org, form: form({ category: 'czxx' }) });
  assert.ok(next.ok);
  if (next.ok) assert.equal(next.indexNo, `${codes['县财政局']}/2024-00051`);
  assert.deepEqual(await verifyAudit(t.ctx.db), { ok: true, rows: (await verifyAudit(t.ctx.db)).rows });
});

test('update: optimistic locking, audit of changed fields, 索引号 untouched, review lock', async () => {
  const c = await createRecord(t.ctx, cbr, { orgId: ids['县教体局'], form: form({ title: '原标题的通知' }) });
  assert.ok(c.ok);
  if (!c.ok) return;
  const u1 = await updateRecord(t.ctx, cbr, { id: c.id, version: 1, form: { ...form({ title: '修改后的通知', body: '新的正文' }), ['indexNo' as keyof RecordForm]: 'HACK' } });
  assert.ok(u1.ok, JSON.stringify(u1));
  if (u1.ok) { assert.equal(u1.version, 2); assert.deepEqual(u1.changed, ['title', 'body']); }
  const rec = (await repo.findRecord(t.ctx.db, c.id))!;
  assert.equal(rec.indexNo, c.indexNo);
  assert.equal(rec.title, '修改后的通知');
  const a = await t.ctx.db.execute<{ summary: { changes: Record<string, { before: string; after: string }> } }>(
    sql`select summary from audit_log where action = 'catalog.record.update' and entity_id = ${String(c.id)}`);
  assert.deepEqual(a.rows[0].summary.changes.title, { before: '原标题的通知', after: '修改后的通知' });
  assert.match(a.rows[0].summary.changes.body.after, /字/, 'the body is summarised, not copied');

  // A second editor still holding version 1 is refused with the differences; nothing is overwritten.
  const stale = await updateRecord(t.ctx, gkb, { id: c.id, version: 1, form: form({ title: '另一人的标题' }) });
  assert.equal(stale.ok, false);
  if (!stale.ok) {
    assert.equal(stale.reason, 'conflict');
    assert.match(stale.message, /已被他人修改/);
    assert.equal(stale.currentVersion, 2);
    assert.ok(stale.differences?.some((d) => d.field === 'title' && d.current === '修改后的通知' && d.mine === '另一人的标题'));
  }
  assert.equal((await repo.findRecord(t.ctx.db, c.id))!.title, '修改后的通知');

  // Two concurrent saves of the same version: exactly one wins.
  const both = await Promise.all([
    updateRecord(t.ctx, cbr, { id: c.id, version: 2, form: form({ title: '甲' }) }),
    updateRecord(t.ctx, gkb, { id: c.id, version: 2, form: form({ title: '乙' }) }),
  ]);
  assert.equal(both.filter((r) => r.ok).length, 1);

  await t.ctx.db.execute(sql`update catalog_records set status = 'in_review' where id = ${c.id}`);
  const locked = await updateRecord(t.ctx, cbr, { id: c.id, version: 3, form: form() });
  assert.equal(locked.ok, false);
  if (!locked.ok) { assert.equal(locked.reason, 'locked'); assert.match(locked.message, /审核中的信息不能修改/); }
  const other = await updateRecord(t.ctx, (await caller('sfr')), { id: c.id, version: 3, form: form() });
  assert.equal(!other.ok && other.reason, 'forbidden');
});

test('import/export round trip (CSV and XLSX), with a per-row error report', async () => {
  const src = ids['县教体局'];
  const full = form({
    title: '关于印发《云溪县中小学校园安全管理办法》的通知', docNo: '云教体发(2024)20号', generatedOn: '2024-05-06', category: 'zcwj',
    art20Item: '1', docType: 'normative', importantPolicy: '1', disclosure: 'active', term: 'limited', termEnd: '2026-12-31',
    timeLimit: 'art26', description: '校园安全管理办法，含"引号"、逗号,和换行\n第二行', keywords: '校园安全 管理办法', responsibleDept: '安全股',
    publisher: '云溪县教育体育局', validity: 'repealed', effectiveOn: '2024-06-01', repealedOn: '2024-06-10', body: '第一条 为了……\n第二条 =SUM(A1)',
  });
  const c = await createRecord(t.ctx, cbr, { orgId: src, form: full });
  assert.ok(c.ok, JSON.stringify(c));
  if (!c.ok) return;
  const original = (await repo.findRecord(t.ctx.db, c.id))!;

  for (const format of ['csv', 'xlsx'] as const) {
    const file = await exportRecords(t.ctx, gkb.user, { orgId: src, q: '校园安全管理办法' }, format);
    assert.equal(file.count, 1);
    if (format === 'csv') assert.deepEqual([...file.data.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM for Excel');
    const rows = format === 'csv' ? parseCsv(file.data.toString('utf8')) : (await parseXlsx(file.data))!;
    assert.deepEqual(rows[0], HEADERS);
    // Import into another organisation, with one bad row added.
    const bad = [...rows[1]];
    bad[HEADERS.indexOf('关键词')] = '校园安全 中华人民共和国未成年人保护法';
    bad[HEADERS.indexOf('生成日期')] = '2024-13-01';
    const report = await importRows(t.ctx, gkb, ids['县卫健委'], [rows[0], rows[1], [], bad]);
    assert.ok(report.ok, JSON.stringify(report));
    if (!report.ok) return;
    assert.equal(report.total, 2);
    assert.equal(report.imported.length, 1);
    assert.deepEqual(report.errors.map((e) => [e.row, e.field]), [[4, '生成日期'], [4, '关键词']]);
    assert.match(report.errors[1].message, /中华人民共和国未成年人保护法/);
    assert.equal(report.errorRows.length, 2);
    assert.equal(report.errorRows[0].at(-1), '错误说明');
    const copy = (await repo.findRecord(t.ctx.db, report.imported[0].id))!;
    assert.notEqual(copy.indexNo, original.indexNo, 'a new 索引号 is generated');
    assert.equal(copy.orgId, ids['县卫健委']);
    assert.deepEqual(recordToRow(copy).slice(1), recordToRow(original).slice(1), `${format}: same field values`);
  }
});

test('import: a sheet without the required columns is refused as a whole', async () => {
  const r = await importRows(t.ctx, gkb, ids['县教体局'], [['标题', '日期'], ['a', 'b']]);
  assert.equal(r.ok, false);
  if (!r.ok) assert.match(r.message, /信息名称/);
  const denied = await importRows(t.ctx, cbr, ids['县财政局'], [HEADERS]);
  assert.equal(denied.ok, false);
});

test('spreadsheet dates: common ways of writing them are normalised; impossible ones stay as typed for the message', () => {
  for (const [typed, out] of [['2024/5/8', '2024-05-08'], ['2024.05.08', '2024-05-08'], ['2024年5月8日', '2024-05-08'], [' 2024-5-8 ', '2024-05-08'],
    ['2018/13/45', '2018/13/45'], ['2023/2/29', '2023/2/29'], ['2024/2/29', '2024-02-29'], ['明天', '明天']]) {
    assert.equal(normaliseDate(typed), out, typed);
  }
});

test('export file names carry the Beijing date (00:30 on 15 June is still 14 June in UTC)', async () => {
  const saved = t.ctx.now;
  t.ctx.now = () => new Date('2024-06-14T16:30:00Z');
  try {
    const file = await exportRecords(t.ctx, gkb.user, { q: '不存在的记录标题甲乙丙' }, 'csv');
    assert.equal(file.filename, 'catalog-20240615.csv');
  } finally {
    t.ctx.now = saved;
  }
});
