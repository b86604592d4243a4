// Time as people in China read it: "today" is a calendar date in Beijing, instants are shown in
// Asia/Shanghai whatever the server's zone. Pure: the clock is always an argument, and nothing here
// reads the process TZ (Intl with an explicit timeZone, or UTC arithmetic on 'YYYY-MM-DD' strings).

/** The zone of every date and time people read (also used by SQL `at time zone` and pg-boss cron). */
export const BEIJING_TZ = 'Asia/Shanghai';

export interface BeijingDateParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

// One formatter, reused: en-US with h23 gives plain ASCII digits in every part.
const PARTS = new Intl.DateTimeFormat('en-US', {
  timeZone: BEIJING_TZ, year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

function toInstant(v: Date | string | number): Date {
  return v instanceof Date ? v : new Date(v);
}

/** Wall-clock fields of an instant in Beijing. Throws RangeError on an invalid date. */
export function beijingDateParts(v: Date | string | number): BeijingDateParts {
  const d = toInstant(v);
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid instant');
  const out: Record<string, number> = {};
  for (const p of PARTS.formatToParts(d)) if (p.type !== 'literal') out[p.type] = Number(p.value);
  // Some ICU versions write midnight as 24 even with h23.
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD': the Beijing calendar date of an instant. */
export function toBeijingDate(v: Date | string | number): string {
  const p = beijingDateParts(v);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** Today's calendar date in Beijing for an injected clock ('YYYY-MM-DD'). */
export function beijingToday(now: Date): string {
  return toBeijingDate(now);
}

/** Year and month (1–12) in Beijing. */
export function beijingYearMonth(now: Date | string | number): { year: number; month: number } {
  const p = beijingDateParts(now);
  return { year: p.year, month: p.month };
}

export type InstantStyle = 'date' | 'minute' | 'datetime';

/**
 * An instant as Beijing wall time: 'date' → 2026-10-01, 'minute' → 2026-10-01 00:05,
 * 'datetime' → 2026-10-01 00:05:09. Null or an invalid date → '—' (what tables show for "none").
 */
export function formatInstant(v: Date | string | number | null | undefined, style: InstantStyle = 'minute'): string {
  if (v == null) return '—';
  const d = toInstant(v);
  if (Number.isNaN(d.getTime())) return '—';
  const p = beijingDateParts(d);
  const date = `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
  if (style === 'date') return date;
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  return style === 'minute' ? `${date} ${hm}` : `${date} ${hm}:${pad(p.second)}`;
}

/** ISO 8601 with the Beijing offset, for `<time datetime>` and feeds: 2026-10-01T00:05:09+08:00. */
export function beijingIso(v: Date | string | number): string {
  return formatInstant(v, 'datetime').replace(' ', 'T') + '+08:00';
}

/** The instant a Beijing calendar date begins (China has kept UTC+8 without daylight saving since 1991). */
export function beijingMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** Compact Beijing stamp for file names: 'date' → 20261001, 'minute' → 20261001-0005. */
export function fileStamp(now: Date, style: 'date' | 'minute' = 'date'): string {
  const p = beijingDateParts(now);
  const d = `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}`;
  return style === 'date' ? d : `${d}-${pad(p.hour)}${pad(p.minute)}`;
}

/** 'YYYY-MM' of a calendar date 'YYYY-MM-DD'. */
export const monthKey = (date: string): string => date.slice(0, 7);

/** Every month key from the month of `from` to the month of `to` (calendar dates), in order. */
export function monthsBetween(from: string, to: string): string[] {
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const end = monthKey(to);
  const out: string[] = [];
  for (let k = `${pad(y, 4)}-${pad(m)}`; k <= end; k = `${pad(y, 4)}-${pad(m)}`) {
    out.push(k);
    if (++m > 12) { m = 1; y++; }
  }
  return out;
}

/** Chinese label of a month key: '2026-10' → '2026年10月'. */
export const monthLabel = (key: string): string => `${Number(key.slice(0, 4))}年${Number(key.slice(5, 7))}月`;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * An instant typed by a person (a datetime-local field, ISO 8601 with or without seconds); without
 * an offset it is Beijing time (what everyone here means). Null when it is not a real instant
 * (2026-02-30, 25:00 …).
 */
export function parseBeijingInstant(s: string): Date | null {
  const m = INSTANT.exec(s.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, sec = '00', zone] = m;
  if (Number(h) > 23 || Number(mi) > 59 || Number(sec) > 59) return null;
  const probe = new Date(`${y}-${mo}-${d}T00:00:00Z`);
  if (Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== `${y}-${mo}-${d}`) return null;
  let off = zone ?? '+08:00';
  if (/^[+-]\d{4}$/.test(off)) off = `${off.slice(0, 3)}:${off.slice(3)}`;
  if (off !== 'Z' && (Number(off.slice(1, 3)) > 14 || Number(off.slice(4, 6)) > 59)) return null;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${off}`);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** The value of a datetime-local field for an instant, in Beijing time: 2026-10-01T08:30. */
export function beijingLocalInput(v: Date | string | number): string {
  return formatInstant(v, 'minute').replace(' ', 'T');
}
