import { pgTable, serial, integer, text, boolean, date, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Holiday / make-up working day entries beyond the shipped data: imported notices and admin overrides. */
export const calendarDays = pgTable('calendar_days', {
  id: serial('id').primaryKey(),
  date: date('date', { mode: 'string' }).notNull(),
  isOffDay: boolean('is_off_day').notNull(),
  name: text('name').notNull(),
  /** import | admin */
  source: text('source').notNull(),
  /** For imported rows: the year of the notice that listed the day (a notice may list days of the next or previous year). */
  noticeYear: integer('notice_year'),
  note: text('note'),
  createdBy: integer('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('calendar_days_date_source_uq').on(t.date, t.source)]);

/** Years whose State Council holiday notice has been loaded (in addition to the shipped years). */
export const calendarYears = pgTable('calendar_years', {
  year: integer('year').primaryKey(),
  source: text('source').notNull(),
  note: text('note'),
  loadedBy: integer('loaded_by'),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
