// The clock on the database: recompute after events, calendar changes move open cases (and say
// why), closed cases stay as they were; 5,000 open cases recompute in one pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { createTestDb, type TestDb } from '../../../test/support/db.ts';
import { seedDemo } from '../demo/seed.ts';
import { withTx } from '../../platform/db/index.ts';
import { SYSTEM_ACTOR } from '../../platform/audit/index.ts';
import { parseHolidayNotice } from '../../calendar/index.ts';
import { importHolidayNotice, setAdminOverride } from '../../calendar/use-cases.ts';
import { checkClockEvent, clockEventsFromRows, recomputeCase, recomputeOpenCases, registerRequestClock } from './clock.ts';
import type { Clock } from './domain.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let t: TestDb;
let orgId: number;
let seq = 0;

before(async () => {
  t = await createTestDb();
  await seedDemo(t.ctx);
  t.ctx.now = () => new Date('2026-10-09T04:00:00Z');
  const org = await t.ctx.db.execute<{ id: number }>(sql`select id from org_units where short_name = '县教体局'`);
  orgId = Number(org.rows[0].id);
  registerRequestClock(t.ctx);
  registerRequestClock(t.ctx); // idempotent: a second call must not add a second listener
});
after(() => t.drop());

async function newCase(receivedOn: string | null, status = 'handling'): Promise<number> {
  seq++;
  const r = await t.ctx.db.execute<{ id: number }>(sql`insert into request_cases
    (tracking_no, tracking_year, tracking_seq, query_code_hash, org_id, channel, status, rule_set, applicant_type,
     applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, forms, delivery, received_on)
    values (${`CLK-${seq}`}, 2026, ${seq}, 'x', ${orgId}, 'in_person', ${status}, '条例2019', 'natural',
     'x', 'id_card', 'x', 'x', '测试申请', '["paper"]'::jsonb, 'post', ${receivedOn})
    returning id`);
  return Number(r.rows[0].id);
}

