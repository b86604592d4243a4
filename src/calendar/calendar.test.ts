// Table tests over the real holiday calendar. Expected dates were counted by hand from the
// State Council notices (国办发明电〔2023〕7号 for 2024, 〔2024〕12号 for 2025, 2026 notice) and
// cross-checked against chinese-days' own isWorkday.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import {
  CalendarError,
  PROVISIONAL_NOTE,
  addDays,
  addWorkingDays,
  builtinCalendar,
  builtinCalendarData,
  createCalendar,
  dayOfWeek,
  dueDate,
  explainDeadline,
  isValidIsoDate,
  isWorkingDay,
  parseHolidayNotice,
  workingDaysBetween,
  type DayOverride,
} from './index.ts';

// Timed before anything else touches the memo, so this measures a cold build.
const t0 = performance.now();
const cal = createCalendar(builtinCalendarData());
const coldBuildMs = performance.now() - t0;

test('building the builtin calendar is fast and memoised', () => {
  assert.ok(coldBuildMs < 200, `cold build took ${coldBuildMs} ms`);
  assert.equal(builtinCalendarData(), builtinCalendarData());
  assert.equal(builtinCalendar(), builtinCalendar());
});

test('covered years are exactly those in the package data (2004–2026)', () => {
  const years = builtinCalendarData().coveredYears;
  assert.deepEqual(years, Array.from({ length: 23 }, (_, i) => 2004 + i));
});

// [description, from, n, expected due]
const cases: [string, string, number, string][] = [
  ['brief: 2026 中秋+国庆 with make-up 09-20 and 10-10', '2026-09-18', 20, '2026-10-22'],
  ['n = 0 returns the start date even on a holiday', '2026-10-01', 0, '2026-10-01'],
  ['n = 0 on a plain weekday', '2026-03-06', 0, '2026-03-06'],
  ['n = 1 from a plain Friday → Monday', '2026-03-06', 1, '2026-03-09'],
  ['n = 1 from Friday before 国庆 2026 → make-up Sunday 09-20', '2026-09-18', 1, '2026-09-20'],
  ['start on a holiday (国庆 2026 day 1)', '2026-10-01', 1, '2026-10-08'],
  ['start on a holiday, reaches make-up Saturday 10-10', '2026-10-01', 3, '2026-10-10'],
  ['start on a plain Saturday followed by make-up Sunday', '2026-09-19', 1, '2026-09-20'],
  ['start on a weekend holiday (劳动节 2025)', '2025-05-03', 1, '2025-05-06'],
  ['start on make-up Sunday 2025-01-26 is not counted', '2025-01-26', 1, '2025-01-27'],
  ['start on make-up Sunday, then 春节 2025', '2025-01-26', 2, '2025-02-05'],
  ['start on make-up Saturday 2026-10-10 is not counted', '2026-10-10', 1, '2026-10-12'],
  ['春节 2025 counts make-up 01-26', '2025-01-24', 5, '2025-02-07'],
  ['春节 2025 lands on make-up Saturday 02-08', '2025-01-24', 6, '2025-02-08'],
  ['春节 2025 skips Sunday 02-09', '2025-01-24', 7, '2025-02-10'],
  ['春节 2026 make-up Saturday 02-14', '2026-02-13', 1, '2026-02-14'],
  ['春节 2026 then back on 02-24', '2026-02-13', 2, '2026-02-24'],
  ['春节 2026 lands on make-up Saturday 02-28', '2026-02-13', 6, '2026-02-28'],
  ['春节 2026 skips Sunday 03-01', '2026-02-13', 7, '2026-03-02'],
  ['中秋 2024 make-up Saturday 09-14', '2024-09-13', 1, '2024-09-14'],
  ['国庆 2024 make-up Sunday 09-29', '2024-09-13', 10, '2024-09-29'],
  ['国庆 2024 skipped', '2024-09-13', 12, '2024-10-08'],
  ['国庆 2024 make-up Saturday 10-12', '2024-09-13', 16, '2024-10-12'],
  ['国庆 2025 make-up Sunday 09-28', '2025-09-26', 1, '2025-09-28'],
  ['国庆+中秋 2025 (10-01…10-08) skipped', '2025-09-26', 4, '2025-10-09'],
  ['国庆 2025 make-up Saturday 10-11', '2025-09-26', 6, '2025-10-11'],
  ['劳动节 2025 make-up Sunday 04-27', '2025-04-25', 1, '2025-04-27'],
  ['劳动节 2025 skipped', '2025-04-25', 5, '2025-05-06'],
  ['劳动节 2026 skipped', '2026-04-30', 1, '2026-05-06'],
  ['劳动节 2026 make-up Saturday 05-09', '2026-04-30', 4, '2026-05-09'],
  ['year end: 元旦 2026 make-up Sunday 01-04', '2025-12-31', 1, '2026-01-04'],
  ['year end + 春节 2025 (long span)', '2024-12-20', 30, '2025-02-08'],
  ['inside covered 2026, ends before year end', '2026-12-01', 20, '2026-12-29'],
  ['into uncovered 2027 (plain weeks, provisional)', '2026-12-20', 20, '2027-01-15'],
];

