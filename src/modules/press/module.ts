// 新闻发布 (SPEC.md §5; seed 000 新闻发言人制度 三–五, seed 001 (一), seed 003 §2–§5): press events with
// their written application and approval chain, 答问口径, the release and transcript on /xwfb/ (also
// catalogue records), and the quotas each organisation must meet.
import { defineModule } from '../../platform/modules/index.ts';
import { registerPressAdmin } from './routes.admin.tsx';
import { registerPressCompliance } from './routes.compliance.tsx';
import { registerPressPublic } from './routes.public.tsx';
import { pressDesk } from './desk.ts';
import { seedPressDemo } from './demo.ts';
import { sitemapEvents } from './repo.ts';
import { STATUSES } from './model.ts';
import { PRESS_HREF } from './views/admin-list.tsx';
import { COMPLIANCE_HREF } from './views/compliance.tsx';

export const PRESS_AUDIT_LABELS: Record<string, string> = {
  'press.event.create': '申请新闻发布活动',
  'press.event.update': '修改新闻发布申请',
  'press.event.submit': '提交新闻发布审批',
  'press.event.pass': '新闻发布审批通过一步',
  'press.event.approve': '新闻发布活动获批准',
  'press.event.return': '新闻发布申请退回修改',
  'press.event.refuse': '新闻发布申请不予批准',
  'press.event.hold': '新闻发布活动已举行',
  'press.event.experts': '选择新闻发布活动解读专家',
  'press.answer.add': '添加答问口径',
  'press.answer.delete': '删除答问口径',
  'press.event.cancel': '取消新闻发布活动',
  'press.text.publish': '公开新闻稿或发布实录并转入主动公开目录',
  'press.text.withdraw': '撤回新闻稿或发布实录',
};

export const pressModule = defineModule({
  name: 'press',
  title: '新闻发布',
  actions: ['press.read', 'press.apply', 'press.approve', 'press.manage'],
  nav: [
    { href: PRESS_HREF, label: '新闻发布活动', action: 'press.read' },
    { href: `${PRESS_HREF}/new`, label: '申请新闻发布', action: 'press.apply' },
    { href: COMPLIANCE_HREF, label: '新闻发布考核', action: 'press.manage' },
  ],
  routes(app, ctx) {
    registerPressAdmin(app, ctx);
    registerPressCompliance(app, ctx);
    registerPressPublic(app, ctx);
  },
  desk: pressDesk,
  demo: seedPressDemo,
  // The column and each event with a published text.
  async sitemap(ctx) {
    const events = await sitemapEvents(ctx.db, 10_000);
    const latest = events.reduce<Date | null>((m, e) => (!m || e.at > m ? e.at : m), null);
    return [{ path: '/xwfb/', ...(latest ? { lastmod: latest.toISOString() } : {}) }, ...events.map((e) => ({ path: `/xwfb/${e.id}`, lastmod: e.at.toISOString() }))];
  },
  auditLabels: {
    labels: PRESS_AUDIT_LABELS,
    groups: { 'press.*': '新闻发布' },
    entities: { press_event: '新闻发布活动' },
    fields: {
      type: '发布形式', govName: '以政府名义', emergency: '突发事件', changed: '修改的项目',
      instanceId: '审批流程', chain: '审批流程名称', afterHeld: '举行后补批', step: '步骤', stepName: '步骤名称',
      heldAt: '实际举行时间', approveAfter: '先发布后补批', approvalDueAt: '补批时限', answerId: '口径编号', doc: '文稿类型', chars: '字数',
      catalogRecordId: '主动公开信息', indexNo: '索引号', again: '撤回后重新公开', priorStatus: '取消前状态', announced: '已发布预告',
      recordWithdrawn: '主动公开信息一并撤回', experts: '解读专家', added: '新增专家数', removed: '移除专家数',
    },
    values: { doc: { release: '新闻稿', transcript: '发布实录' }, priorStatus: STATUSES },
  },
});
