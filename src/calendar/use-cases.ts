// Calendar changes: importing a year's State Council notice and admin overrides. Each change is
// one transaction {change + audit row + recalculation by listeners}, then the cache is dropped.
import type { AppContext } from '../app-context.ts';
import { writeAudit, type Actor, type AuditEntry } from '../platform/audit/index.ts';
import { withTx, type Tx } from '../platform/db/index.ts';
import { publicPagesChanged } from '../platform/http/page-cache.ts';
import type { Result } from '../platform/errors.ts';
import { CalendarError, type DayOverride, type WorkCalendar } from './calendar.ts';
import { deleteAdminDay, listDays, loadStored, lockCalendar, replaceYearImport, upsertAdminDay } from './repo.ts';
import { mergeCalendar } from './service.ts';
import { noticeNameProblem, type OverrideInput } from './rows.ts';

// ---------------------------------------------------------------------------
// Calendar change listeners

export interface CalendarChange {
  /** The open transaction of the change: recalculations commit or roll back with it. */
  tx: Tx;
  /** The calendar as it will be after the change (built inside the transaction). */
  calendar: WorkCalendar;
  /** The calendar before the change. */
  previous: WorkCalendar;
  actor: Actor;
  /** Why dates may move, for the case's deadline ledger, e.g. “导入2027年节假日安排”. */
  reason: string;
  /** Inclusive range of dates whose status may have changed; deadlines not spanning it are unaffected. */
  from: string;
  to: string;
}

/** Recalculates whatever depends on the calendar (e.g. open 依申请公开 cases); returns how many changed. */
export type CalendarChangeListener = (change: CalendarChange) => Promise<number>;

const listeners = new Set<CalendarChangeListener>();

/**
 * Modules with deadlines register here (once, at import time) to recalculate their open cases
 * and record why a date moved. Returns a function that unregisters the listener.
 */
export function onCalendarChange(listener: CalendarChangeListener): () => void {
  listeners.add(listener);
  return () => { listeners.delete(listener); };
}

async function notify(change: CalendarChange): Promise<number> {
  let total = 0;
  for (const l of listeners) total += await l(change);
  return total;
}

/**
 * Runs a change, its listeners and its audit row in one transaction, with the calendar before
 * and after; the cache is dropped only once the change has committed.
 */
async function applyChange<T>(
  ctx: AppContext,
  actor: Actor,
  range: { from: string; to: string; reason: string },
  change: (tx: Tx) => Promise<{ value: T; audit: AuditEntry }>,
): Promise<{ value: T; recalculated: number }> {
  const out = await withTx(ctx.db, async (tx) => {
    await lockCalendar(tx);
    const previous = mergeCalendar(await loadStored(tx));
    const { value, audit } = await change(tx);
    const calendar = mergeCalendar(await loadStored(tx));
    const recalculated = listeners.size ? await notify({ tx, calendar, previous, actor, ...range }) : 0;
    await writeAudit(tx, actor, { ...audit, summary: { ...audit.summary, recalculated } });
    return { value, recalculated };
  });
  ctx.calendar.invalidate();
  publicPagesChanged();
  return out;
}

// ---------------------------------------------------------------------------
// Use cases

/** Loads (or replaces) one year's notice; used by the admin screen and `gongkai calendar import`. */
export async function importHolidayNotice(ctx: AppContext, actor: Actor, notice: { year: number; overrides: DayOverride[] }, note: string | null): Promise<{ recalculated: number }> {
  const problem = noticeNameProblem(notice.overrides);
  if (problem) throw new CalendarError('calendar.invalid_notice', `节假日安排数据无效：${problem}`);
  const dates = notice.overrides.map((o) => o.date).sort();
  const yearStart = `${notice.year}-01-01`;
  const yearEnd = `${notice.year}-12-31`;
  const from = dates.length && dates[0] < yearStart ? dates[0] : yearStart;
  const to = dates.length && dates[dates.length - 1] > yearEnd ? dates[dates.length - 1] : yearEnd;
  const { recalculated } = await applyChange(ctx, actor, { from, to, reason: `导入${notice.year}年节假日安排` }, async (tx) => {
    const replaced = (await listDays(tx, { year: notice.year })).filter((d) => d.source === 'import').length;
    await replaceYearImport(tx, notice.year, notice.overrides.map((o) => ({ ...o, source: 'import' as const })), actor.id, note);
    const offDays = notice.overrides.filter((o) => o.isOffDay).length;
    return {
      value: undefined,
      audit: {
        action: 'calendar.import', entityType: 'calendar_year', entityId: notice.year,
        summary: { year: notice.year, days: notice.overrides.length, offDays, workDays: notice.overrides.length - offDays, replacedDays: replaced, note },
      },
    };
  });
  return { recalculated };
}

const kindText = (isOffDay: boolean) => (isOffDay ? '放假' : '上班');

/** Adds or changes the admin override of one date (admin overrides win over every other source). */
export async function setAdminOverride(ctx: AppContext, actor: Actor, input: OverrideInput): Promise<{ created: boolean; recalculated: number }> {
  const { value: created, recalculated } = await applyChange(ctx, actor, { from: input.date, to: input.date, reason: `人工调整${input.date}为${kindText(input.isOffDay)}（${input.name}）` }, async (tx) => {
    const before = await upsertAdminDay(tx, input, actor.id);
    return {
      value: !before,
      audit: {
        action: 'calendar.override_set', entityType: 'calendar_day', entityId: input.date,
        summary: {
          before: before ? { kind: kindText(before.isOffDay), name: before.name, note: before.note } : null,
          after: { kind: kindText(input.isOffDay), name: input.name, note: input.note },
        },
      },
    };
  });
  return { created, recalculated };
}

/** Removes the admin override of one date; the shipped or imported status applies again. */
export async function removeAdminOverride(ctx: AppContext, actor: Actor, date: string): Promise<Result<{ recalculated: number }, 'not_found'>> {
  try {
    const { recalculated } = await applyChange(ctx, actor, { from: date, to: date, reason: `撤销${date}的人工调整` }, async (tx) => {
      const before = await deleteAdminDay(tx, date);
      if (!before) throw new NotFound();
      return {
        value: undefined,
        audit: {
          action: 'calendar.override_remove', entityType: 'calendar_day', entityId: date,
          summary: { before: { kind: kindText(before.isOffDay), name: before.name, note: before.note }, after: null },
        },
      };
    });
    return { ok: true, recalculated };
  } catch (e) {
    if (e instanceof NotFound) return { ok: false, reason: 'not_found', message: `${date} 没有人工调整记录，可能已被删除。` };
    throw e;
  }
}

class NotFound extends Error {}