for (const [name, from, n, due] of cases) {
  test(`addWorkingDays: ${name} (${from} + ${n} → ${due})`, () => {
    assert.equal(addWorkingDays(cal, from, n), due);
    assert.equal(workingDaysBetween(cal, from, due), n);
    assert.equal(dueDate(cal, from, n).due, due);
    if (n > 0) assert.ok(isWorkingDay(cal, due), 'a due date is always a working day');
  });
}

test('working days per year match the published arrangements', () => {
  // Counted by hand: weekdays − holiday weekdays + make-up weekend days.
  assert.equal(workingDaysBetween(cal, '2023-12-31', '2024-12-31'), 251); // 262 − 19 + 8
  assert.equal(workingDaysBetween(cal, '2024-12-31', '2025-12-31'), 248); // 261 − 18 + 5
  assert.equal(workingDaysBetween(cal, '2025-12-31', '2026-12-31'), 248); // 261 − 19 + 6
});

test('workingDaysBetween: (from, to] semantics, zero and negative spans', () => {
  assert.equal(workingDaysBetween(cal, '2025-01-25', '2025-01-26'), 1); // make-up Sunday counts
  assert.equal(workingDaysBetween(cal, '2026-10-01', '2026-10-07'), 0);
  assert.equal(workingDaysBetween(cal, '2026-10-22', '2026-10-22'), 0);
  assert.equal(workingDaysBetween(cal, '2026-10-22', '2026-09-18'), -20);
});

test('round trip addWorkingDays ↔ workingDaysBetween over many starts', () => {
  for (let i = 0; i < 800; i += 7) {
    const from = addDays('2024-01-01', i);
    for (const n of [1, 2, 5, 10, 15, 20, 60]) {
      assert.equal(workingDaysBetween(cal, from, addWorkingDays(cal, from, n)), n, `${from} + ${n}`);
    }
  }
});

// chinese-days' function API builds its tables with local-time dayjs and is off by one day
// west of UTC; the oracle is only trustworthy at UTC offsets ≥ 0 (our engine is not affected).
const oracleUsable = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
test('builtin calendar agrees with chinese-days isWorkday for every day 2004–2026', { skip: !oracleUsable && 'chinese-days is TZ-sensitive west of UTC' }, () => {
  const cd = createRequire(import.meta.url)('chinese-days') as { isWorkday(d: Date): boolean };
  for (let d = '2004-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
    const [y, m, day] = d.split('-').map(Number);
    assert.equal(isWorkingDay(cal, d), cd.isWorkday(new Date(y, m - 1, day, 12)), d);
  }
});

test('builtin names follow the notices', () => {
  const byDate = new Map(builtinCalendarData().overrides.map((o) => [o.date, o]));
  assert.deepEqual(byDate.get('2026-10-01'), { date: '2026-10-01', isOffDay: true, name: '国庆节', source: 'builtin' });
  assert.equal(byDate.get('2026-09-25')?.name, '中秋节');
  assert.equal(byDate.get('2025-05-31')?.name, '端午节');
  assert.equal(byDate.get('2025-04-04')?.name, '清明节');
  assert.deepEqual(byDate.get('2025-02-08'), { date: '2025-02-08', isOffDay: false, name: '春节调休上班', source: 'builtin' });
});

