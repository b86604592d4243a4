// Bits every 舆情 handling screen shows the same way: instants in Beijing time, grade / category /
// status labels (the suggestion marked as such), the countdown to a deadline.
import { formatInstant } from '../../../../platform/time/index.ts';
import { countdown } from '../../clock-rules.ts';
import { CATEGORIES, GRADES, INCIDENT_STATUSES, labelOf } from '../../model.ts';

export const INCIDENTS_HREF = '/admin/opinion';

export const When = ({ d }: { d: Date | null | undefined }) => (d ? <time dateTime={d.toISOString()}>{formatInstant(d, 'minute')}</time> : <>—</>);

export function GradeText({ grade, suggested }: { grade: string | null; suggested: string | null }) {
  if (grade) return <>{labelOf(GRADES, grade)}</>;
  return suggested ? <>{labelOf(GRADES, suggested)}<span class="muted">（建议）</span></> : <>—</>;
}

export function CategoryText({ category, suggested, confirmed }: { category: string | null; suggested: string | null; confirmed: boolean }) {
  if (confirmed) return <>{labelOf(CATEGORIES, category) || '未归入五类'}</>;
  return suggested ? <>{labelOf(CATEGORIES, suggested)}<span class="muted">（建议）</span></> : <>未识别</>;
}

export const statusLabel = (s: string) => labelOf(INCIDENT_STATUSES, s) || s;

/** The countdown wording with a badge when overdue or within the hour. */
export function Countdown({ due, now }: { due: Date; now: Date }) {
  const c = countdown(due, now);
  if (c.minutes < 0) return <span class="badge badge-err">{c.text}</span>;
  if (c.minutes < 60) return <span class="badge badge-warn">{c.text}</span>;
  return <>{c.text}</>;
}
