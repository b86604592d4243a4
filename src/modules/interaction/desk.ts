// 互动交流 on the 工作台: comments and questions waiting for moderation, drafts waiting for
// publication, and drafts whose 采纳情况 is overdue — each in the user's scope.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { addDays, SUMMARY_GRACE_DAYS } from './domain.ts';
import { countOverdue, countPendingDrafts } from './drafts.repo.ts';
import { countPendingInScope } from './submissions.repo.ts';
import { ADMIN_DRAFTS_HREF } from './views/admin-drafts.tsx';
import { ADMIN_INTERVIEWS_HREF } from './views/admin-interviews.tsx';

export async function interactionDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'interaction.read')) return [];
  const items: DeskItem[] = [];
  if (can(user, 'interaction.moderate')) {
    const scope = [...scopeOf(user, 'interaction.moderate')];
    const [comments, questions] = await Promise.all([countPendingInScope(ctx.db, 'draft', scope), countPendingInScope(ctx.db, 'interview', scope)]);
    items.push(
      { label: '待审核公众意见', count: comments, href: ADMIN_DRAFTS_HREF, tone: 'info', nav: ADMIN_DRAFTS_HREF, hint: '意见征集中公众提交、尚未审核的意见。' },
      { label: '待审核网民提问', count: questions, href: ADMIN_INTERVIEWS_HREF, tone: 'info', nav: ADMIN_INTERVIEWS_HREF, hint: '在线访谈中网民提交、尚未审核的问题。' },
    );
  }
  if (can(user, 'interaction.approve')) {
    const n = await countPendingDrafts(ctx.db, [...scopeOf(user, 'interaction.approve')]);
    items.push({ label: '待审核发布的意见征集', count: n, href: `${ADMIN_DRAFTS_HREF}?view=pending`, tone: 'info', hint: '已送审、等待审核发布的征求意见稿。' });
  }
  if (can(user, 'interaction.manage')) {
    const n = await countOverdue(ctx.db, [...scopeOf(user, 'interaction.manage')], addDays(beijingToday(ctx.now()), -SUMMARY_GRACE_DAYS));
    items.push({ label: '采纳情况逾期未公布', count: n, href: `${ADMIN_DRAFTS_HREF}?view=overdue`, tone: 'danger', hint: `征集结束超过 ${SUMMARY_GRACE_DAYS} 日仍未公布意见采纳情况。` });
  }
  return items;
}
