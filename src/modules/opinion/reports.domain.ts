// 舆情日志, 舆情统计 and 专报 as pure rules over rows: the Beijing day and period a page asks for, the
// daily log (items by source, incidents opened / confirmed / responded / closed, open deadlines and
// breaches) and the dashboard's tallies (by day, category, grade, organisation, source, response
// timeliness, the week's terms). No I/O and no clock: `now` and every row are arguments; the SQL that
// gathers the rows is in reports.repo.ts.
import { addDays, isValidIsoDate } from '../../calendar/index.ts';
import { beijingMidnight, beijingToday, toBeijingDate } from '../../platform/time/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { CATEGORIES, DEADLINE_KINDS, GRADES, GRADE_ORDER, INCIDENT_STATUSES, labelOf } from './model.ts';

/** A half-open interval of instants [from, to). */
export interface Bounds { from: Date; to: Date }

/** The instants of one Beijing calendar day (00:00 to the next 00:00 at UTC+8, whatever the server's zone). */
export function dayBounds(date: string): Bounds {
  return { from: beijingMidnight(date), to: beijingMidnight(addDays(date, 1)) };
}

/** From the first day's midnight to the midnight after the last day (Beijing). */
export function rangeBounds(from: string, to: string): Bounds {
  return { from: beijingMidnight(from), to: beijingMidnight(addDays(to, 1)) };
}

/** '2026-10-01' → '2026年10月1日'. */
export function dateLabel(date: string): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Every calendar date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length <= MAX_RANGE_DAYS; d = addDays(d, 1)) out.push(d);
  return out;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** The log's day: today (Beijing) when not given; a bad or future date is refused in Chinese. */
export function parseLogDate(raw: string | undefined, now: Date): Parsed<string> {
  const today = beijingToday(now);
  if (raw === undefined || raw === '') return { ok: true, value: today };
  if (!isValidIsoDate(raw)) return { ok: false, errors: { date: '日期应为有效日期，格式如 2026-10-01' } };
  if (raw > today) return { ok: false, errors: { date: `日期不能晚于今天（${dateLabel(today)}）` } };
  return { ok: true, value: raw };
}

export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

/** The dashboard's period: the last 30 days by default; at most 366 days, not after today. */
export function parseRange(q: { from?: string; to?: string }, now: Date): Parsed<{ from: string; to: string }> {
  const today = beijingToday(now);
  const errors: Record<string, string> = {};
  const to = q.to || today;
  const from = q.from || addDays(isValidIsoDate(to) ? to : today, -(DEFAULT_RANGE_DAYS - 1));
  if (!isValidIsoDate(from)) errors.from = '起始日期应为有效日期，格式如 2026-10-01';
  if (!isValidIsoDate(to)) errors.to = '截止日期应为有效日期，格式如 2026-10-31';
  else if (to > today) errors.to = `截止日期不能晚于今天（${dateLabel(today)}）`;
  if (!errors.from && !errors.to) {
    if (from > to) errors.to = '截止日期不能早于起始日期';
    else if (datesBetween(from, to).length > MAX_RANGE_DAYS) errors.to = `统计期间最长 ${MAX_RANGE_DAYS} 天，请缩短起止日期`;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { from, to } };
}

// --- who sees what -------------------------------------------------------------------------------

/** Incidents a user may read: led or co-handled by an organisation in scope; monitors also the unassigned. */
export interface ReportScope {
  orgIds: readonly number[];
  /** 舆情专员 and 公开办 (研判 and assignment) see incidents no organisation leads yet, and every item. */
  unassigned: boolean;
}

export function reportScopeOf(user: Principal): ReportScope {
  return {
    orgIds: [...scopeOf(user, 'opinion.read')].sort((a, b) => a - b),
    unassigned: scopeOf(user, 'opinion.monitor').size > 0 || scopeOf(user, 'opinion.assign').size > 0,
  };
}

/** The same rule for one incident (its 专报). */
export function mayReadIncident(user: Principal, i: { leadOrgId: number | null; coOrgIds: readonly number[] }): boolean {
  if (i.leadOrgId === null && reportScopeOf(user).unassigned) return true;
  return [i.leadOrgId, ...i.coOrgIds].some((orgId) => orgId !== null && can(user, 'opinion.read', { orgId }));
}

