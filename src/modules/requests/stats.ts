// Statistics of on-request disclosure (SPEC.md §3 "Statistics page"): received, closed, on time,
// median working days to reply (paused time excluded), carried over — in total and by organisation,
// outcome (annual-report rows), applicant type and channel. One SQL statement aggregates everything
// (grouping sets), so the page stays fast at 100,000+ cases; the working-day arithmetic joins a
// cumulative working-day index built from the live calendar.
import { addDays, isValidIsoDate, isWorkingDay, type WorkCalendar } from '../../calendar/index.ts';
import type { Executor } from '../../platform/db/index.ts';
import * as repo from './stats.repo.ts';
import {
  APPLICANT_TYPES, APPLICANT_TYPE_KEYS, CHANNELS, CHANNEL_KEYS, CORRECTION_OUTCOMES, OUTCOMES, OUTCOME_KEYS,
} from './model.ts';

// ---------------------------------------------------------------------------------------------
// Filters (pure)

export interface StatsQuery {
  /** 'year' (a calendar year) or 'range' (from/to dates). */
  mode: 'year' | 'range';
  year: string;
  from: string;
  to: string;
  /** Organisation id as typed ('' = every organisation in scope). */
  org: string;
}

export interface StatsPeriod { from: string; to: string; label: string }

/** Longest range one may ask for: enough for a multi-year comparison, short enough to stay quick. */
export const MAX_RANGE_DAYS = 366 * 10;

export function readStatsQuery(q: Record<string, unknown>, today: string): StatsQuery {
  const s = (k: string, max = 20) => (typeof q[k] === 'string' ? (q[k] as string).trim().slice(0, max) : '');
  const from = s('from');
  const to = s('to');
  const mode = s('mode') === 'range' || (!s('mode') && (from || to)) ? 'range' : 'year';
  return { mode, year: s('year') || today.slice(0, 4), from, to, org: s('org') };
}

/** The period asked for, or the Chinese message per field. */
export function periodOf(q: StatsQuery): { ok: true; period: StatsPeriod } | { ok: false; fields: Record<string, string> } {
  if (q.mode === 'year') {
    if (!/^\d{4}$/.test(q.year) || Number(q.year) < 2000 || Number(q.year) > 2100) return { ok: false, fields: { year: '请选择 2000 至 2100 年之间的年份' } };
    return { ok: true, period: { from: `${q.year}-01-01`, to: `${q.year}-12-31`, label: `${q.year}年` } };
  }
  const fields: Record<string, string> = {};
  if (!q.from) fields.from = '请填写起始日期';
  else if (!isValidIsoDate(q.from)) fields.from = '起始日期应为有效日期，格式如 2026-01-01';
  if (!q.to) fields.to = '请填写截止日期';
  else if (!isValidIsoDate(q.to)) fields.to = '截止日期应为有效日期，格式如 2026-12-31';
  if (!fields.from && !fields.to) {
    if (q.from > q.to) fields.to = '截止日期不能早于起始日期';
    else if (q.from < '2000-01-01' || q.to > '2100-12-31') fields.from = '统计期间应在 2000 年至 2100 年之间';
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_RANGE_DAYS) fields.to = '统计期间不能超过 10 年';
  }
  if (Object.keys(fields).length) return { ok: false, fields };
  return { ok: true, period: { from: q.from, to: q.to, label: `${q.from} 至 ${q.to}` } };
}

