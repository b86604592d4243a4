// Public API of the pure working-day calendar (法定节假日 / 调休).
export {
  CalendarError,
  MAX_WORKING_DAYS,
  PROVISIONAL_NOTE,
  addDays,
  addWorkingDays,
  builtinCalendar,
  builtinCalendarData,
  createCalendar,
  dayOfWeek,
  dueDate,
  explainDeadline,
  formatDayNumber,
  isValidIsoDate,
  isWorkingDay,
  isYearCovered,
  parseHolidayNotice,
  parseIsoDate,
  workingDaysBetween,
} from './calendar.ts';
export type { CalendarErrorCode, DayOverride, DeadlineExplanation, OverrideSource, WorkCalendar } from './calendar.ts';
