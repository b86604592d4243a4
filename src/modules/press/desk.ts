// 新闻发布 on the 工作台: events waiting for the user's approval step (the engine's own rules), the
// applications still in draft or returned, the user's own applications the approval returned to her,
// approved events not yet marked held, and emergency events whose 补批 is overdue — each in the
// user's scope, linked to the filtered list.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { returnedTo, waitingCount } from '../review/use-cases.ts';
import { countReturned, deskCounts } from './repo.ts';
import { SUBJECT } from './use-cases/events.ts';
import { PRESS_HREF } from './views/admin-list.tsx';

export async function pressDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'press.read')) return [];
  const items: DeskItem[] = [];
  if (can(user, 'press.approve')) {
    items.push({ label: '待我审批的新闻发布', count: await waitingCount(ctx.db, user, [SUBJECT]), href: `${PRESS_HREF}?status=in_review`, tone: 'info', nav: PRESS_HREF,
      hint: '当前步骤由您办理的新闻发布申请。' });
  }
  const n = await deskCounts(ctx.db, [...scopeOf(user, 'press.read')], ctx.now());
  if (can(user, 'press.apply')) {
    items.push(
      { label: '新闻发布申请草稿', count: n.drafts, href: `${PRESS_HREF}?status=draft`, tone: 'info', hint: '尚未提交或被退回修改的申请。' },
      { label: '新闻发布退回修改', count: await countReturned(ctx.db, [...scopeOf(user, 'press.read')], await returnedTo(ctx.db, user, SUBJECT)), href: `${PRESS_HREF}?returned=1`, tone: 'warning', nav: PRESS_HREF,
        hint: '您提交审批、经审批退回修改的新闻发布申请（含突发事件补批），修改后可重新提交。' },
      { label: '已批准待举行', count: n.toHold, href: `${PRESS_HREF}?status=approved`, tone: 'warning', hint: '已过拟举行时间、尚未标记为已举行的活动。' },
    );
  }
  items.push({ label: '补批超时', count: n.overdue, href: `${PRESS_HREF}?overdue=1`, tone: 'danger', hint: '突发事件先发布后，超过 24 小时仍未完成补批的活动。' });
  return items;
}
