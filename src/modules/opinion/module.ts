// 政务舆情 (SPEC.md §4; seed 004): collecting, analysing, assigning and answering public opinion on
// the 5 h / 24 h / 48 h clock. Each part registers its routes, jobs and labels here.
import { defineModule } from '../../platform/modules/index.ts';
import { registerOpinionApi } from './routes.api.ts';
import { registerOpinionFeeds } from './routes.feeds.tsx';
import { opinionPollJob } from './feeds.job.ts';
// --- reports (舆情日志, 舆情统计, 专报) ---
import { registerOpinionReports } from './routes.reports.tsx';

export const OPINION_AUDIT_LABELS: Record<string, string> = {
  'opinion.items.ingest': '接收舆情信息',
  'opinion.source.create': '新增舆情订阅源',
  'opinion.source.update': '修改舆情订阅源',
  'opinion.source.enable': '启用舆情订阅源',
  'opinion.source.disable': '停用舆情订阅源',
  'opinion.source.delete': '删除舆情订阅源',
};

export const opinionModule = defineModule({
  name: 'opinion',
  title: '政务舆情',
  actions: ['opinion.read', 'opinion.monitor', 'opinion.assign', 'opinion.respond', 'opinion.manage', 'opinion.ingest', 'opinion.escalation.receive', 'opinion.accountability'],
  nav: [
    { href: '/admin/opinion/sources', label: '舆情来源', action: 'opinion.manage' },
    // --- reports ---
    { href: '/admin/opinion/log', label: '舆情日志', action: 'opinion.read' },
    { href: '/admin/opinion/dashboard', label: '舆情统计', action: 'opinion.read' },
  ],
  routes(app, ctx) {
    registerOpinionApi(app, ctx);
    registerOpinionFeeds(app, ctx);
    // --- reports ---
    registerOpinionReports(app, ctx);
  },
  jobs: [opinionPollJob],
  auditLabels: {
    labels: OPINION_AUDIT_LABELS,
    groups: { 'opinion.*': '政务舆情' },
    fields: {
      source: '来源', added: '新增', duplicates: '重复', refused: '拒收', incidentsOpened: '新立舆情事件',
      name: '名称', url: '订阅地址', mediaType: '媒体类型', pollMinutes: '抓取间隔（分钟）', weight: '来源权重', changed: '修改的项目', items: '已有信息',
    },
  },
});