/** The organisation and its descendants (an organisation's statistics include its units). */
export function subtreeOf(orgs: readonly { id: number; parentId: number | null }[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const o of orgs) if (o.parentId != null) (children.get(o.parentId) ?? children.set(o.parentId, []).get(o.parentId)!).push(o.id);
  const out: number[] = [];
  const stack = [rootId];
  const seen = new Set<number>();
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return out.sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// Working-day index

/**
 * Cumulative working-day numbers for every date of [from, to]: idx(b) − idx(a) = working days in (a, b].
 * Built once per calendar object (the service replaces the object when the calendar changes).
 */
const indexCache = new WeakMap<WorkCalendar, Map<string, { dates: string[]; idx: number[] }>>();
export function workingDayIndex(cal: WorkCalendar, from: string, to: string): { dates: string[]; idx: number[] } {
  let perCal = indexCache.get(cal);
  if (!perCal) indexCache.set(cal, (perCal = new Map()));
  const key = `${from}/${to}`;
  const hit = perCal.get(key);
  if (hit) return hit;
  const dates: string[] = [];
  const idx: number[] = [];
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) {
    if (isWorkingDay(cal, d)) n++;
    dates.push(d);
    idx.push(n);
  }
  const v = { dates, idx };
  if (perCal.size > 20) perCal.clear();
  perCal.set(key, v);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Aggregation

export interface StatsCounts {
  /** Received in the period (by the 第31条 receipt date). */
  received: number;
  /** Closed in the period (by the reply date, or the closing date when closed without a reply). */
  closed: number;
  /** Closed with a reply and a statutory due date: the base of the on-time rate. */
  judged: number;
  /** Of those, replied on or before the statutory due date. */
  onTime: number;
  /** judged ? onTime / judged : null */
  onTimeRate: number | null;
  /** Median working days from receipt to reply, paused time (补正 awaited, consultation, fee) excluded (in total and by organisation). */
  medianDays: number | null;
  /** Open at the end of the period (received by then, not closed by then). */
  carried: number;
}

export interface StatsLine extends StatsCounts { key: string; label: string; group?: string }

export interface Stats {
  period: StatsPeriod;
  total: StatsCounts;
  byOrg: StatsLine[];
  byOutcome: StatsLine[];
  byApplicantType: StatsLine[];
  byChannel: StatsLine[];
}

type AggRow = repo.StatsAggRow;

const EMPTY: StatsCounts = { received: 0, closed: 0, judged: 0, onTime: 0, onTimeRate: null, medianDays: null, carried: 0 };

function counts(r: AggRow | undefined): StatsCounts {
  if (!r) return { ...EMPTY };
  const judged = Number(r.judged);
  const onTime = Number(r.on_time);
  return {
    received: Number(r.received), closed: Number(r.closed), judged, onTime,
    onTimeRate: judged ? onTime / judged : null,
    medianDays: r.median == null ? null : Number(r.median),
    carried: Number(r.carried),
  };
}

/** How far back a case closed in the period may have been received and still count in the median. */
const LOOKBACK_DAYS = 366 * 3;

/**
 * All figures for the period over the given organisations (already limited to the user's scope).
 * orgs: id → name of every organisation in scope, for the by-organisation table (in that order).
 */
export async function computeStats(db: Executor, cal: WorkCalendar, input: { period: StatsPeriod; orgIds: readonly number[]; orgs: readonly { id: number; name: string }[] }): Promise<Stats> {
  const { from, to } = input.period;
  const first = addDays(from, -LOOKBACK_DAYS);
  const idx = workingDayIndex(cal, first, addDays(to, 400));
  return shape(await repo.selectStatsAggregates(db, { from, to, first, orgIds: input.orgIds, workdayIndex: idx.idx }), input);
}

function shape(rows: AggRow[], input: { period: StatsPeriod; orgIds: readonly number[]; orgs: readonly { id: number; name: string }[] }): Stats {
  const pick = (fn: (x: AggRow) => boolean) => rows.filter(fn);
  const total = counts(rows.find((x) => x.g_org && x.g_outcome && x.g_type && x.g_channel));
  const orgRows = new Map(pick((x) => !x.g_org).map((x) => [Number(x.org_id), x]));
  const byOrg: StatsLine[] = input.orgs.filter((o) => input.orgIds.includes(o.id))
    .map((o) => ({ key: String(o.id), label: o.name, ...counts(orgRows.get(o.id)) }));

  const outRows = new Map(pick((x) => !x.g_outcome && x.outcome != null).map((x) => [String(x.outcome), x]));
  const byOutcome: StatsLine[] = OUTCOME_KEYS.map((k) => ({ key: k, label: OUTCOMES[k].label, group: OUTCOMES[k].group, ...counts(outRows.get(k)) }));
  // Correction requests have outcomes of their own; any other stored code is still shown, never dropped.
  for (const [k, x] of outRows) {
    if (Object.hasOwn(OUTCOMES, k)) continue;
    const label = Object.hasOwn(CORRECTION_OUTCOMES, k) ? CORRECTION_OUTCOMES[k as keyof typeof CORRECTION_OUTCOMES] : k;
    byOutcome.push({ key: k, label, group: Object.hasOwn(CORRECTION_OUTCOMES, k) ? '更正申请' : '其他', ...counts(x) });
  }

  const typeRows = new Map(pick((x) => !x.g_type).map((x) => [String(x.applicant_type), x]));
  const byApplicantType: StatsLine[] = APPLICANT_TYPE_KEYS.map((k) => ({ key: k, label: APPLICANT_TYPES[k], ...counts(typeRows.get(k)) }));
  const chanRows = new Map(pick((x) => !x.g_channel).map((x) => [String(x.channel), x]));
  const byChannel: StatsLine[] = CHANNEL_KEYS.map((k) => ({ key: k, label: CHANNELS[k].label, ...counts(chanRows.get(k)) }));

  return { period: input.period, total, byOrg, byOutcome, byApplicantType, byChannel };
}

/** How long computed figures are reused: statistics may lag a minute behind, the page says so. */
export const STATS_CACHE_MS = 60_000;
const statsCache = new Map<string, { at: number; cal: WorkCalendar; stats: Stats }>();

/**
 * computeStats with a per-process cache of STATS_CACHE_MS per (organisations, period): at 100,000 cases one
 * computation takes a few hundred milliseconds, and many people opening the same figures need not repeat it.
 * A calendar change (a new calendar object) invalidates at once.
 */
export async function cachedStats(db: Executor, cal: WorkCalendar, input: { period: StatsPeriod; orgIds: readonly number[]; orgs: readonly { id: number; name: string }[] }, nowMs = Date.now()): Promise<Stats & { computedAt: number }> {
  const key = `${input.period.from}/${input.period.to}/${[...input.orgIds].sort((a, b) => a - b).join(',')}`;
  const hit = statsCache.get(key);
  if (hit && hit.cal === cal && nowMs - hit.at < STATS_CACHE_MS) {
    // Names may differ between callers with the same ids (never in practice); labels come from this caller.
    const names = new Map(input.orgs.map((o) => [String(o.id), o.name]));
    return { ...hit.stats, period: input.period, byOrg: hit.stats.byOrg.map((l) => ({ ...l, label: names.get(l.key) ?? l.label })), computedAt: hit.at };
  }
  const stats = await computeStats(db, cal, input);
  if (statsCache.size >= 200) statsCache.clear();
  statsCache.set(key, { at: nowMs, cal, stats });
  return { ...stats, computedAt: nowMs };
}

/** Outcome lines with a subtotal per annual-report group (（一）…（六）), in report order. */
export function outcomeGroups(lines: readonly StatsLine[]): { group: string; closed: number; lines: StatsLine[] }[] {
  const out: { group: string; closed: number; lines: StatsLine[] }[] = [];
  for (const l of lines) {
    const g = l.group ?? '其他';
    let e = out.find((x) => x.group === g);
    if (!e) out.push((e = { group: g, closed: 0, lines: [] }));
    e.lines.push(l);
    e.closed += l.closed;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Presentation helpers and CSV (pure)

export const percent = (rate: number | null): string => (rate == null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);
export const medianText = (d: number | null): string => (d == null ? '—' : Number.isInteger(d) ? String(d) : d.toFixed(1));

/** The one CSV writer of the platform (UTF-8 BOM, CRLF, formula guard). */
export { csvCell, toCsv } from '../../platform/csv/index.ts';

export const LINE_HEADERS = ['收到申请', '办结', '按期答复', '按期答复率', '答复用时中位数（工作日）', '期末结转'];
/** The breakdowns by applicant type and channel have no median (computed in total and by organisation only). */
export const LINE_HEADERS_NO_MEDIAN = LINE_HEADERS.filter((h) => !h.startsWith('答复用时'));
const lineCells = (c: StatsCounts) => [c.received, c.closed, `${c.onTime}/${c.judged}`, percent(c.onTimeRate), medianText(c.medianDays), c.carried];
const lineCellsNoMedian = (c: StatsCounts) => [c.received, c.closed, `${c.onTime}/${c.judged}`, percent(c.onTimeRate), c.carried];

export function statsCsvRows(s: Stats, scopeLabel: string): (string | number)[][] {
  const rows: (string | number)[][] = [
    ['依申请公开统计'],
    ['统计期间', s.period.label],
    ['统计范围', scopeLabel],
    [],
    ['总体', ...LINE_HEADERS],
    ['合计', ...lineCells(s.total)],
    [],
    ['机构', ...LINE_HEADERS],
    ...s.byOrg.map((l) => [l.label, ...lineCells(l)]),
    [],
    ['办理结果类别', '办理结果', '办结件数'],
    ...s.byOutcome.map((l) => [l.group ?? '', l.label, l.closed]),
    [],
    ['申请人类型', ...LINE_HEADERS_NO_MEDIAN],
    ...s.byApplicantType.map((l) => [l.label, ...lineCellsNoMedian(l)]),
    [],
    ['申请渠道', ...LINE_HEADERS_NO_MEDIAN],
    ...s.byChannel.map((l) => [l.label, ...lineCellsNoMedian(l)]),
    [],
    ['说明', '按期答复：答复日期不晚于法定答复期限（含延期）；答复用时自收到申请之日起按工作日计算，不含补正、征求意见和缴费期间。'],
  ];
  return rows;
}
