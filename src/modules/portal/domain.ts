// Pure helpers of the portal: id parsing, dates in Asia/Shanghai, text to paragraphs, and the
// calendar-readiness rule shown on the admin home. No I/O; the clock is always an argument.
import { beijingYearMonth, formatInstant, toBeijingDate } from '../../platform/time/index.ts';

/** A positive int4 id from a URL segment or query value; anything else is null (→ 404, never a 500). */
export function parseId(v: unknown): number | null {
  if (typeof v !== 'string' || !/^[1-9]\d{0,9}$/.test(v)) return null;
  const n = Number(v);
  return n <= 2_147_483_647 ? n : null;
}

/** 'YYYY-MM-DD' of an instant, in Beijing time (platform/time; kept here for the many callers). */
export const formatDate = (v: Date | string): string => toBeijingDate(v);

/** 'YYYY-MM-DD HH:mm' of an instant, in Beijing time (the PubDate meta format). */
export const formatDateTime = (v: Date | string): string => formatInstant(v, 'minute');

/** Year and month (1–12) of an instant in Beijing time. */
export const shanghaiYearMonth = (now: Date): { year: number; month: number } => beijingYearMonth(now);

/** Splits stored plain text into paragraphs (blank lines or single newlines), dropping empty ones. */
export function paragraphs(body: string): string[] {
  return body.split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
}

/** Plain-text summary for the Description meta tag. */
export function summarize(body: string, max = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max) + '…' : flat;
}

export type CalendarStatus = {
  level: 'ok' | 'warning' | 'danger';
  message: string;
};

/**
 * Whether the working-day calendar is ready for statutory deadlines. The State Council publishes
 * next year's holiday notice around November, so from November on a missing next year is a warning;
 * a missing current year is always an error (deadlines are then only provisional).
 */
export function calendarStatus(now: Date, covered: (year: number) => boolean): CalendarStatus {
  const { year, month } = shanghaiYearMonth(now);
  if (!covered(year)) {
    return { level: 'danger', message: `${year}年的法定节假日安排尚未载入，当前计算的办理期限均为临时结果，请尽快在“工作日历”中导入国务院办公厅的放假通知。` };
  }
  if (!covered(year + 1)) {
    if (month >= 11) {
      return { level: 'warning', message: `${year + 1}年的法定节假日安排尚未载入。国务院办公厅通常在每年11月前后发布次年放假通知，发布后请及时导入，否则跨年的办理期限将按普通周末临时计算。` };
    }
    return { level: 'ok', message: `${year}年的法定节假日安排已载入；${year + 1}年的放假通知发布后（通常在11月前后）请及时导入。` };
  }
  return { level: 'ok', message: `${year}年和${year + 1}年的法定节假日安排均已载入。` };
}
