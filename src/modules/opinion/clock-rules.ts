// The clocks of an incident as pure rules (no I/O): from the grade, the instant 研判 confirmed it
// and how it started, the deadlines it must meet — in hours on the clock, not working days, since
// opinion does not wait for Monday. Instants in, instants out; shown as ISO 8601 with +08:00
// (China has kept UTC+8 without daylight saving since 1991, so an hour is always an hour).
//
// Presets:
// - gov2016 (default): 国办发〔2016〕61号 and 〔2016〕80号 — 重大 / 特别重大: authoritative information
//   within 5 h and a press conference within 24 h; every other grade: a response within 48 h.
// - nanchang2020: seed 004 §五 (南昌县政务舆情回应制度) — 重大 / 特别重大: a press conference within
//   24 h at the latest (the local rule names no 5-hour step); others: 48 h.
// Both: 上级交办 adds the deadline the task came with; after the first response the incident owes
// continuing updates (持续发布权威信息) — every 24 h for 重大 / 特别重大, every 48 h for 较大,
// none for 一般 (its one response answers it) — until it is closed.
import { beijingIso, parseBeijingInstant } from '../../platform/time/index.ts';
import { DEADLINE_KINDS, GRADES, isMajorGrade, type DeadlineKind, type Grade, type Origin } from './model.ts';

export const CLOCK_PRESETS = {
  gov2016: '国办发〔2016〕61号、80号',
  nanchang2020: '南昌县政务舆情回应制度（2020）',
} as const;
export type ClockPreset = keyof typeof CLOCK_PRESETS;
export const DEFAULT_PRESET: ClockPreset = 'gov2016';
export const isClockPreset = (v: string): v is ClockPreset => Object.hasOwn(CLOCK_PRESETS, v);

const HOUR = 3_600_000;

interface GradeRule { kind: DeadlineKind; hours: number; basis: string }

const MAJOR_GOV: GradeRule[] = [
  { kind: 'first_info', hours: 5, basis: '国办发〔2016〕80号：涉及特别重大、重大突发事件的政务舆情，最迟应在5小时内发布权威信息' },
  { kind: 'press_conference', hours: 24, basis: '国办发〔2016〕61号、80号：涉及特别重大、重大突发事件的政务舆情，在24小时内举行新闻发布会' },
];
const OTHER_GOV: GradeRule[] = [
  { kind: 'response', hours: 48, basis: '国办发〔2016〕61号：对其他政务舆情应在48小时内予以回应' },
];
const MAJOR_NANCHANG: GradeRule[] = [
  { kind: 'press_conference', hours: 24, basis: '南昌县政务舆情回应制度第五条：涉及特别重大、重大突发事件的政务舆情，最迟应在24小时内举行新闻发布会' },
];
const OTHER_NANCHANG: GradeRule[] = [
  { kind: 'response', hours: 48, basis: '南昌县政务舆情回应制度第五条：其他政务舆情应在48小时内予以回应' },
];

const RULES: Record<ClockPreset, { major: GradeRule[]; other: GradeRule[] }> = {
  gov2016: { major: MAJOR_GOV, other: OTHER_GOV },
  nanchang2020: { major: MAJOR_NANCHANG, other: OTHER_NANCHANG },
};

/** Hours between continuing updates once the first response is out (null: none owed). */
export const UPDATE_HOURS: Record<Grade, number | null> = { general: null, large: 48, major: 24, extreme: 24 };
const UPDATE_BASIS = '国办发〔2016〕61号：根据工作进展情况，持续发布权威信息';
const HIGHER_BASIS = '上级交办：按交办机关要求的时限回应';

export interface ClockInput {
  grade: Grade;
  /** When 研判 confirmed the incident (or the grade changed): the grade clocks run from here. */
  start: Date;
  origin: Origin;
  /** 上级交办: the deadline the task came with. */
  higherDeadline?: Date | null;
  /** The latest authoritative information published (a response): the next update runs from here. */
  lastInfoAt?: Date | null;
  preset?: ClockPreset;
}

export interface Deadline { kind: DeadlineKind; label: string; dueAt: Date; basis: string }

export type ClockResult = { ok: true; deadlines: Deadline[] } | { ok: false; message: string };

const valid = (d: Date | null | undefined): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** The kind whose deadline is the incident's first response (the 5 h step, or 24 h / 48 h). */
export function firstResponseKind(grade: Grade, preset: ClockPreset = DEFAULT_PRESET): DeadlineKind {
  return (isMajorGrade(grade) ? RULES[preset].major : RULES[preset].other)[0]!.kind;
}

