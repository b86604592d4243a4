// Calendar changes on real PostgreSQL: imports, admin overrides, audit rows, listeners, cache.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../test/support/db.ts';
import { verifyAudit } from '../platform/audit/index.ts';
import { dueDate, explainDeadline, isYearCovered, parseHolidayNotice } from './calendar.ts';
import { listDays, listYears } from './repo.ts';
import { importHolidayNotice, onCalendarChange, removeAdminOverride, setAdminOverride, type CalendarChange } from './use-cases.ts';

let t: TestDb;
before(async () => { t = await createTestDb(); });
after(() => t.drop());

const actor = { id: null, name: 'tester', ip: '127.0.0.1' };
const notice2027 = () => parseHolidayNotice(JSON.parse(fs.readFileSync(new URL('./testdata/holidays-2027.json', import.meta.url), 'utf8')));

async function auditRows(action: string) {
  const r = await t.database.db.execute<{ entity_id: string; summary: Record<string, unknown> }>(sql`select entity_id, summary from audit_log where action = ${action} order by id`);
  return r.rows;
}

test('importing 2027 makes it covered: 2026-12-20 + 20 is no longer provisional and skips 元旦', async () => {
  const before = await t.ctx.calendar.get();
  assert.deepEqual(dueDate(before, '2026-12-20', 20), { due: '2027-01-15', provisional: true });
  assert.equal(isYearCovered(before, 2027), false);

  const r = await importHolidayNotice(t.ctx, actor, notice2027(), '测试导入');
  assert.deepEqual(r, { recalculated: 0 });

  const cal = await t.ctx.calendar.get();
  assert.notEqual(cal, before, 'the cache was invalidated');
  assert.equal(isYearCovered(cal, 2027), true);
  assert.deepEqual(dueDate(cal, '2026-12-20', 20), { due: '2027-01-18', provisional: false });
  const e = explainDeadline(cal, '2026-12-20', 20);
  assert.match(e.text, /元旦（2027年1月1日至1月3日，共3天）/);
  assert.ok(!e.text.includes('暂定'));
  // 国庆 2027 from the import, with its make-up days.
  assert.equal(dueDate(cal, '2027-09-24', 1).due, '2027-09-26');
  assert.equal(dueDate(cal, '2027-09-30', 1).due, '2027-10-08');

  const years = await listYears(t.database.db);
  assert.deepEqual(years.map((y) => [y.year, y.note]), [[2027, '测试导入']]);
  assert.ok(years[0].loadedAt instanceof Date && !Number.isNaN(years[0].loadedAt.getTime()));
  const audit = await auditRows('calendar.import');
  assert.equal(audit.length, 1);
  assert.equal(audit[0].entity_id, '2027');
  assert.equal(audit[0].summary.days, notice2027().overrides.length);
  assert.deepEqual(await verifyAudit(t.database.db), { ok: true, rows: (await t.database.db.execute(sql`select 1 from audit_log`)).rows.length });
});

test('re-importing a year replaces the previous import of that year', async () => {
  const smaller = { year: 2027, overrides: notice2027().overrides.filter((o) => o.date < '2027-03-01') };
  await importHolidayNotice(t.ctx, actor, smaller, '更正');
  const days = (await listDays(t.database.db, { year: 2027 })).filter((d) => d.source === 'import');
  assert.equal(days.length, smaller.overrides.length);
  const cal = await t.ctx.calendar.get();
  assert.equal(dueDate(cal, '2027-09-30', 1).due, '2027-10-01', '国庆 2027 is gone with the replaced import');
  assert.equal(dueDate(cal, '2026-12-20', 20).due, '2027-01-18');
  assert.equal((await listYears(t.database.db))[0].note, '更正');
  const audit = await auditRows('calendar.import');
  assert.equal(audit.length, 2);
  assert.equal(audit[1].summary.replacedDays, notice2027().overrides.length);
  // Back to the full notice for the following tests.
  await importHolidayNotice(t.ctx, actor, notice2027(), '测试导入');
});