async function addEvent(caseId: number, type: string, occurredOn: string, data: Record<string, unknown> = {}): Promise<number> {
  const r = await t.ctx.db.execute<{ id: number }>(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
    values (${caseId}, ${type}, ${occurredOn}, ${JSON.stringify(data)}::jsonb, '测试') returning id`);
  return Number(r.rows[0].id);
}

const recompute = (id: number, reason: string) => withTx(t.ctx.db, (tx) => recomputeCase(tx, t.ctx, id, reason));

async function caseRow(id: number) {
  const r = await t.ctx.db.execute<{ due: string | null; internal: string | null; provisional: boolean; stopped: boolean; ledger: Clock | null; version: number }>(sql`
    select statutory_due_on as due, internal_due_on as internal, due_provisional as provisional, clock_stopped as stopped, ledger, version
    from request_cases where id = ${id}`);
  return r.rows[0];
}
async function dueChanges(id: number) {
  const r = await t.ctx.db.execute<{ fromDue: string | null; toDue: string | null; reason: string }>(sql`
    select from_due as "fromDue", to_due as "toDue", reason from request_due_changes where case_id = ${id} order by id`);
  return r.rows;
}
async function dueEvents(id: number) {
  const r = await t.ctx.db.execute<{ occurredOn: string; publicNote: string; actorName: string; data: Record<string, unknown> }>(sql`
    select occurred_on as "occurredOn", public_note as "publicNote", actor_name as "actorName", data from request_events where case_id = ${id} and type = 'due_moved' order by id`);
  return r.rows;
}

test('event rows map to clock events (the documented mapping)', () => {
  const rows = [
    { id: 1, type: 'received', occurredOn: '2026-03-02', data: {} },
    { id: 2, type: 'correction_sent', occurredOn: '2026-03-05', data: { deadline: '2026-03-26' } },
    { id: 3, type: 'correction_received', occurredOn: '2026-03-20', data: {} },
    { id: 4, type: 'pause_start', occurredOn: '2026-03-23', data: { reason: 'inter_agency', to: '2026-03-25' } },
    { id: 5, type: 'pause_end', occurredOn: '2026-03-25', data: { startId: 4 } },
    { id: 6, type: 'pause_start', occurredOn: '2026-03-26', data: { reason: 'third_party' } },
    { id: 7, type: 'fee_notice', occurredOn: '2026-03-27', data: { reason: 'fee' } },
    { id: 8, type: 'pause_end', occurredOn: '2026-03-30', data: { startId: 6 } },
    { id: 9, type: 'fee_paid', occurredOn: '2026-03-31', data: { noticeId: 7 } },
    { id: 10, type: 'extension_requested', occurredOn: '2026-04-01', data: { days: 10 } },
    { id: 11, type: 'extension_approved', occurredOn: '2026-04-02', data: { days: 10 } },
    { id: 12, type: 'replied', occurredOn: '2026-04-20', data: {} },
  ];
  assert.deepEqual(clockEventsFromRows(rows), {
    events: [
      { type: '补正', sent: '2026-03-05', deadline: '2026-03-26', received: '2026-03-20' },
      { type: '暂停', reason: 'inter_agency', from: '2026-03-23', to: '2026-03-25' },
      { type: '暂停', reason: 'third_party', from: '2026-03-26', to: '2026-03-30' },
      { type: '暂停', reason: 'fee', from: '2026-03-27', to: '2026-03-31' },
      { type: '延期', days: 10, on: '2026-04-02' },
    ],
    closing: { on: '2026-04-20', kind: 'reply' },
  });
  // Unlinked ends close the earliest open start of the same kind; an unanswered 补正 stays open; fee expiry closes the fee pause.
  assert.deepEqual(clockEventsFromRows([
    { id: 1, type: 'pause_start', occurredOn: '2026-03-10', data: { reason: 'third_party' } },
    { id: 2, type: 'pause_start', occurredOn: '2026-03-11', data: { reason: 'inter_agency' } },
    { id: 3, type: 'pause_end', occurredOn: '2026-03-12', data: { reason: 'inter_agency' } },
    { id: 4, type: 'correction_sent', occurredOn: '2026-03-13', data: { sent: '2026-03-12' } },
    { id: 5, type: 'fee_notice', occurredOn: '2026-03-16', data: {} },
    { id: 6, type: 'fee_expired', occurredOn: '2026-04-14', data: {} },
  ]), {
    events: [
      { type: '暂停', reason: 'third_party', from: '2026-03-10', to: null },
      { type: '暂停', reason: 'inter_agency', from: '2026-03-11', to: '2026-03-12' },
      { type: '补正', sent: '2026-03-12', deadline: null, received: null },
      { type: '暂停', reason: 'fee', from: '2026-03-16', to: '2026-04-14' },
    ],
    closing: { on: '2026-04-14', kind: 'fee_expired' },
  });
});

test('recompute after events: start, 补正 stops, supplement restarts; every move is recorded with its reason', async () => {
  const id = await newCase('2026-09-18');
  assert.deepEqual(await recompute(id, '登记申请'), { moved: false, from: null, to: '2026-10-22' });
  let row = await caseRow(id);
  assert.equal(row.due, '2026-10-22');
  assert.equal(row.internal, '2026-10-15');
  assert.equal(row.stopped, false);
  assert.equal(row.provisional, false);
  assert.equal(row.ledger?.statutoryDue, '2026-10-22');
  assert.equal(row.ledger?.ledger[0].event, '收到申请');
  assert.ok(row.ledger?.holidays.some((h) => h.date === '2026-10-01' && h.name === '国庆节'));
  // The first computation is not a move.
  assert.deepEqual(await dueChanges(id), []);
  // Recomputing without a change does not record anything either, and does not bump the form version.
  const version = row.version;
  assert.equal((await recompute(id, '无变化')).moved, false);
  assert.equal((await caseRow(id)).version, version);

  // 补正 sent 09-22 (day 2): the clock stops.
  await addEvent(id, 'correction_sent', '2026-09-22', { deadline: '2026-10-16' });
  assert.deepEqual(await recompute(id, '发出补正告知'), { moved: true, from: '2026-10-22', to: null });
  row = await caseRow(id);
  assert.equal(row.due, null);
  assert.equal(row.internal, null);
  assert.equal(row.stopped, true);
  assert.equal(row.ledger?.correctionDeadline, '2026-10-16');

  // Supplement received 09-30: 10-08 1, 10-09 2, 10-10 (Sat 调休) 3, 10-12…16 4–8, 10-19…23 9–13, 10-26…30 14–18, 11-02 19, 11-03 20.
  await addEvent(id, 'correction_received', '2026-09-30');
  assert.deepEqual(await recompute(id, '收到补正材料'), { moved: true, from: null, to: '2026-11-03' });
  row = await caseRow(id);
  assert.equal(row.due, '2026-11-03');
  assert.equal(row.stopped, false);
  assert.deepEqual(await dueChanges(id), [
    { fromDue: '2026-10-22', toDue: null, reason: '发出补正告知' },
    { fromDue: null, toDue: '2026-11-03', reason: '收到补正材料' },
  ]);
  const evs = await dueEvents(id);
  assert.equal(evs.length, 2);
  assert.equal(evs[1].actorName, '系统');
  assert.equal(evs[1].occurredOn, '2026-10-09'); // ctx.now()
  assert.equal(evs[1].publicNote, '答复期限计算为 2026-11-03（收到补正材料）');
  assert.equal(evs[0].publicNote, '答复期限暂停计算（发出补正告知）');

  // The organisation's internal lead days: 10 → the 10th counted day from 09-30 = 10-20.
  await t.ctx.db.execute(sql`insert into request_org_settings (org_id, internal_lead_days) values (${orgId}, 10)
    on conflict (org_id) do update set internal_lead_days = 10`);
  await recompute(id, '设置');
  assert.equal((await caseRow(id)).internal, '2026-10-20');
  await t.ctx.db.execute(sql`delete from request_org_settings where org_id = ${orgId}`);
  await recompute(id, '设置');

  // An approved extension moves the date: 11-03 + 5 = 11-10.
  await addEvent(id, 'extension_approved', '2026-10-30', { days: 5 });
  assert.deepEqual(await recompute(id, '批准延期'), { moved: true, from: '2026-11-03', to: '2026-11-10' });
  assert.equal((await dueEvents(id))[2].publicNote, '答复期限由 2026-11-03 调整为 2026-11-10（批准延期）');
});

test('checkClockEvent applies the rules to a new event against the recorded ones', async () => {
  const id = await newCase('2026-09-18');
  await recompute(id, '登记申请');
  assert.deepEqual(await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, id, { type: '补正', sent: '2026-09-29' })), { ok: true });
  const late = await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, id, { type: '补正', sent: '2026-09-30' }));
  assert.equal(!late.ok && late.code, 'clock.correction_late');
  await addEvent(id, 'correction_sent', '2026-09-21');
  await addEvent(id, 'correction_received', '2026-09-23');
  const twice = await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, id, { type: '补正', sent: '2026-09-24' }));
  assert.equal(twice.ok, false);
  assert.match(!twice.ok ? twice.message : '', /只能要求申请人补正一次/);
  await addEvent(id, 'extension_approved', '2026-10-09', { days: 15 });
  const over = await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, id, { type: '延期', days: 6, on: '2026-10-09' }));
  assert.equal(!over.ok && over.code, 'clock.extension_limit');
  assert.deepEqual(await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, id, { type: '延期', days: 5, on: '2026-10-09' })), { ok: true });
  const unreceived = await newCase(null, 'submitted');
  const nr = await withTx(t.ctx.db, (tx) => checkClockEvent(tx, t.ctx, unreceived, { type: '延期', days: 5 }));
  assert.equal(!nr.ok && nr.code, 'clock.not_received');
  // A case not received yet has no clock.
  assert.deepEqual(await recompute(unreceived, '提交'), { moved: false, from: null, to: null });
  assert.equal((await caseRow(unreceived)).ledger, null);
});

test('a calendar change moves open cases whose span it touches, records why; closed and untouched cases stay', async () => {
  const open = await newCase('2026-09-18');
  const closed = await newCase('2026-09-18', 'closed');
  const earlier = await newCase('2026-03-02');
  const paused = await newCase('2026-09-18');
  await addEvent(paused, 'pause_start', '2026-09-21', { reason: 'third_party' });
  for (const id of [open, closed, earlier, paused]) await recompute(id, '登记申请');
  assert.equal((await caseRow(closed)).due, '2026-10-22');
  assert.equal((await caseRow(earlier)).due, '2026-03-30');
  // Third party answers within 15 working days of 09-21: 09-22…24 1–3, 09-28…30 4–6, 10-08 7, 10-09 8, 10-10 9, 10-12…16 10–14, 10-19 15.
  assert.equal((await caseRow(paused)).ledger?.pauseDeadline, '2026-10-19');

  // 2026-10-20 becomes a day off: the 20th working day after 09-18 moves from 10-22 to 10-23.
  const r = await setAdminOverride(t.ctx, SYSTEM_ACTOR, { date: '2026-10-20', isOffDay: true, name: '测试调整', note: null });
  assert.ok(r.recalculated >= 1);
  assert.equal((await caseRow(open)).due, '2026-10-23');
  assert.deepEqual(await dueChanges(open), [{ fromDue: '2026-10-22', toDue: '2026-10-23', reason: '人工调整2026-10-20为放假（测试调整）' }]);
  const ev = await dueEvents(open);
  assert.equal(ev.length, 1);
  assert.equal(ev[0].publicNote, '答复期限由 2026-10-22 调整为 2026-10-23（人工调整2026-10-20为放假（测试调整））');
  assert.ok((await caseRow(open)).ledger?.holidays.some((h) => h.date === '2026-10-20' && h.name === '测试调整'));
  // The paused case's consultation deadline moved too (10-19 is before the change: unchanged), and it stays stopped.
  assert.equal((await caseRow(paused)).stopped, true);
  assert.deepEqual(await dueChanges(paused), []);
  // Closed and out-of-span cases are untouched.
  assert.equal((await caseRow(closed)).due, '2026-10-22');
  assert.deepEqual(await dueChanges(closed), []);
  assert.equal((await caseRow(earlier)).due, '2026-03-30');
  assert.deepEqual(await dueChanges(earlier), []);
  // Exactly one due change per case, whatever the number of registrations (no duplicate listener).
  assert.equal((await dueChanges(open)).length, 1);
});

test('importing the next year’s notice firms up provisional due dates', async () => {
  // 2026-12-18: with no 2027 notice 2027-01-01 counts as a working day → 2027-01-15, provisional.
  const id = await newCase('2026-12-18');
  await recompute(id, '登记申请');
  let row = await caseRow(id);
  assert.equal(row.due, '2027-01-15');
  assert.equal(row.provisional, true);
  // The (made-up) 2027 notice makes 01-01…03 holidays: day 10 becomes 01-04, day 20 01-18.
  const fixture = JSON.parse(fs.readFileSync(path.join(here, '../../calendar/testdata/holidays-2027.json'), 'utf8'));
  await importHolidayNotice(t.ctx, SYSTEM_ACTOR, parseHolidayNotice(fixture), 'test');
  row = await caseRow(id);
  assert.equal(row.due, '2027-01-18');
  assert.equal(row.provisional, false);
  assert.deepEqual(await dueChanges(id), [{ fromDue: '2027-01-15', toDue: '2027-01-18', reason: '导入2027年节假日安排' }]);
});

test('5,000 open cases recompute in one pass', async () => {
  // Cases received over September 2026, a third with a 补正 answered, a third with a closed consultation.
  await t.ctx.db.execute(sql`insert into request_cases
    (tracking_no, tracking_year, tracking_seq, query_code_hash, org_id, channel, status, rule_set, applicant_type,
     applicant_name_enc, id_type, id_number_enc, id_number_bidx, info_description, forms, delivery, received_on)
    select 'BULK-' || g, 2025, g, 'x', ${orgId}, 'in_person', 'handling', '条例2019', 'natural', 'x', 'id_card', 'x', 'x', '批量',
      '["paper"]'::jsonb, 'post', date '2026-09-01' + (g % 25)
    from generate_series(1, 5000) g`);
  await t.ctx.db.execute(sql`insert into request_events (case_id, type, occurred_on, data, actor_name)
    select id, 'correction_sent', received_on + 1, '{}'::jsonb, 'x' from request_cases where tracking_no like 'BULK-%' and tracking_seq % 3 = 0
    union all select id, 'correction_received', received_on + 5, '{}'::jsonb, 'x' from request_cases where tracking_no like 'BULK-%' and tracking_seq % 3 = 0
    union all select id, 'pause_start', received_on + 2, '{"reason":"inter_agency"}'::jsonb, 'x' from request_cases where tracking_no like 'BULK-%' and tracking_seq % 3 = 1
    union all select id, 'pause_end', received_on + 9, '{}'::jsonb, 'x' from request_cases where tracking_no like 'BULK-%' and tracking_seq % 3 = 1`);
  const cal = await t.ctx.calendar.get();
  const t0 = performance.now();
  const first = await withTx(t.ctx.db, (tx) => recomputeOpenCases(tx, cal, { reason: '初次计算' }));
  const ms = performance.now() - t0;
  assert.deepEqual(first.failed, []);
  assert.ok(first.recomputed >= 5000);
  const stored = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_cases where tracking_no like 'BULK-%' and statutory_due_on is not null and ledger is not null`);
  assert.equal(stored.rows[0].n, 5000);
  // Then a calendar change through the real use case (listener → same code path, inside its transaction).
  const t1 = performance.now();
  await setAdminOverride(t.ctx, SYSTEM_ACTOR, { date: '2026-10-13', isOffDay: true, name: '测试调整二', note: null });
  const ms2 = performance.now() - t1;
  const moved = await t.ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from request_due_changes d join request_cases c on c.id = d.case_id
    where c.tracking_no like 'BULK-%' and d.reason like '%2026-10-13%'`);
  assert.ok(moved.rows[0].n > 4000, `moved ${moved.rows[0].n}`);
  console.log(`# recompute 5,000 open cases: ${Math.round(ms)} ms ${JSON.stringify(first.ms)}; calendar change with recompute: ${Math.round(ms2)} ms`);
  // Target < 5 s (measured ~1 s on an idle 2-core machine); the bound here leaves room for a loaded CI box.
  assert.ok(ms < 10_000 && ms2 < 10_000, `${ms} ms / ${ms2} ms`);
});
