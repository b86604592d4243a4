// The live working-day calendar: shipped chinese-days data, then imported notices, then admin overrides.
import type { Db } from '../platform/db/index.ts';
import type { CalendarService } from '../app-context.ts';
import { builtinCalendarData, createCalendar, type WorkCalendar } from './calendar.ts';
import { loadStored } from './repo.ts';

/** Pure merge: an imported year's notice replaces the shipped entries of that year. */
export function mergeCalendar(stored: Awaited<ReturnType<typeof loadStored>>): WorkCalendar {
  const builtin = builtinCalendarData();
  const imported = new Set(stored.importedYears);
  const base = builtin.overrides.filter((o) => !imported.has(Number(o.date.slice(0, 4))));
  return createCalendar({
    overrides: [...base, ...stored.overrides],
    coveredYears: [...new Set([...builtin.coveredYears, ...stored.importedYears])],
  });
}

export function createCalendarService(db: Db): CalendarService {
  let cached: Promise<WorkCalendar> | undefined;
  return {
    get() {
      cached ??= loadStored(db).then(mergeCalendar).catch((e) => { cached = undefined; throw e; });
      return cached;
    },
    invalidate() { cached = undefined; },
  };
}