// --- deadlines -----------------------------------------------------------------------------------

export interface DeadlineFacts { dueAt: Date; metAt: Date | null; breachedAt: Date | null }

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'pending';
export const TIMELINESS: Record<Timeliness, string> = {
  on_time: '按时完成',
  late: '超时完成',
  overdue: '超时未完成',
  pending: '未到期',
};
export const TIMELINESS_ORDER: readonly Timeliness[] = ['on_time', 'late', 'overdue', 'pending'];

/** A deadline as it stood at `at`: met in time, met late, passed unmet, or still running. */
export function timelinessAt(d: DeadlineFacts, at: Date): Timeliness {
  if (d.metAt && d.metAt <= at) return d.metAt <= d.dueAt ? 'on_time' : 'late';
  if (d.breachedAt && d.breachedAt <= at) return 'overdue';
  return d.dueAt <= at ? 'overdue' : 'pending';
}

/** The deadline passed unmet within the bounds (as far as `now`): the breach happened then. */
export function breachedWithin(d: DeadlineFacts, b: Bounds, now: Date): boolean {
  const at = d.dueAt;
  return at >= b.from && at < b.to && at <= now && (!d.metAt || d.metAt > at);
}

// --- 舆情日志 ------------------------------------------------------------------------------------

export interface SourceCountRow { source: string; mediaType: string; originals: number; duplicates: number }
export interface LogIncidentRow {
  id: number; no: string; title: string; status: string; grade: string | null; suggestedGrade: string | null;
  leadOrg: string | null; createdAt: Date; confirmedAt: Date | null; closedAt: Date | null;
}
export interface LogResponseRow { incidentId: number; no: string; title: string; channel: string; org: string; respondedAt: Date }
export interface LogDeadlineRow extends DeadlineFacts {
  incidentId: number; no: string; title: string; kind: string; leadOrg: string | null;
  /** When the incident's clocks started (confirmation or creation). */
  startedAt: Date; closedAt: Date | null; status: string;
}

export interface LogEntry { incidentId: number; no: string; title: string; grade: string; status: string; leadOrg: string; at: Date }
export interface LogDeadline { incidentId: number; no: string; title: string; kind: string; leadOrg: string; dueAt: Date; metAt: Date | null; overdue: boolean }
export interface DailyLog {
  date: string;
  label: string;
  /** The instant the log was made up to: the end of the day, or now for today. */
  asOf: Date;
  items: { originals: number; duplicates: number; total: number; bySource: (SourceCountRow & { total: number })[] };
  opened: LogEntry[];
  confirmed: LogEntry[];
  responded: (LogEntry & { channel: string; org: string })[];
  closed: LogEntry[];
  openDeadlines: LogDeadline[];
  breaches: LogDeadline[];
}

const within = (at: Date | null, b: Bounds) => at !== null && at >= b.from && at < b.to;
export const gradeLabel = (grade: string | null, suggested: string | null): string =>
  labelOf(GRADES, grade) || (labelOf(GRADES, suggested) ? `${labelOf(GRADES, suggested)}（建议）` : '未定级');
const byTime = <T extends { at: Date }>(a: T, b: T) => a.at.getTime() - b.at.getTime();

