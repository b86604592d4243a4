// Pure rules of 互动交流: where a draft for comment stands on a Beijing calendar date, when its
// 采纳情况 is overdue, where an online interview stands at an instant, and the staff forms' checks.
// No database, no clock: callers pass today (beijingToday(ctx.now())) or now.
import { beijingMidnight } from '../../platform/time/index.ts';
import { addDays, isValidIsoDate } from '../../calendar/calendar.ts';

export const DRAFT_STATUSES = { editing: '编辑中', pending: '待审核发布', published: '已发布', withdrawn: '已撤回' } as const;
export type DraftStatus = keyof typeof DRAFT_STATUSES;

export const INTERVIEW_STATUSES = { editing: '编辑中', announced: '已预告', closed: '已发布文字实录', withdrawn: '已撤回' } as const;
export type InterviewStatus = keyof typeof INTERVIEW_STATUSES;

/** Where a draft stands for the public: not yet published, published before its start, open, or ended. */
export type DraftPhase = 'unpublished' | 'upcoming' | 'open' | 'closed';
export const DRAFT_PHASES: Record<DraftPhase, string> = { unpublished: '未发布', upcoming: '即将征集', open: '正在征集', closed: '已结束' };

/**
 * The seeds set no period for publishing the 采纳情况 (seed 001 (二)三 and 003 §5 only require the
 * comment period). A draft without a published summary is overdue this many calendar days after
 * its end date; the admin list and the desk count use it.
 */
export const SUMMARY_GRACE_DAYS = 30;

export interface DraftDates { status: string; startDate: string; endDate: string }

/** 'YYYY-MM-DD' plus n calendar days (the calendar's own). */
export { addDays };

export function draftPhase(d: DraftDates, today: string): DraftPhase {
  if (d.status !== 'published') return 'unpublished';
  if (today < d.startDate) return 'upcoming';
  if (today <= d.endDate) return 'open';
  return 'closed';
}

/** Comments are accepted on a published draft from its start date to its end date, both included. */
export const acceptsComments = (d: DraftDates, today: string): boolean => draftPhase(d, today) === 'open';

/** The last day to publish the 采纳情况 without being overdue. */
export const summaryDueOn = (endDate: string, graceDays = SUMMARY_GRACE_DAYS): string => addDays(endDate, graceDays);

/** A published draft past its end date plus the grace period whose 采纳情况 is not published. */
export function isSummaryOverdue(d: DraftDates & { summaryPublished: boolean }, today: string, graceDays = SUMMARY_GRACE_DAYS): boolean {
  return d.status === 'published' && !d.summaryPublished && today > summaryDueOn(d.endDate, graceDays);
}

/** The 采纳情况 may be published once the comment period has ended. */
export const maySummarise = (d: DraftDates, today: string): boolean => draftPhase(d, today) === 'closed';

// --- online interviews ---------------------------------------------------------------------------

export type InterviewPhase = 'unpublished' | 'upcoming' | 'live' | 'ended';
export const INTERVIEW_PHASES: Record<InterviewPhase, string> = { unpublished: '未预告', upcoming: '预告', live: '正在进行', ended: '已结束' };

export interface InterviewTimes { status: string; startsAt: Date; endsAt: Date }

export function interviewPhase(i: InterviewTimes, now: Date): InterviewPhase {
  if (i.status === 'editing' || i.status === 'withdrawn') return 'unpublished';
  if (i.status === 'closed' || now.getTime() >= i.endsAt.getTime()) return 'ended';
  return now.getTime() < i.startsAt.getTime() ? 'upcoming' : 'live';
}

/** Questions are accepted before and during an announced interview. */
export const acceptsQuestions = (i: InterviewTimes, now: Date): boolean => {
  const p = interviewPhase(i, now);
  return p === 'upcoming' || p === 'live';
};

// --- separation of duties and withdrawal ---------------------------------------------------------

/**
 * The person who sent a draft for publication (送审) — or who drafted an interview — may not also
 * publish (announce) it, like the review engine's separate actors: null when this actor may.
 */
export function sameActorRefusal(preparedBy: number | null, actorId: number, what: '意见征集' | '在线访谈'): string | null {
  if (preparedBy === null || preparedBy !== actorId) return null;
  return what === '意见征集'
    ? '您是该意见征集的送审人，不能同时审核发布。请由本单位其他有审核权限的人员发布。'
    : '您是该在线访谈的承办人，不能同时审核发布预告。请由本单位其他有审核权限的人员发布。';
}

/** A withdrawal's reason: required, at most DRAFT_LIMITS.reason characters; null when acceptable. */
export function withdrawReasonProblem(reason: string): string | null {
  const n = Array.from(reason.trim()).length;
  if (n < 4) return '请填写撤回原因（至少 4 个字），撤回原因将在原页面向公众说明';
  if (n > DRAFT_LIMITS.reason) return `撤回原因最多 ${DRAFT_LIMITS.reason} 个字`;
  return null;
}

// --- staff forms -------------------------------------------------------------------------------

export const DRAFT_LIMITS = { title: 200, body: 50_000, howToComment: 2_000, summary: 20_000, reason: 500 } as const;
export const INTERVIEW_LIMITS = { title: 200, guests: 500, preview: 5_000, transcript: 100_000, answer: 5_000 } as const;

const realDate = (s: string): boolean => isValidIsoDate(s);

/** Dates of a draft: real dates, the end not before the start, a period of at most a year. */
export function draftDateProblems(startDate: string, endDate: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!realDate(startDate)) out.startDate = '请填写有效的开始日期（如 2026-05-01）';
  if (!realDate(endDate)) out.endDate = '请填写有效的截止日期（如 2026-05-31）';
  if (out.startDate || out.endDate) return out;
  if (endDate < startDate) out.endDate = '截止日期不能早于开始日期';
  else if (endDate > addDays(startDate, 365)) out.endDate = '征集期不能超过一年';
  return out;
}

/** An interview's date and times in Beijing time → instants, or per-field problems. */
export function interviewTimes(date: string, start: string, end: string): { ok: true; startsAt: Date; endsAt: Date } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const hm = /^([01]\d|2[0-3]):([0-5]\d)$/;
  if (!realDate(date)) fields.date = '请填写有效的访谈日期（如 2026-05-20）';
  if (!hm.test(start)) fields.startTime = '请填写开始时间（如 09:30）';
  if (!hm.test(end)) fields.endTime = '请填写结束时间（如 11:00）';
  if (Object.keys(fields).length) return { ok: false, fields };
  const at = (t: string) => new Date(beijingMidnight(date).getTime() + (Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5))) * 60_000);
  const startsAt = at(start);
  const endsAt = at(end);
  if (endsAt.getTime() <= startsAt.getTime()) return { ok: false, fields: { endTime: '结束时间应晚于开始时间' } };
  return { ok: true, startsAt, endsAt };
}