/** Every deadline of an incident, earliest first. */
export function computeDeadlines(input: ClockInput): ClockResult {
  const preset = input.preset ?? DEFAULT_PRESET;
  if (!Object.hasOwn(GRADES, input.grade)) return { ok: false, message: `舆情级别应为 ${Object.values(GRADES).join('、')} 之一` };
  if (!isClockPreset(preset)) return { ok: false, message: `时限规则应为 ${Object.keys(CLOCK_PRESETS).join('、')} 之一` };
  if (!valid(input.start)) return { ok: false, message: '研判确认时间无效' };
  const out: Deadline[] = [];
  const add = (kind: DeadlineKind, dueAt: Date, basis: string) => out.push({ kind, label: DEADLINE_KINDS[kind], dueAt, basis });
  for (const r of isMajorGrade(input.grade) ? RULES[preset].major : RULES[preset].other) {
    add(r.kind, new Date(input.start.getTime() + r.hours * HOUR), r.basis);
  }
  if (input.origin === 'higher_task') {
    if (!valid(input.higherDeadline)) return { ok: false, message: '上级交办的舆情须填写交办时限' };
    add('higher_task', input.higherDeadline, HIGHER_BASIS);
  }
  const every = UPDATE_HOURS[input.grade];
  if (every && valid(input.lastInfoAt)) add('update', new Date(input.lastInfoAt.getTime() + every * HOUR), `${UPDATE_BASIS}（每${every}小时）`);
  out.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.kind.localeCompare(b.kind));
  return { ok: true, deadlines: out };
}

/** The next update after a response at `at`, or null when the grade owes none. */
export function nextUpdate(grade: Grade, at: Date): Deadline | null {
  const every = UPDATE_HOURS[grade];
  if (!every) return null;
  return { kind: 'update', label: DEADLINE_KINDS.update, dueAt: new Date(at.getTime() + every * HOUR), basis: `${UPDATE_BASIS}（每${every}小时）` };
}

/** A stored deadline as far as recomputation cares. */
export interface StoredDeadline { kind: DeadlineKind; dueAt: Date; metAt: Date | null; breachedAt: Date | null }

export interface DeadlinePlan {
  /** Rows to write (insert or move): the kind, its new due instant and basis. */
  upsert: Deadline[];
  /** Kinds to delete: unmet, not breached and no longer owed at the new grade. */
  remove: DeadlineKind[];
}

/**
 * Regrading: the new grade's clocks run from the regrade instant, but a deadline the incident
 * already owes is never pushed later (a downgrade does not buy time), and what was met or breached
 * stays as history. Kinds the new grade does not owe are removed if still open.
 */
export function planRegrade(existing: readonly StoredDeadline[], computed: readonly Deadline[]): DeadlinePlan {
  const have = new Map(existing.map((d) => [d.kind, d]));
  const upsert: Deadline[] = [];
  for (const d of computed) {
    const old = have.get(d.kind);
    if (!old) { upsert.push(d); continue; }
    if (old.metAt || old.breachedAt) continue;
    if (d.dueAt.getTime() < old.dueAt.getTime()) upsert.push(d);
  }
  const owed = new Set(computed.map((d) => d.kind));
  const remove = existing.filter((d) => !owed.has(d.kind) && !d.metAt && !d.breachedAt && d.kind !== 'update').map((d) => d.kind);
  return { upsert, remove };
}

/** The kinds a response through `channel` meets among the open ones (a press conference only by a conference). */
export function kindsMetBy(channel: string, open: readonly DeadlineKind[]): DeadlineKind[] {
  return open.filter((k) => k !== 'press_conference' || channel === 'press_conference');
}

/** Whole minutes from `now` to `due` (negative: overdue), and the Chinese wording of it. */
export function countdown(due: Date, now: Date): { minutes: number; text: string } {
  const minutes = Math.floor((due.getTime() - now.getTime()) / 60_000);
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const span = h >= 24 ? `${Math.floor(h / 24)}天${h % 24}小时` : h > 0 ? `${h}小时${m}分钟` : `${m}分钟`;
  return { minutes, text: minutes >= 0 ? `剩余${span}` : `已超时${span}` };
}

/** A grade named by its code or its Chinese label (重大 / major). */
export function parseGrade(s: string): Grade | null {
  const v = s.trim();
  if (Object.hasOwn(GRADES, v)) return v as Grade;
  const hit = (Object.entries(GRADES) as [Grade, string][]).find(([, label]) => label === v);
  return hit ? hit[0] : null;
}

/** An instant typed by a person: Beijing time without an offset (platform/time). */
export const parseInstant = parseBeijingInstant;

/** The CLI's lines: every deadline as `label<TAB>ISO 8601 +08:00` (with its basis when asked), the first-response one last. */
export function dueLines(deadlines: readonly Deadline[], grade: Grade, preset: ClockPreset = DEFAULT_PRESET, withBasis = false): string[] {
  const first = firstResponseKind(grade, preset);
  const ordered = [...deadlines.filter((d) => d.kind !== first), ...deadlines.filter((d) => d.kind === first)];
  return ordered.map((d) => (withBasis ? `${d.label}\t${beijingIso(d.dueAt)}\t${d.basis}` : `${d.label}\t${beijingIso(d.dueAt)}`));
}
