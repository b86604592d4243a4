// Pure working-day calendar for statutory deadlines (法定节假日 + 调休).
// No I/O, no clock: the calendar data and the start date are always arguments.
// Dates are calendar dates in Asia/Shanghai written as 'YYYY-MM-DD'; internally they are
// converted to UTC day numbers so the process TZ never affects the result.
import { createRequire } from 'node:module';

// ---------------------------------------------------------------------------
// Errors

export type CalendarErrorCode =
  | 'calendar.invalid_date'
  | 'calendar.invalid_days'
  | 'calendar.invalid_override'
  | 'calendar.invalid_notice'
  | 'calendar.builtin_data';

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  constructor(code: CalendarErrorCode, message: string) {
    super(message);
    this.name = 'CalendarError';
    this.code = code;
  }
}

// ---------------------------------------------------------------------------
// Date helpers (UTC day numbers)

const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
export const MAX_WORKING_DAYS = 1000;

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict check: shape, real calendar date (no 2026-02-30), supported year range. */
export function isValidIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < MIN_YEAR || y > MAX_YEAR || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' → days since 1970-01-01; throws CalendarError on anything invalid. */
export function parseIsoDate(value: unknown, label = '日期'): number {
  if (!isValidIsoDate(value)) {
    const shown = typeof value === 'string' ? `“${value}”` : String(value);
    throw new CalendarError(
      'calendar.invalid_date',
      `${label}${shown}无效，应为 YYYY-MM-DD 格式的有效日期（${MIN_YEAR}—${MAX_YEAR}年）`,
    );
  }
  const [y, mo, d] = value.split('-').map(Number);
  return Date.UTC(y, mo - 1, d) / MS_PER_DAY;
}

export function formatDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, n: number): string {
  return formatDayNumber(parseIsoDate(date) + n);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function dayOfWeek(date: string): number {
  return dowOf(parseIsoDate(date));
}

const dowOf = (day: number): number => (((day + 4) % 7) + 7) % 7;
const isWeekendDay = (day: number): boolean => {
  const w = dowOf(day);
  return w === 0 || w === 6;
};
const yearOf = (day: number): number => new Date(day * MS_PER_DAY).getUTCFullYear();

// ---------------------------------------------------------------------------
// Calendar model

export type OverrideSource = 'builtin' | 'import' | 'admin';

/** One date whose status differs from (or annotates) the plain Mon–Fri week. */
export type DayOverride = {
  date: string;
  isOffDay: boolean;
  name: string;
  source: OverrideSource;
};

export interface WorkCalendar {
  /** Keyed by UTC day number; holds the winning override for each date. */
  readonly overrides: ReadonlyMap<number, DayOverride>;
  /** Years whose State Council notice is loaded; other years are treated as plain weeks, provisionally. */
  readonly coveredYears: ReadonlySet<number>;
}

const SOURCE_RANK: Record<OverrideSource, number> = { builtin: 0, import: 1, admin: 2 };

/**
 * Builds an immutable calendar.
 * Precedence per date: builtin < import < admin (a higher source always wins, whatever the
 * array order); within the same source a later entry replaces an earlier one.
 */
export function createCalendar(input: { overrides: readonly DayOverride[]; coveredYears: readonly number[] }): WorkCalendar {
  const indexed = input.overrides.map((o, i) => ({ o, i }));
  for (const { o, i } of indexed) {
    if (!o || typeof o.isOffDay !== 'boolean' || typeof o.name !== 'string' || !Object.hasOwn(SOURCE_RANK, o.source)) {
      throw new CalendarError('calendar.invalid_override', `第${i + 1}条日历调整数据格式错误`);
    }
  }
  // Stable sort by source rank, so equal-rank entries keep their order (later wins).
  indexed.sort((a, b) => SOURCE_RANK[a.o.source] - SOURCE_RANK[b.o.source] || a.i - b.i);
  const overrides = new Map<number, DayOverride>();
  for (const { o, i } of indexed) {
    overrides.set(parseIsoDate(o.date, `第${i + 1}条日历调整的日期`), Object.freeze({ ...o }));
  }
  for (const y of input.coveredYears) {
    if (!Number.isInteger(y) || y < MIN_YEAR || y > MAX_YEAR) {
      throw new CalendarError('calendar.invalid_override', `覆盖年度“${y}”无效`);
    }
  }
  return Object.freeze({ overrides, coveredYears: new Set(input.coveredYears) });
}

function isWorkingDayNumber(cal: WorkCalendar, day: number): boolean {
  const o = cal.overrides.get(day);
  return o ? !o.isOffDay : !isWeekendDay(day);
}

export function isWorkingDay(cal: WorkCalendar, date: string): boolean {
  return isWorkingDayNumber(cal, parseIsoDate(date));
}

export function isYearCovered(cal: WorkCalendar, year: number): boolean {
  return cal.coveredYears.has(year);
}

function checkDays(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new CalendarError('calendar.invalid_days', `工作日天数应为 0 至 ${MAX_WORKING_DAYS} 之间的整数，当前值为“${String(n)}”`);
  }
  return n;
}

