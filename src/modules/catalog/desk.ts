// The catalogue's counts on the 工作台: reviews waiting for the user (the one review inbox at
// /admin/review also holds replies to applications) and the user's drafts sent back for revision.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { waitingCount } from '../review/use-cases.ts';
import { countReturnedTo } from './repo.ts';
import { SUBJECT } from './workflow/use-cases.ts';

/** Subject types listed at /admin/review (see routes.review.tsx). */
const INBOX_SUBJECTS = [SUBJECT, 'request_reply'] as const;

export async function catalogDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  const mayReview = can(user, 'catalog.review');
  const mayDraft = can(user, 'catalog.draft');
  const [waiting, returned] = await Promise.all([
    mayReview ? waitingCount(ctx.db, user, INBOX_SUBJECTS) : undefined,
    mayDraft ? countReturnedTo(ctx.db, scopeOf(user, 'catalog.draft'), user.id) : undefined,
  ]);
  const items: DeskItem[] = [];
  if (waiting !== undefined) {
    items.push({ label: '待我审核', count: waiting, href: '/admin/review', tone: 'info', nav: '/admin/review',
      hint: '轮到您审核的主动公开信息和依申请公开答复。' });
  }
  if (returned !== undefined) {
    items.push({ label: '退回修改', count: returned, href: '/admin/catalog?status=returned&mine=1', tone: 'warning', nav: '/admin/catalog',
      hint: '您起草、经审核退回修改的主动公开信息，修改后可重新提交。' });
  }
  return items;
}
