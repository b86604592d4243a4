// 依申请公开 on the 工作台: online applications whose receipt is to be confirmed (第31条: the clock
// starts only then), cases due within DUE_SOON_DAYS working days, overdue cases, and the replies
// review returned to the user who submitted them, each in the user's scope and linked to the queue
// filtered the same way.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { addDays, addWorkingDays } from '../../calendar/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { returnedTo } from '../review/use-cases.ts';
import { countOpenAmong, deskCounts } from './repo.ts';
import { SUBJECT } from './use-cases/shared.ts';
import { todayOf } from './use-cases/shared.ts';
import { DUE_SOON_DAYS } from './routes.admin.tsx';

const QUEUE = '/admin/requests';

export async function requestsDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'request.read')) return [];
  const mayConfirm = can(user, 'request.register');
  const today = todayOf(ctx);
  // The queue's "due=N" filter counts working days from today the same way.
  let soonBy: string;
  try { soonBy = addWorkingDays(await ctx.calendar.get(), today, DUE_SOON_DAYS); } catch { soonBy = addDays(today, DUE_SOON_DAYS); }
  const n = await deskCounts(ctx.db, { readScope: scopeOf(user, 'request.read'), confirmScope: scopeOf(user, 'request.register'), today, soonBy });
  const items: DeskItem[] = [];
  if (mayConfirm) {
    items.push({ label: '待确认收到', count: n.submitted, href: `${QUEUE}?status=submitted`, tone: 'info', nav: QUEUE,
      hint: '网上提交、尚未确认收到的申请。确认收到之日起计算答复期限。' });
  }
  items.push(
    { label: '即将到期', count: n.soon, href: `${QUEUE}?due=${DUE_SOON_DAYS}&notoverdue=1`, tone: 'warning', nav: QUEUE,
      hint: `今后 ${DUE_SOON_DAYS} 个工作日内到达法定答复期限、尚未超期也尚未办结的申请。` },
    { label: '已逾期', count: n.overdue, href: `${QUEUE}?overdue=1`, tone: 'danger', nav: QUEUE,
      hint: '已超过法定答复期限、尚未办结的申请，请尽快答复并说明情况。' },
  );
  if (can(user, 'request.handle')) {
    const ids = await returnedTo(ctx.db, user, SUBJECT);
    items.push({ label: '答复退回修改', count: await countOpenAmong(ctx.db, scopeOf(user, 'request.read'), ids), href: `${QUEUE}?returned=1`, tone: 'warning', nav: QUEUE,
      hint: '您提交审核、经审核退回修改的答复，修改后可重新提交审核。' });
  }
  return items;
}