test('importing a shipped year replaces the shipped entries of that year', async () => {
  // A (fictitious) corrected 2025 notice with only 国庆: the shipped 春节 2025 no longer applies.
  const before = await t.ctx.calendar.get();
  assert.equal(dueDate(before, '2025-01-24', 5).due, '2025-02-07');
  await importHolidayNotice(t.ctx, actor, { year: 2025, overrides: [{ date: '2025-10-01', isOffDay: true, name: '国庆节', source: 'import' }] }, null);
  const cal = await t.ctx.calendar.get();
  assert.equal(dueDate(cal, '2025-01-24', 5).due, '2025-01-31');
  assert.equal(cal.overrides.get(Date.UTC(2025, 9, 1) / 86_400_000)?.source, 'import');
  // 2024 and 2026 are untouched.
  assert.equal(dueDate(cal, '2026-09-18', 20).due, '2026-10-22');
  await t.database.db.execute(sql`delete from calendar_days where source = 'import' and date < '2026-01-01'`);
  await t.database.db.execute(sql`delete from calendar_years where year = 2025`);
  t.ctx.calendar.invalidate();
});

test('an admin override moves a deadline; changing it is audited with before/after; removing it restores', async () => {
  const base = await t.ctx.calendar.get();
  assert.equal(dueDate(base, '2026-09-18', 20).due, '2026-10-22');

  const r1 = await setAdminOverride(t.ctx, actor, { date: '2026-10-09', isOffDay: true, name: '防汛停止办公', note: '县防指通知' });
  assert.deepEqual(r1, { created: true, recalculated: 0 });
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-09-18', 20).due, '2026-10-23');

  // Admin wins over shipped data: the make-up Saturday 10-10 becomes a day off too.
  const r2 = await setAdminOverride(t.ctx, actor, { date: '2026-10-10', isOffDay: true, name: '取消调休', note: null });
  assert.equal(r2.created, true);
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-09-18', 20).due, '2026-10-26');

  const r3 = await setAdminOverride(t.ctx, actor, { date: '2026-10-09', isOffDay: false, name: '照常上班', note: null });
  assert.equal(r3.created, false);
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-09-18', 20).due, '2026-10-23');
  const sets = await auditRows('calendar.override_set');
  assert.deepEqual(sets[2].summary.before, { kind: '放假', name: '防汛停止办公', note: '县防指通知' });
  assert.deepEqual(sets[2].summary.after, { kind: '上班', name: '照常上班', note: null });

  // Admin overrides also win over an imported year.
  await setAdminOverride(t.ctx, actor, { date: '2027-01-01', isOffDay: false, name: '测试上班', note: null });
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-12-31', 1).due, '2027-01-01');
  assert.ok((await removeAdminOverride(t.ctx, actor, '2027-01-01')).ok);
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-12-31', 1).due, '2027-01-04');

  assert.deepEqual(await removeAdminOverride(t.ctx, actor, '2026-10-09'), { ok: true, recalculated: 0 });
  assert.deepEqual(await removeAdminOverride(t.ctx, actor, '2026-10-10'), { ok: true, recalculated: 0 });
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-09-18', 20).due, '2026-10-22');
  const missing = await removeAdminOverride(t.ctx, actor, '2026-10-10');
  assert.equal(missing.ok, false);
  assert.equal(!missing.ok && missing.reason, 'not_found');
  assert.equal((await auditRows('calendar.override_remove')).length, 3, 'a failed removal writes no audit row');
  assert.equal((await verifyAudit(t.database.db)).ok, true);
});