/** Day number of the n-th working day after `start` (the start day itself is never counted). */
function nthWorkingDay(cal: WorkCalendar, start: number, n: number): number {
  let day = start;
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (isWorkingDayNumber(cal, day)) counted += 1;
  }
  return day;
}

/**
 * The n-th working day after `date`. Per 民法典 第201条 the start day is never counted:
 * day 1 is the first working day strictly after `date`. n = 0 returns `date` unchanged.
 */
export function addWorkingDays(cal: WorkCalendar, date: string, n: number): string {
  const start = parseIsoDate(date, '起算日期');
  return formatDayNumber(nthWorkingDay(cal, start, checkDays(n)));
}

/**
 * Working days in (from, to]; the inverse of addWorkingDays.
 * If `to` is before `from` the result is negative (−working days in (to, from]), e.g. overdue days.
 */
export function workingDaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = parseIsoDate(from, '起始日期');
  const b = parseIsoDate(to, '截止日期');
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingDayNumber(cal, day)) count++;
  return sign * count;
}

/** Uncovered years touched by the interval (start, end] — years are contiguous, so this is cheap. */
function uncoveredYearsIn(cal: WorkCalendar, start: number, end: number): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let y = yearOf(start + 1); y <= yearOf(end); y++) if (!cal.coveredYears.has(y)) out.push(y);
  return out;
}

/** Due date plus whether it depends on a year whose holiday notice is not yet loaded. */
export function dueDate(cal: WorkCalendar, from: string, n: number): { due: string; provisional: boolean } {
  const start = parseIsoDate(from, '起算日期');
  const end = nthWorkingDay(cal, start, checkDays(n));
  return { due: formatDayNumber(end), provisional: uncoveredYearsIn(cal, start, end).length > 0 };
}

export interface DeadlineExplanation {
  due: string;
  provisional: boolean;
  uncoveredYears: number[];
  /** Every off-day override in (from, due], including holiday days that fall on a weekend. */
  holidaysSkipped: { date: string; name: string }[];
  /** Weekend days in (from, due] that are working days by override (调休上班). */
  makeUpDaysCounted: { date: string; name: string }[];
  /** Ordinary Saturdays/Sundays in (from, due] without any override. */
  weekendsSkipped: number;
  text: string;
}

export const PROVISIONAL_NOTE = '（截止日期所在年度的节假日安排尚未公布，本期限为暂定，待公布后将重新计算）';

