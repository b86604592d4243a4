// 社会评议 on the 工作台: the open 整改 items of the user's organisations, and those past their due date.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { rootIds } from '../org/repo.ts';
import { rectificationCounts } from './repo.ts';
import { RECT_HREF } from './views/admin.tsx';

export async function surveyDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'survey.rectify')) return [];
  const all = (await rootIds(ctx.db)).some((id) => can(user, 'survey.rectify', { orgId: id }));
  const n = await rectificationCounts(ctx.db, all ? { all: true } : { all: false, orgIds: [...scopeOf(user, 'survey.rectify')] }, beijingToday(ctx.now()));
  return [
    { label: '评议整改待办结', count: n.open - n.overdue, href: `${RECT_HREF}?status=open`, tone: 'info', nav: RECT_HREF,
      hint: '社会评议中提出、尚未整改或作出说明的问题（未逾期）。' },
    { label: '评议整改已逾期', count: n.overdue, href: `${RECT_HREF}?status=open`, tone: 'danger', nav: RECT_HREF,
      hint: '已超过整改期限仍未办结的事项，请尽快整改或向领导小组作出说明。' },
  ];
}
