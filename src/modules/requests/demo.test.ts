// The demo applications load through the real use cases, in several states, once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { validateChineseIdNumber } from '../../platform/validation/codes.ts';
import { verifyAudit } from '../../platform/audit/index.ts';
import { demoIdNumber, seedRequestDemo } from './demo.ts';

let t: TestDb;
before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  // Wednesday 2026-03-11, 10:00 in Beijing: a working day.
  t.ctx.now = () => new Date('2026-03-11T02:00:00Z');
});
after(() => t.drop());

test('demo ID numbers are valid', () => {
  assert.ok(validateChineseIdNumber(demoIdNumber('361129', '19850312', '402')).ok);
});

test('demo applications in several states, audited, loaded once', async () => {
  const problems: string[] = [];
  const n = await seedRequestDemo(t.ctx, (m) => problems.push(m));
  assert.deepEqual(problems, []);
  assert.equal(n, 7);
  const r = await t.ctx.db.execute<{ status: string; channel: string }>(sql`select status, channel from request_cases order by id`);
  assert.deepEqual(r.rows.map((x) => `${x.channel}:${x.status}`), [
    'online:submitted', 'online:handling', 'in_person:awaiting_supplement', 'registered_mail:handling', 'oral:handling',
    'in_person:closed', 'registered_mail:handling',
  ]);
  const overdue = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases where status = 'handling' and statutory_due_on < '2026-03-11'`);
  assert.equal(overdue.rows[0]!.n, 1, 'one case past its statutory date');
  assert.equal((await verifyAudit(t.ctx.db)).ok, true);
  assert.equal(await seedRequestDemo(t.ctx), 0, 'a second run adds nothing');
});