/** The daily log of one Beijing day from its rows. */
export function buildDailyLog(date: string, rows: { sources: SourceCountRow[]; incidents: LogIncidentRow[]; responses: LogResponseRow[]; deadlines: LogDeadlineRow[] }, now: Date): DailyLog {
  const b = dayBounds(date);
  const asOf = now < b.to ? now : b.to;
  const bySource = rows.sources.map((s) => ({ ...s, total: s.originals + s.duplicates }))
    .sort((x, y) => y.total - x.total || x.source.localeCompare(y.source, 'zh-CN'));
  const originals = bySource.reduce((n, s) => n + s.originals, 0);
  const duplicates = bySource.reduce((n, s) => n + s.duplicates, 0);
  const entry = (i: LogIncidentRow, at: Date): LogEntry => ({
    incidentId: i.id, no: i.no, title: i.title, grade: gradeLabel(i.grade, i.suggestedGrade),
    status: labelOf(INCIDENT_STATUSES, i.status) || i.status, leadOrg: i.leadOrg ?? '尚未指定', at,
  });
  const pick = (f: (i: LogIncidentRow) => Date | null) =>
    rows.incidents.filter((i) => within(f(i), b)).map((i) => entry(i, f(i)!)).sort(byTime);
  const incidentOf = new Map(rows.incidents.map((i) => [i.id, i]));
  const responded = rows.responses.filter((r) => within(r.respondedAt, b)).map((r) => {
    const i = incidentOf.get(r.incidentId);
    return {
      incidentId: r.incidentId, no: r.no, title: r.title, grade: i ? gradeLabel(i.grade, i.suggestedGrade) : '', status: i ? labelOf(INCIDENT_STATUSES, i.status) : '',
      leadOrg: i?.leadOrg ?? '', at: r.respondedAt, channel: r.channel, org: r.org,
    };
  }).sort(byTime);
  const dl = (d: LogDeadlineRow, overdue: boolean): LogDeadline => ({
    incidentId: d.incidentId, no: d.no, title: d.title, kind: labelOf(DEADLINE_KINDS, d.kind) || d.kind, leadOrg: d.leadOrg ?? '尚未指定',
    dueAt: d.dueAt, metAt: d.metAt, overdue,
  });
  // Open at the end of the day: the clock had started, the incident was still being handled, not met yet.
  const stillHandled = (d: LogDeadlineRow) => d.startedAt < asOf && (d.closedAt === null || d.closedAt >= asOf) && d.status !== 'dismissed' && d.status !== 'merged';
  const openDeadlines = rows.deadlines.filter((d) => stillHandled(d) && !(d.metAt && d.metAt < asOf))
    .map((d) => dl(d, d.dueAt <= asOf)).sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
  const breaches = rows.deadlines.filter((d) => breachedWithin(d, b, now) && d.status !== 'dismissed' && d.status !== 'merged')
    .map((d) => dl(d, true)).sort((x, y) => x.dueAt.getTime() - y.dueAt.getTime());
  return {
    date, label: dateLabel(date), asOf,
    items: { originals, duplicates, total: originals + duplicates, bySource },
    opened: pick((i) => i.createdAt), confirmed: pick((i) => i.confirmedAt), responded, closed: pick((i) => i.closedAt),
    openDeadlines, breaches,
  };
}

// --- 舆情统计 ------------------------------------------------------------------------------------

export interface DayItemRow { date: string; source: string; originals: number; duplicates: number }
export interface DashIncidentRow { id: number; createdAt: Date; category: string | null; grade: string | null; leadOrg: string | null }
export interface DashDeadlineRow extends DeadlineFacts { kind: string }
export interface TermRow { term: string; count: number }

export interface Tally { label: string; count: number }
export interface Dashboard {
  from: string; to: string; label: string;
  totals: { items: number; duplicates: number; incidents: number; deadlines: number; onTimeRate: number | null };
  days: { date: string; label: string; items: number; duplicates: number; incidents: number }[];
  byCategory: Tally[];
  byGrade: Tally[];
  byOrg: Tally[];
  bySource: { label: string; originals: number; duplicates: number }[];
  timeliness: { kind: string; counts: Record<Timeliness, number> }[];
  timelinessTotal: Record<Timeliness, number>;
  terms: { from: string; to: string; list: TermRow[] };
}

export const NO_CATEGORY = '不属于五类应回应情形';
export const NO_ORG = '尚未指定牵头单位';
export const TERMS_SHOWN = 30;

const shortDate = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;
export const rangeLabel = (from: string, to: string) => (from === to ? dateLabel(from) : `${dateLabel(from)}至${dateLabel(to)}`);

function tally(keys: readonly string[], order: readonly string[], label: (k: string) => string): Tally[] {
  const n = new Map<string, number>();
  for (const k of keys) n.set(k, (n.get(k) ?? 0) + 1);
  const known = order.filter((k) => n.has(k));
  const rest = [...n.keys()].filter((k) => !order.includes(k)).sort((a, b) => n.get(b)! - n.get(a)! || a.localeCompare(b, 'zh-CN'));
  return [...known, ...rest].map((k) => ({ label: label(k), count: n.get(k)! }));
}

