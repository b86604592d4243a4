// An interview made from a press event of type 在线访谈 (press module): which events may have one,
// and the interview form prefilled from the event (topic, time, guests with the 解读专家, the
// organisation). Pure: the event and its experts are passed in; times in Beijing time.
import { formatInstant } from '../../platform/time/index.ts';
import type { FormStrings } from '../../platform/forms/index.ts';
import { INTERVIEW_LIMITS } from './domain.ts';

/** What the rules need of a press event. */
export interface PressEventFacts {
  id: number; orgId: number; orgName: string; type: string; status: string; approvedAt: Date | null;
  title: string; plannedAt: Date; speaker: string; guests: string;
}

/** Why no interview page may be made from the event (null: it may). */
export function pressLinkRefusal(ev: Pick<PressEventFacts, 'type' | 'status' | 'approvedAt'>): string | null {
  if (ev.type !== 'interview') return '只有发布形式为“在线访谈”的新闻发布活动可以创建在线访谈页面。';
  if (!ev.approvedAt || (ev.status !== 'approved' && ev.status !== 'held')) return '新闻发布活动经批准后才能创建在线访谈页面。';
  return null;
}

/** Default length of an interview made from an event whose end is not known. */
export const DEFAULT_INTERVIEW_MINUTES = 90;

const clip = (s: string, n: number) => Array.from(s).slice(0, n).join('');

/** The interview form's values from the event; staff check and complete them before saving. */
export function interviewPrefill(ev: PressEventFacts, experts: readonly { name: string; field: string }[]): FormStrings {
  const start = formatInstant(ev.plannedAt, 'minute');
  const end = formatInstant(new Date(ev.plannedAt.getTime() + DEFAULT_INTERVIEW_MINUTES * 60_000), 'minute');
  // An interview ends on its day: one that would run past midnight ends at 23:59.
  const endTime = end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : '23:59';
  const guests = [ev.speaker, ev.guests, ...experts.map((e) => `${e.field}专家 ${e.name}`)].map((x) => x.trim()).filter(Boolean).join('；');
  const preview = `${ev.orgName}将于${start.slice(0, 4)}年${Number(start.slice(5, 7))}月${Number(start.slice(8, 10))}日${start.slice(11)}举办“${ev.title}”在线访谈，`
    + `邀请${ev.speaker}${experts.length ? `和${experts.map((e) => e.name).join('、')}等专家` : ''}与网民在线交流。欢迎网民在访谈前和访谈中提问。`;
  return {
    orgId: String(ev.orgId), title: clip(ev.title, INTERVIEW_LIMITS.title), guests: clip(guests, INTERVIEW_LIMITS.guests),
    date: start.slice(0, 10), startTime: start.slice(11), endTime, preview: clip(preview, INTERVIEW_LIMITS.preview), pressEventId: String(ev.id),
  };
}