export function explainDeadline(cal: WorkCalendar, from: string, n: number): DeadlineExplanation {
  const start = parseIsoDate(from, '起算日期');
  const end = nthWorkingDay(cal, start, checkDays(n));
  const due = formatDayNumber(end);
  const uncoveredYears = uncoveredYearsIn(cal, start, end);
  const holidaysSkipped: { date: string; name: string }[] = [];
  const makeUpDaysCounted: { date: string; name: string }[] = [];
  let weekendsSkipped = 0;
  for (let day = start + 1; day <= end; day++) {
    const o = cal.overrides.get(day);
    if (o?.isOffDay) holidaysSkipped.push({ date: formatDayNumber(day), name: o.name });
    else if (o && isWeekendDay(day)) makeUpDaysCounted.push({ date: formatDayNumber(day), name: o.name });
    else if (!o && isWeekendDay(day)) weekendsSkipped++;
  }

  const parts = [n === 0 ? `期限为0个工作日，截止日期即起算日${due}` : `自${from}起算第${n}个工作日为${due}`];
  if (holidaysSkipped.length > 0) {
    const crossesYear = yearOf(start + 1) !== yearOf(end);
    const groups = groupRuns(holidaysSkipped).map(
      (g) => `${g.names.join('、')}（${cnRange(g.first, g.last, crossesYear)}，共${g.count}天）`,
    );
    parts.push(`期间跳过节假日：${groups.join('、')}`);
  }
  if (makeUpDaysCounted.length > 0) {
    const label = (name: string) => (name.includes('调休') ? name : `${name}调休上班`);
    parts.push(`计入调休上班日：${makeUpDaysCounted.map((d) => `${d.date}（${label(d.name)}）`).join('、')}`);
  }
  if (weekendsSkipped > 0) parts.push(`跳过周末${weekendsSkipped}天`);
  let text = parts.join('；') + '。';
  if (uncoveredYears.length > 0) text += PROVISIONAL_NOTE;

  return { due, provisional: uncoveredYears.length > 0, uncoveredYears, holidaysSkipped, makeUpDaysCounted, weekendsSkipped, text };
}

/**
 * Groups consecutive dates into one run whatever their names, so a combined break reads as
 * one period (2025: 国庆节 10-01…10-08 with 中秋节 on 10-06 → "国庆节、中秋节（…，共8天）").
 */
function groupRuns(days: { date: string; name: string }[]) {
  const runs: { names: string[]; first: string; last: string; count: number; lastDay: number }[] = [];
  for (const d of days) {
    const n = parseIsoDate(d.date);
    const prev = runs[runs.length - 1];
    if (prev && prev.lastDay === n - 1) {
      if (!prev.names.includes(d.name)) prev.names.push(d.name);
      prev.last = d.date;
      prev.lastDay = n;
      prev.count++;
    } else runs.push({ names: [d.name], first: d.date, last: d.date, count: 1, lastDay: n });
  }
  return runs;
}

function cnDate(date: string, withYear: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}

/** "10月1日至10月7日"; years are shown only when the deadline spans a year end. */
function cnRange(first: string, last: string, withYear: boolean): string {
  if (first === last) return cnDate(first, withYear);
  return `${cnDate(first, withYear)}至${cnDate(last, withYear && first.slice(0, 4) !== last.slice(0, 4))}`;
}

// ---------------------------------------------------------------------------
// holiday-cn notice import

/**
 * Validates one holiday-cn style file: { year, days: [{ name, date, isOffDay }] }.
 * Dates in year−1 … year+1 are accepted (files sometimes carry a make-up day of the adjacent year).
 */
