// The two kinds of subject a citizen writes to — a draft for comment and an online interview — as
// the moderated-submission code sees them: lock the subject, its organisation, whether it accepts
// submissions now (with the Chinese refusal when not), and its public page.
import type { Tx } from '../../../platform/db/index.ts';
import { beijingToday, formatInstant } from '../../../platform/time/index.ts';
import { draftPhase, interviewPhase } from '../domain.ts';
import { lockDraft } from '../drafts.repo.ts';
import { lockInterview } from '../interviews.repo.ts';
import type { SubjectKind } from '../submissions.ts';

export interface LockedSubject {
  orgId: number;
  title: string;
  /** Whether approved submissions are shown publicly. */
  showsPublicly: boolean;
  /** null: accepts a submission now; else why not, in Chinese. */
  refusal: string | null;
  /** The subject exists but the public cannot see it. */
  hidden: boolean;
}

export const PUBLIC_HREF: Record<SubjectKind, (id: number) => string> = {
  draft: (id) => `/hdjl/yjzj/${id}`,
  interview: (id) => `/hdjl/zxft/${id}`,
};
export const ADMIN_HREF: Record<SubjectKind, (id: number) => string> = {
  draft: (id) => `/admin/hdjl/yjzj/${id}`,
  interview: (id) => `/admin/hdjl/zxft/${id}`,
};

export const NOT_FOUND: Record<SubjectKind, string> = {
  draft: '您要查看的意见征集不存在，或尚未发布。',
  interview: '您要查看的在线访谈不存在，或尚未预告。',
};

export async function lockSubject(tx: Tx, kind: SubjectKind, id: number, now: Date): Promise<LockedSubject | null> {
  if (kind === 'draft') {
    const d = await lockDraft(tx, id);
    if (!d) return null;
    const today = beijingToday(now);
    const phase = draftPhase(d, today);
    const refusal = phase === 'open' ? null
      : phase === 'upcoming' ? `本次意见征集自 ${d.startDate} 开始，届时方可提交意见。`
      : phase === 'closed' ? `本次意见征集已于 ${d.endDate}（北京时间）结束，不再接收意见。感谢您的关注，采纳情况将在本页公布。`
      : NOT_FOUND.draft;
    return { orgId: d.orgId, title: d.title, showsPublicly: d.showComments, refusal, hidden: phase === 'unpublished' };
  }
  const i = await lockInterview(tx, id);
  if (!i) return null;
  const phase = interviewPhase(i, now);
  const refusal = phase === 'upcoming' || phase === 'live' ? null
    : phase === 'ended' ? `本期访谈已于 ${formatInstant(i.endsAt, 'minute')}（北京时间）结束，不再接收提问。`
    : NOT_FOUND.interview;
  return { orgId: i.orgId, title: i.title, showsPublicly: true, refusal, hidden: phase === 'unpublished' };
}