test('listeners run inside the change with the old and new calendar; their counts are summed', async () => {
  const seen: CalendarChange[] = [];
  const off1 = onCalendarChange(async (c) => { seen.push(c); return 2; });
  const off2 = onCalendarChange(async (c) => {
    // A listener sees the uncommitted change through the transaction it is handed.
    const r = await c.tx.execute<{ n: number }>(sql`select count(*)::int8 as n from calendar_days where source = 'admin'`);
    return Number(r.rows[0].n);
  });
  try {
    const r = await setAdminOverride(t.ctx, actor, { date: '2026-10-09', isOffDay: true, name: '停止办公', note: null });
    assert.equal(r.recalculated, 3);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].from, '2026-10-09');
    assert.equal(seen[0].to, '2026-10-09');
    assert.match(seen[0].reason, /2026-10-09/);
    assert.equal(dueDate(seen[0].previous, '2026-09-18', 20).due, '2026-10-22');
    assert.equal(dueDate(seen[0].calendar, '2026-09-18', 20).due, '2026-10-23');
    const imp = await importHolidayNotice(t.ctx, actor, notice2027(), null);
    assert.equal(imp.recalculated, 2 + 1);
    assert.deepEqual([seen[1].from, seen[1].to], ['2027-01-01', '2027-12-31']);
    const audit = await auditRows('calendar.import');
    assert.equal(audit[audit.length - 1].summary.recalculated, 3);
  } finally {
    off1();
    off2();
  }
  assert.deepEqual(await removeAdminOverride(t.ctx, actor, '2026-10-09'), { ok: true, recalculated: 0 });
});

test('a failing listener rolls the whole change back (no calendar change, no audit row)', async () => {
  const off = onCalendarChange(async () => { throw new Error('recalculation failed'); });
  const auditBefore = (await t.database.db.execute(sql`select 1 from audit_log`)).rows.length;
  try {
    await assert.rejects(setAdminOverride(t.ctx, actor, { date: '2026-11-02', isOffDay: true, name: 'x', note: null }), /recalculation failed/);
  } finally { off(); }
  assert.equal((await listDays(t.database.db, { year: 2026 })).filter((d) => d.source === 'admin').length, 0);
  assert.equal((await t.database.db.execute(sql`select 1 from audit_log`)).rows.length, auditBefore);
  assert.equal(dueDate(await t.ctx.calendar.get(), '2026-10-30', 1).due, '2026-11-02');
});

test('concurrent changes are serialised: no unique-key failures, every change audited, chain valid', async () => {
  const auditBefore = (await auditRows('calendar.override_set')).length;
  await Promise.all([
    ...Array.from({ length: 8 }, (_, i) => setAdminOverride(t.ctx, actor, { date: '2026-11-20', isOffDay: i % 2 === 0, name: `并发${i}`, note: null })),
    importHolidayNotice(t.ctx, actor, notice2027(), '并发导入'),
    importHolidayNotice(t.ctx, actor, notice2027(), '并发导入'),
  ]);
  assert.equal((await auditRows('calendar.override_set')).length, auditBefore + 8);
  const admin = (await listDays(t.database.db, { year: 2026 })).filter((d) => d.source === 'admin');
  assert.equal(admin.length, 1);
  assert.equal((await listDays(t.database.db, { year: 2027 })).filter((d) => d.source === 'import').length, notice2027().overrides.length);
  assert.equal((await verifyAudit(t.database.db)).ok, true);
  assert.ok((await removeAdminOverride(t.ctx, actor, '2026-11-20')).ok);
});

test('re-importing a year keeps days that another year\'s notice listed in it', async () => {
  // The 2029 notice lists a make-up working day at the end of 2028 (as real notices sometimes do).
  await importHolidayNotice(t.ctx, actor, { year: 2029, overrides: [
    { date: '2028-12-30', isOffDay: false, name: '元旦调休上班', source: 'import' },
    { date: '2029-01-01', isOffDay: true, name: '元旦', source: 'import' },
  ] }, null);
  await importHolidayNotice(t.ctx, actor, { year: 2028, overrides: [{ date: '2028-10-02', isOffDay: true, name: '国庆节', source: 'import' }] }, null);
  await importHolidayNotice(t.ctx, actor, { year: 2028, overrides: [{ date: '2028-10-03', isOffDay: true, name: '国庆节', source: 'import' }] }, '更正');
  const days = (await listDays(t.database.db, { year: 2028 })).map((d) => d.date);
  assert.deepEqual(days, ['2028-10-03', '2028-12-30']);
});
