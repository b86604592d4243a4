// The table of platform/time cases, evaluated in the current process. time.test.ts runs this file in
// child processes under several TZ values and compares the answers with the expected ones.
import { beijingDateParts, beijingIso, beijingMidnight, beijingToday, beijingYearMonth, fileStamp, formatInstant, monthsBetween, toBeijingDate } from './index.ts';

export const CASES: { name: string; run: () => unknown; expected: unknown }[] = [
  // Beijing midnight: 16:00 UTC is 00:00 the next day in Beijing.
  { name: 'today just before Beijing midnight', run: () => beijingToday(new Date('2026-09-30T15:59:59.999Z')), expected: '2026-09-30' },
  { name: 'today at Beijing midnight', run: () => beijingToday(new Date('2026-09-30T16:00:00Z')), expected: '2026-10-01' },
  { name: 'today, UTC midnight is 08:00 in Beijing', run: () => beijingToday(new Date('2026-10-01T00:00:00Z')), expected: '2026-10-01' },
  { name: 'new year in Beijing, still old year in UTC', run: () => beijingToday(new Date('2026-12-31T16:30:00Z')), expected: '2027-01-01' },
  { name: 'leap day', run: () => beijingToday(new Date('2028-02-28T16:00:00Z')), expected: '2028-02-29' },
  { name: 'Los Angeles DST switch day does not move Beijing', run: () => beijingToday(new Date('2026-03-08T10:00:00Z')), expected: '2026-03-08' },
  { name: 'date of an ISO string', run: () => toBeijingDate('2026-09-30T16:00:00Z'), expected: '2026-10-01' },
  { name: 'parts at midnight (hour 0, never 24)', run: () => beijingDateParts(new Date('2026-09-30T16:00:00Z')), expected: { year: 2026, month: 10, day: 1, hour: 0, minute: 0, second: 0 } },
  { name: 'year and month across the month end', run: () => beijingYearMonth(new Date('2026-09-30T16:00:00Z')), expected: { year: 2026, month: 10 } },
  { name: 'minute style', run: () => formatInstant(new Date('2026-09-30T16:05:09Z'), 'minute'), expected: '2026-10-01 00:05' },
  { name: 'datetime style', run: () => formatInstant(new Date('2026-09-30T16:05:09Z'), 'datetime'), expected: '2026-10-01 00:05:09' },
  { name: 'date style', run: () => formatInstant(new Date('2026-09-30T16:05:09Z'), 'date'), expected: '2026-10-01' },
  { name: 'epoch milliseconds', run: () => formatInstant(Date.UTC(2026, 8, 30, 16, 5), 'minute'), expected: '2026-10-01 00:05' },
  { name: 'null and invalid', run: () => [formatInstant(null), formatInstant(new Date('x'))], expected: ['—', '—'] },
  { name: 'ISO with +08:00', run: () => beijingIso(new Date('2026-09-30T16:05:09Z')), expected: '2026-10-01T00:05:09+08:00' },
  { name: 'Beijing midnight instant', run: () => beijingMidnight('2026-10-01').toISOString(), expected: '2026-09-30T16:00:00.000Z' },
  { name: 'file stamp', run: () => [fileStamp(new Date('2026-09-30T16:05:00Z')), fileStamp(new Date('2026-09-30T16:05:00Z'), 'minute')], expected: ['20261001', '20261001-0005'] },
  { name: 'months between', run: () => monthsBetween('2026-11-15', '2027-02-01'), expected: ['2026-11', '2026-12', '2027-01', '2027-02'] },
  { name: 'months between, one month', run: () => monthsBetween('2026-10-01', '2026-10-31'), expected: ['2026-10'] },
];

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const out = CASES.map((c) => { try { return { name: c.name, value: c.run() }; } catch (e) { return { name: c.name, error: String(e) }; } });
  process.stdout.write(JSON.stringify({ tz: process.env.TZ, offset: new Date('2026-10-01T00:00:00Z').getTimezoneOffset(), out }));
}