export function parseHolidayNotice(json: unknown): { year: number; overrides: DayOverride[] } {
  const fail = (msg: string): never => {
    throw new CalendarError('calendar.invalid_notice', `节假日安排数据无效：${msg}`);
  };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('应为包含 year 和 days 字段的对象');
  const { year, days } = json as { year?: unknown; days?: unknown };
  if (typeof year !== 'number' || !Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`year 字段应为 ${MIN_YEAR}—${MAX_YEAR} 之间的整数年份`);
  }
  if (!Array.isArray(days)) return fail('days 字段应为数组');
  if (days.length === 0) return fail('days 字段为空');

  const problems: string[] = [];
  const seen = new Map<string, number>();
  const overrides: DayOverride[] = [];
  days.forEach((item: unknown, i) => {
    const at = `第${i + 1}项`;
    if (typeof item !== 'object' || item === null) return void problems.push(`${at}应为对象`);
    const { name, date, isOffDay } = item as { name?: unknown; date?: unknown; isOffDay?: unknown };
    const itemProblems: string[] = [];
    if (typeof name !== 'string' || name.trim() === '') itemProblems.push(`${at}缺少节日名称`);
    if (typeof isOffDay !== 'boolean') itemProblems.push(`${at}的 isOffDay 应为 true 或 false`);
    if (!isValidIsoDate(date)) itemProblems.push(`${at}日期格式错误（${String(date)}），应为 YYYY-MM-DD`);
    else if (Math.abs(Number(date.slice(0, 4)) - year) > 1) itemProblems.push(`${at}日期${date}不属于${year}年度`);
    else if (seen.has(date)) itemProblems.push(`${at}日期${date}与第${seen.get(date)}项重复`);
    if (itemProblems.length > 0) return void problems.push(...itemProblems);
    seen.set(date as string, i + 1);
    overrides.push({ date: date as string, isOffDay: isOffDay as boolean, name: (name as string).trim(), source: 'import' });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('；');
    fail(problems.length > 10 ? `${shown}；等共${problems.length}处错误` : shown);
  }
  return { year, overrides };
}

// ---------------------------------------------------------------------------
// Built-in data from the chinese-days package

// chinese-days uses short names for some festivals; use the names of the State Council notices.
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

type RawChineseDays = { holidays: Record<string, string>; workdays: Record<string, string> };

let builtinMemo: { overrides: DayOverride[]; coveredYears: number[] } | undefined;
let builtinCalendarMemo: WorkCalendar | undefined;

/**
 * Overrides and covered years from chinese-days' published JSON (dist/chinese-days.json,
 * values like "National Day,国庆节,3"). Every holiday-period day is kept (weekend ones only
 * carry the name); make-up working days are named "<节日>调休上班".
 * chinese-days silently treats years after its data as ordinary weeks, hence coveredYears.
 * Memoised: the data is static for the life of the process. Do not mutate the result.
 */
export function builtinCalendarData(): { overrides: DayOverride[]; coveredYears: number[] } {
  if (builtinMemo) return builtinMemo;
  const raw = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as RawChineseDays;
  if (!raw || typeof raw.holidays !== 'object' || typeof raw.workdays !== 'object') {
    throw new CalendarError('calendar.builtin_data', '内置节假日数据（chinese-days）格式无法识别');
  }
  const nameOf = (value: string): string => {
    const cn = value.split(',')[1]?.trim() || value;
    return FULL_NAMES[cn] ?? cn;
  };
  const overrides: DayOverride[] = [];
  const years = new Set<number>();
  const add = (table: Record<string, string>, isOffDay: boolean) => {
    for (const date of Object.keys(table).sort()) {
      parseIsoDate(date, '内置节假日数据中的日期');
      // A year counts as covered only through its own holidays: a notice may list a make-up
      // working day in the neighbouring year, which says nothing about that year's notice.
      if (isOffDay) years.add(Number(date.slice(0, 4)));
      const name = nameOf(table[date]);
      overrides.push({ date, isOffDay, name: isOffDay ? name : `${name}调休上班`, source: 'builtin' });
    }
  };
  add(raw.holidays, true);
  add(raw.workdays, false);
  builtinMemo = { overrides, coveredYears: [...years].sort((a, b) => a - b) };
  return builtinMemo;
}

/** The calendar built from builtin data only (memoised). */
export function builtinCalendar(): WorkCalendar {
  builtinCalendarMemo ??= createCalendar(builtinCalendarData());
  return builtinCalendarMemo;
}
