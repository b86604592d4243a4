// Feed dates, tolerant: RFC 822 / 1123 (RSS), RFC 3339 / ISO 8601 (Atom, JSON Feed) and the forms
// Chinese sites actually send (2026-10-01 08:00, 2026/10/01, 2026年10月1日 08:00). A date without a
// zone is Beijing time, and "CST" is China Standard Time (+08:00), not US Central: these are Chinese
// feeds. Pure: never reads the process TZ. Unreadable → null (the caller uses the fetch time).

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const ZONES: Record<string, number> = {
  gmt: 0, ut: 0, utc: 0, z: 0, cst: 480, bjt: 480, hkt: 480,
  est: -300, edt: -240, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420, jst: 540, kst: 540,
};
const BEIJING_OFFSET = 480;

function zoneMinutes(z: string | undefined): number | null {
  if (!z) return BEIJING_OFFSET;
  const s = z.trim().toLowerCase();
  if (s === '') return BEIJING_OFFSET;
  if (Object.hasOwn(ZONES, s)) return ZONES[s]!;
  const m = /^(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?$/.exec(s);
  if (!m) return null;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  if (h > 14 || min > 59) return null;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + min);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offset: number): Date | null {
  if (y < 1990 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return null; // 31 February and the like
  return new Date(utc - offset * 60_000);
}

const ISO = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,4})?$/i;
const RFC822 = /^(?:[A-Za-z]{3,9},?\s*)?(\d{1,2})[\s-]+([A-Za-z]{3,9})[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([A-Za-z]{1,5}|(?:GMT|UTC)?[+-]\d{2}:?\d{2})?$/;
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:(\d{1,2})[:：时](\d{2})(?:[:：分](\d{2})秒?)?)?$/;

/** The instant of a feed date, or null when it cannot be read. */
export function parseFeedDate(raw: unknown): Date | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const s = String(raw).trim().replace(/\s+/g, ' ');
  if (!s || s.length > 80) return null;
  let m = ISO.exec(s);
  if (m) {
    const off = zoneMinutes(m[8]);
    if (off === null) return null;
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms, off);
  }
  m = RFC822.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.slice(0, 3).toLowerCase()];
    if (!mo) return null;
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    const off = zoneMinutes(m[7]);
    if (off === null) return null;
    return build(y, mo, +m[1]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, off);
  }
  m = CHINESE.exec(s);
  if (m) return build(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, BEIJING_OFFSET);
  return null;
}