/** The dashboard's tallies from its rows (incidents: those opened in the period, without dismissed and merged ones). */
export function buildDashboard(range: { from: string; to: string }, rows: { items: DayItemRow[]; incidents: DashIncidentRow[]; deadlines: DashDeadlineRow[]; terms: TermRow[] }, now: Date): Dashboard {
  const dates = datesBetween(range.from, range.to);
  const perDay = new Map(dates.map((d) => [d, { items: 0, duplicates: 0, incidents: 0 }]));
  const sources = new Map<string, { originals: number; duplicates: number }>();
  for (const r of rows.items) {
    const day = perDay.get(r.date);
    if (!day) continue;
    day.items += r.originals + r.duplicates;
    day.duplicates += r.duplicates;
    const s = sources.get(r.source) ?? { originals: 0, duplicates: 0 };
    s.originals += r.originals;
    s.duplicates += r.duplicates;
    sources.set(r.source, s);
  }
  const incidents = rows.incidents.map((i) => ({ ...i, date: toBeijingDate(i.createdAt) })).filter((i) => perDay.has(i.date));
  for (const i of incidents) perDay.get(i.date)!.incidents++;
  const kinds = Object.keys(DEADLINE_KINDS);
  const timelinessTotal = { on_time: 0, late: 0, overdue: 0, pending: 0 } as Record<Timeliness, number>;
  const perKind = new Map<string, Record<Timeliness, number>>();
  for (const d of rows.deadlines) {
    const t = timelinessAt(d, now);
    const c = perKind.get(d.kind) ?? { on_time: 0, late: 0, overdue: 0, pending: 0 };
    c[t]++;
    timelinessTotal[t]++;
    perKind.set(d.kind, c);
  }
  const judged = timelinessTotal.on_time + timelinessTotal.late + timelinessTotal.overdue;
  const days = dates.map((d) => ({ date: d, label: shortDate(d), ...perDay.get(d)! }));
  const termsFrom = addDays(range.to, -6) < range.from ? range.from : addDays(range.to, -6);
  return {
    from: range.from, to: range.to, label: rangeLabel(range.from, range.to),
    totals: {
      items: days.reduce((n, d) => n + d.items, 0), duplicates: days.reduce((n, d) => n + d.duplicates, 0),
      incidents: incidents.length, deadlines: rows.deadlines.length,
      onTimeRate: judged ? timelinessTotal.on_time / judged : null,
    },
    days,
    byCategory: tally(incidents.map((i) => i.category ?? ''), Object.keys(CATEGORIES), (k) => labelOf(CATEGORIES, k) || NO_CATEGORY),
    byGrade: tally(incidents.map((i) => i.grade ?? ''), GRADE_ORDER, (k) => labelOf(GRADES, k) || '未定级'),
    byOrg: tally(incidents.map((i) => i.leadOrg ?? ''), [], (k) => k || NO_ORG),
    bySource: [...sources].map(([label, s]) => ({ label, ...s }))
      .sort((a, b) => b.originals + b.duplicates - (a.originals + a.duplicates) || a.label.localeCompare(b.label, 'zh-CN')),
    timeliness: kinds.filter((k) => perKind.has(k)).map((k) => ({ kind: labelOf(DEADLINE_KINDS, k), counts: perKind.get(k)! })),
    timelinessTotal,
    terms: { from: termsFrom, to: range.to, list: topTerms(rows.terms, TERMS_SHOWN) },
  };
}

/** The most frequent terms (ties in term order), merged by spelling, without one-character noise. */
export function topTerms(rows: readonly TermRow[], n: number): TermRow[] {
  const m = new Map<string, number>();
  for (const r of rows) {
    const t = r.term.trim();
    if (Array.from(t).length < 2) continue;
    m.set(t, (m.get(t) ?? 0) + r.count);
  }
  return [...m].map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || a.term.localeCompare(b.term, 'zh-CN')).slice(0, n);
}

/** 1–5: how large a term is drawn in the weighted list (by its share of the top count). */
export function termWeight(count: number, max: number): 1 | 2 | 3 | 4 | 5 {
  if (max <= 0) return 1;
  return Math.max(1, Math.min(5, Math.ceil((count / max) * 5))) as 1 | 2 | 3 | 4 | 5;
}

export const percentText = (r: number | null): string => (r === null ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);
