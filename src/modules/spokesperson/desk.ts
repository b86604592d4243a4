// 新闻发言人 on the 工作台: changes waiting for filing (press office), organisations that have not
// confirmed the open yearly round, open 整改 items, and flagged 政务新媒体 accounts — each in scope.
import type { AppContext } from '../../app-context.ts';
import type { DeskItem } from '../../platform/modules/index.ts';
import { can, scopeOf, type Principal } from '../auth/policy.ts';
import { staleCutoff } from './domain.ts';
import * as repo from './repo.ts';
import { staleDaysOf } from './routes.registry.tsx';
import { todayOf } from './use-cases/shared.ts';
import { EVALUATIONS_HREF, FILINGS_HREF, FYR_HREF, ROUNDS_HREF, XMT_HREF } from './views/shared.tsx';

export async function spokespersonDesk(ctx: AppContext, user: Principal): Promise<DeskItem[]> {
  if (!can(user, 'spokesperson.read')) return [];
  const items: DeskItem[] = [];
  const edit = [...scopeOf(user, 'spokesperson.edit')];
  const read = [...scopeOf(user, 'spokesperson.read')];
  if (can(user, 'spokesperson.file')) {
    items.push({ label: '待备案的发言人变更', count: await repo.pendingCount(ctx.db, [...scopeOf(user, 'spokesperson.file')]), href: FILINGS_HREF, tone: 'info', nav: FYR_HREF,
      hint: '各单位报备的新闻发言人、新闻助理变动，备案后向社会公布。' });
  }
  const round = await repo.openRound(ctx.db);
  if (round && edit.length) {
    items.push({ label: `${round.year}年度备案未确认`, count: await repo.unconfirmedCount(ctx.db, round.id, edit), href: `${ROUNDS_HREF}/${round.id}`, tone: 'warning',
      hint: `请于 ${round.dueOn} 前核对并确认新闻发言人信息。` });
  }
  if (edit.length) {
    items.push({ label: '发言人评估待整改', count: await repo.openRectifyCount(ctx.db, edit), href: EVALUATIONS_HREF, tone: 'warning', hint: '绩效评估责令整改、尚未办结的事项。' });
  }
  const cutoff = staleCutoff(todayOf(ctx), await staleDaysOf(ctx));
  items.push({ label: '需关注的政务新媒体', count: await repo.flaggedMediaCount(ctx.db, read, cutoff), href: `${XMT_HREF}?flag=1`, tone: 'warning', nav: XMT_HREF,
    hint: '未备案或长期未更新的政务新媒体账号。' });
  return items;
}