test('explainDeadline: 2026-09-18 + 20 lists 中秋/国庆 and the make-up days', () => {
  const e = explainDeadline(cal, '2026-09-18', 20);
  assert.equal(e.due, '2026-10-22');
  assert.equal(e.provisional, false);
  assert.deepEqual(e.uncoveredYears, []);
  const guoqing = e.holidaysSkipped.filter((h) => h.name === '国庆节').map((h) => h.date);
  assert.deepEqual(guoqing, ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
  assert.equal(e.holidaysSkipped.filter((h) => h.name === '中秋节').length, 3);
  assert.deepEqual(e.makeUpDaysCounted.map((d) => d.date), ['2026-09-20', '2026-10-10']);
  assert.equal(e.weekendsSkipped, 4); // 09-19, 10-11, 10-17, 10-18
  // Every day in (from, due] is a working day, a skipped holiday or a skipped weekend.
  assert.equal(e.holidaysSkipped.length + e.weekendsSkipped + 20, calendarDaysIn('2026-09-18', '2026-10-22'));
  assert.match(e.text, /^自2026-09-18起算第20个工作日为2026-10-22；/);
  assert.match(e.text, /中秋节（9月25日至9月27日，共3天）、国庆节（10月1日至10月7日，共7天）/);
  assert.match(e.text, /计入调休上班日：2026-09-20（国庆节调休上班）、2026-10-10（国庆节调休上班）/);
  assert.ok(!e.text.includes('暂定'));
});

test('explainDeadline: 2025 combined 国庆节、中秋节 break reads as one period', () => {
  const e = explainDeadline(cal, '2025-09-26', 4);
  assert.match(e.text, /国庆节、中秋节（10月1日至10月8日，共8天）/);
});

test('explainDeadline: year-end span shows years', () => {
  const e = explainDeadline(cal, '2024-12-20', 30);
  assert.match(e.text, /春节（2025年1月28日至2月4日，共8天）/);
  assert.deepEqual(e.makeUpDaysCounted.map((d) => d.date), ['2025-01-26', '2025-02-08']);
});

test('provisional when the span reaches an uncovered year (2027)', () => {
  const e = explainDeadline(cal, '2026-12-20', 20);
  assert.equal(e.due, '2027-01-15');
  assert.equal(e.provisional, true);
  assert.deepEqual(e.uncoveredYears, [2027]);
  assert.ok(e.text.includes(PROVISIONAL_NOTE));
  assert.ok(e.text.includes('暂定'));
  assert.deepEqual(dueDate(cal, '2026-12-20', 20), { due: '2027-01-15', provisional: true });
});

test('not provisional inside covered years, nor for n = 0 at year end', () => {
  assert.deepEqual(dueDate(cal, '2026-12-01', 20), { due: '2026-12-29', provisional: false });
  assert.deepEqual(dueDate(cal, '2026-12-31', 0), { due: '2026-12-31', provisional: false });
  assert.equal(dueDate(cal, '2026-12-31', 1).provisional, true);
  assert.equal(explainDeadline(cal, '2025-01-24', 7).provisional, false);
});

test('covering a new year via import removes the provisional flag', () => {
  const notice = parseHolidayNotice({
    year: 2027,
    days: [{ name: '元旦', date: '2027-01-01', isOffDay: true }],
  });
  const base = builtinCalendarData();
  const cal2 = createCalendar({ overrides: [...base.overrides, ...notice.overrides], coveredYears: [...base.coveredYears, notice.year] });
  assert.deepEqual(dueDate(cal2, '2026-12-20', 20), { due: '2027-01-18', provisional: false });
});

test('admin override precedence: admin > import > builtin, regardless of order', () => {
  const base = builtinCalendarData();
  const admin: DayOverride = { date: '2026-10-09', isOffDay: true, name: '台风停工', source: 'admin' };
  const withAdmin = createCalendar({ overrides: [...base.overrides, admin], coveredYears: base.coveredYears });
  assert.equal(addWorkingDays(withAdmin, '2026-09-18', 20), '2026-10-23');
  assert.match(explainDeadline(withAdmin, '2026-09-18', 20).text, /台风停工（10月9日，共1天）/);

  // Admin listed first still beats a later import entry for the same date.
  const imp: DayOverride = { date: '2026-10-09', isOffDay: false, name: '导入', source: 'import' };
  const c2 = createCalendar({ overrides: [admin, imp, ...base.overrides], coveredYears: base.coveredYears });
  assert.equal(isWorkingDay(c2, '2026-10-09'), false);

  // Import beats builtin: cancelling the 10-10 make-up day.
  const cancel: DayOverride = { date: '2026-10-10', isOffDay: true, name: '国庆节', source: 'import' };
  const c3 = createCalendar({ overrides: [cancel, ...base.overrides], coveredYears: base.coveredYears });
  assert.equal(isWorkingDay(c3, '2026-10-10'), false);
  assert.equal(addWorkingDays(c3, '2026-09-18', 20), '2026-10-23');

  // Within one source the later entry wins.
  const c4 = createCalendar({ overrides: [admin, { ...admin, isOffDay: false }], coveredYears: [] });
  assert.equal(isWorkingDay(c4, '2026-10-09'), true);
});

test('parseHolidayNotice: valid holiday-cn file, neighbouring-year dates kept', () => {
  const r = parseHolidayNotice({
    year: 2026,
    days: [
      { name: '元旦', date: '2025-12-28', isOffDay: false },
      { name: '元旦', date: '2026-01-01', isOffDay: true },
      { name: '元旦', date: '2026-01-04', isOffDay: false },
    ],
  });
  assert.equal(r.year, 2026);
  assert.equal(r.overrides.length, 3);
  assert.deepEqual(r.overrides[0], { date: '2025-12-28', isOffDay: false, name: '元旦', source: 'import' });
});

test('parseHolidayNotice: failures carry code and a Chinese message', () => {
  const bad = (json: unknown, re: RegExp) =>
    assert.throws(
      () => parseHolidayNotice(json),
      (e: unknown) => e instanceof CalendarError && e.code === 'calendar.invalid_notice' && re.test(e.message),
    );
  bad(null, /应为包含 year 和 days 字段的对象/);
  bad([], /应为包含 year 和 days 字段的对象/);
  bad({ year: '2026', days: [] }, /year 字段/);
  bad({ year: 2026 }, /days 字段应为数组/);
  bad({ year: 2026, days: [] }, /days 字段为空/);
  const ok = { name: '元旦', date: '2026-01-01', isOffDay: true };
  bad({ year: 2026, days: [ok, { ...ok, date: '2026-01-04' }, { ...ok, date: '2026-02-30' }] }, /第3项日期格式错误/);
  bad({ year: 2026, days: [ok, { ...ok, date: '2024-05-01' }] }, /第2项日期2024-05-01不属于2026年度/);
  bad({ year: 2026, days: [{ ...ok, isOffDay: 'yes' }] }, /第1项的 isOffDay 应为 true 或 false/);
  bad({ year: 2026, days: [{ ...ok, name: '' }] }, /第1项缺少节日名称/);
  bad({ year: 2026, days: [ok, ok] }, /第2项日期2026-01-01与第1项重复/);
  bad({ year: 2026, days: ['x'] }, /第1项应为对象/);
});

test('validation: invalid dates and day counts throw CalendarError with stable codes', () => {
  const code = (fn: () => unknown, c: string) =>
    assert.throws(fn, (e: unknown) => e instanceof CalendarError && e.code === c && /[\u4e00-\u9fff]/.test(e.message));
  for (const d of ['2026-02-30', '2025-02-29', '2026-2-3', '2026-13-01', '', '2026/01/01', '1800-01-01']) {
    code(() => addWorkingDays(cal, d, 1), 'calendar.invalid_date');
    assert.equal(isValidIsoDate(d), false, d);
  }
  for (const n of [-1, 1.5, 1001, Number.NaN, Infinity, '3' as unknown as number]) {
    code(() => addWorkingDays(cal, '2026-01-05', n), 'calendar.invalid_days');
  }
  code(() => workingDaysBetween(cal, '2026-01-05', '2026-02-31'), 'calendar.invalid_date');
  code(() => createCalendar({ overrides: [{ date: 'x', isOffDay: true, name: 'a', source: 'admin' }], coveredYears: [] }), 'calendar.invalid_date');
  assert.equal(isValidIsoDate('2024-02-29'), true);
});

test('date helpers are TZ-independent', () => {
  assert.equal(dayOfWeek('2026-10-01'), 4);
  assert.equal(dayOfWeek('2025-01-26'), 0);
  assert.equal(dayOfWeek('2026-10-10'), 6);
  assert.equal(addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(addDays('2025-12-31', 1), '2026-01-01');
  assert.equal(addDays('2026-03-01', -1), '2026-02-28');
});

test('n = 1000 is fast and round-trips', () => {
  const t = performance.now();
  for (let i = 0; i < 50; i++) addWorkingDays(cal, '2024-01-01', 1000);
  assert.ok(performance.now() - t < 500);
  const r = dueDate(cal, '2024-01-01', 1000);
  assert.equal(r.provisional, true);
  assert.equal(workingDaysBetween(cal, '2024-01-01', r.due), 1000);
});

function calendarDaysIn(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) n++;
  return n;
}
