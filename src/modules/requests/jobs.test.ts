// The 登记回执 job: applications committed while no worker runs (the process was killed right after
// acknowledging them) all get their receipt once the worker starts; until then the tracking view
// says the receipt is being built.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { listOrgs } from '../org/repo.ts';
import { startJobs } from '../../platform/jobs/index.ts';
import { APP_JOBS } from '../../jobs.ts';
import { submitApplication, type ApplicationInput } from './intake.ts';
import { loadTrackView } from './tracking.ts';

let t: TestDb;
let orgId = 0;

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  for (const o of await listOrgs(t.ctx.db)) if (o.shortName === '县教体局') orgId = o.id;
});
after(() => t.drop());

const input = (i: number): ApplicationInput => ({
  orgId: String(orgId), applicantType: 'natural', applicantName: '张三丰', idType: 'id_card', idNumber: '11010519491231002X',
  phone: '13812345678', email: 'zhangsan@example.com', address: '云溪县城关镇人民路8号', postcode: '334600',
  infoDescription: `第${i}批县级义务教育学校校舍维修项目的招标文件和中标结果`, forms: ['paper'], delivery: 'post',
});

test('applications acknowledged before any worker ran all get their 登记回执 when the worker starts', async () => {
  const cases: number[] = [];
  for (let i = 1; i <= 6; i++) {
    const r = await submitApplication(t.ctx, input(i), { ip: '127.0.0.1' });
    assert.ok(r.ok, JSON.stringify(r));
    if (r.ok) cases.push(r.caseId);
  }
  const receipts = async () => (await t.ctx.db.execute<{ n: number }>(sql`select count(distinct case_id)::int as n from request_documents
    where kind = 'receipt' and case_id = any(${sql.raw(`array[${cases.join(',')}]::int[]`)})`)).rows[0]!.n;
  assert.equal(await receipts(), 0);
  const view = await loadTrackView(t.ctx.db, cases[0]!);
  assert.equal(view?.receiptPending, true, 'the tracking page says the receipt is being built');

  const silent = { info() {}, warn() {}, error() {} };
  const runner = await startJobs(t.ctx, APP_JOBS, { url: t.url, log: silent, pollSeconds: 0.5 });
  try {
    const until = Date.now() + 20_000;
    while ((await receipts()) < cases.length && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await runner.stop();
  }
  assert.equal(await receipts(), cases.length, 'every application has its receipt');
  const one = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_documents where kind = 'receipt' and case_id = ${cases[0]!}`);
  assert.equal(one.rows[0]!.n, 1, 'exactly one receipt per case');
  assert.equal((await loadTrackView(t.ctx.db, cases[0]!))?.receiptPending, false);
});
