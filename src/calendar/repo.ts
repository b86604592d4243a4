// SQL for the calendar tables: imported notices and admin overrides.
import { sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/index.ts';
import type { DayOverride } from './calendar.ts';

export type CalendarDayRow = { id: number; date: string; isOffDay: boolean; name: string; source: 'import' | 'admin'; note: string | null; createdBy: number | null; createdAt: Date };
export type CalendarYearRow = { year: number; source: string; note: string | null; loadedAt: Date };

export async function listDays(db: Executor, opts: { year?: number } = {}): Promise<CalendarDayRow[]> {
  const r = await db.execute<CalendarDayRow>(sql`select id, date, is_off_day as "isOffDay", name, source, note, created_by as "createdBy", created_at as "createdAt"
    from calendar_days ${opts.year ? sql`where date >= ${`${opts.year}-01-01`}::date and date <= ${`${opts.year}-12-31`}::date` : sql``} order by date, source`);
  // Raw execute() hands timestamps back as strings.
  return r.rows.map((d) => ({ ...d, createdAt: new Date(d.createdAt) }));
}

export async function listYears(db: Executor): Promise<CalendarYearRow[]> {
  const r = await db.execute<CalendarYearRow>(sql`select year, source, note, loaded_at as "loadedAt" from calendar_years order by year`);
  return r.rows.map((y) => ({ ...y, loadedAt: new Date(y.loadedAt) }));
}

/** Everything the calendar service needs, in one round trip each. */
export async function loadStored(db: Executor): Promise<{ overrides: DayOverride[]; importedYears: number[] }> {
  const days = await listDays(db);
  const years = await listYears(db);
  return {
    overrides: days.map((d) => ({ date: d.date, isOffDay: d.isOffDay, name: d.name, source: d.source })),
    importedYears: years.map((y) => y.year),
  };
}

/** Replaces a year's imported notice (the previous import of that year is dropped). */
export async function replaceYearImport(db: Executor, year: number, overrides: DayOverride[], userId: number | null, note: string | null): Promise<void> {
  // sql`${array}` would expand into a row constructor; sql.param passes one pg array parameter.
  const dates = sql.param(overrides.map((o) => o.date));
  // Only the rows of this year's earlier notice go, plus any date this notice now lists.
  await db.execute(sql`delete from calendar_days where source = 'import' and (notice_year = ${year}
    or date = any(${dates}::date[]))`);
  if (overrides.length > 0) {
    await db.execute(sql`insert into calendar_days (date, is_off_day, name, source, notice_year, created_by)
      select d, o, n, 'import', ${year}::int, ${userId}::int from unnest(${dates}::date[], ${sql.param(overrides.map((o) => o.isOffDay))}::boolean[], ${sql.param(overrides.map((o) => o.name))}::text[]) as t(d, o, n)`);
  }
  await db.execute(sql`insert into calendar_years (year, source, note, loaded_by) values (${year}, 'import', ${note}, ${userId})
    on conflict (year) do update set source = excluded.source, note = excluded.note, loaded_by = excluded.loaded_by, loaded_at = now()`);
}

export async function upsertAdminDay(db: Executor, d: { date: string; isOffDay: boolean; name: string; note: string | null }, userId: number | null): Promise<CalendarDayRow | undefined> {
  const before = await db.execute<CalendarDayRow>(sql`select id, date, is_off_day as "isOffDay", name, source, note from calendar_days where date = ${d.date} and source = 'admin'`);
  await db.execute(sql`insert into calendar_days (date, is_off_day, name, source, note, created_by) values (${d.date}, ${d.isOffDay}, ${d.name}, 'admin', ${d.note}, ${userId})
    on conflict (date, source) do update set is_off_day = excluded.is_off_day, name = excluded.name, note = excluded.note, created_by = excluded.created_by, created_at = now()`);
  return before.rows[0];
}

export async function deleteAdminDay(db: Executor, date: string): Promise<CalendarDayRow | undefined> {
  const r = await db.execute<CalendarDayRow>(sql`delete from calendar_days where date = ${date} and source = 'admin' returning id, date, is_off_day as "isOffDay", name, source, note`);
  return r.rows[0];
}

/** Serialises calendar changes (an import and an override of the same date must not interleave). */
export async function lockCalendar(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7301002)`);
}
