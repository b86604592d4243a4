// 政务舆情 (SPEC.md §4; seed 004): collecting, analysing, assigning and answering public opinion on
// the 5 h / 24 h / 48 h clock. Each part registers its routes, jobs and labels here.
import { defineModule } from '../../platform/modules/index.ts';
import { registerOpinionApi } from './routes.api.ts';
import { registerOpinionFeeds } from './routes.feeds.tsx';
import { opinionPollJob } from './feeds.job.ts';
// --- settings part (import, plans, lexicons, routing, duty, corrections) ---
import { registerOpinionImport } from './routes.import.tsx';
import { registerOpinionSettings } from './routes.settings.tsx';
// --- end settings part ---

export const OPINION_AUDIT_LABELS: Record<string, string> = {
  'opinion.items.ingest': '接收舆情信息',
  'opinion.source.create': '新增舆情订阅源',
  'opinion.source.update': '修改舆情订阅源',
  'opinion.source.enable': '启用舆情订阅源',
  'opinion.source.disable': '停用舆情订阅源',
  'opinion.source.delete': '删除舆情订阅源',
  // --- settings part ---
  'opinion.import.source.create': '新增热线或留言板来源',
  'opinion.import.upload': '上传热线或留言板导出文件',
  'opinion.import.mapping': '保存导入的列对应关系',
  'opinion.plan.create': '新增舆情监测方案',
  'opinion.plan.update': '修改舆情监测方案',
  'opinion.plan.delete': '删除舆情监测方案',
  'opinion.lexicon.add': '新增舆情词表词语',
  'opinion.lexicon.update': '修改舆情词表词语',
  'opinion.lexicon.delete': '删除舆情词表词语',
  'opinion.lexicon.defaults': '载入默认舆情词表',
  'opinion.routing.create': '新增舆情分办规则',
  'opinion.routing.update': '修改舆情分办规则',
  'opinion.routing.delete': '删除舆情分办规则',
  'opinion.duty.create': '新增舆情值班联系人',
  'opinion.duty.update': '修改舆情值班联系人',
  'opinion.duty.delete': '删除舆情值班联系人',
  // --- end settings part ---
};

export const opinionModule = defineModule({
  name: 'opinion',
  title: '政务舆情',
  actions: ['opinion.read', 'opinion.monitor', 'opinion.assign', 'opinion.respond', 'opinion.manage', 'opinion.ingest', 'opinion.escalation.receive', 'opinion.accountability'],
  nav: [
    { href: '/admin/opinion/sources', label: '舆情来源', action: 'opinion.manage' },
    // --- settings part ---
    { href: '/admin/opinion/import', label: '导入热线和留言板数据', action: 'opinion.ingest' },
    { href: '/admin/opinion/plans', label: '舆情监测方案', action: 'opinion.manage' },
    { href: '/admin/opinion/lexicons', label: '舆情词表', action: 'opinion.manage' },
    { href: '/admin/opinion/routing', label: '舆情分办规则', action: 'opinion.manage' },
    { href: '/admin/opinion/duty', label: '舆情值班联系人', action: 'opinion.manage' },
    { href: '/admin/opinion/corrections', label: '研判修正记录', action: 'opinion.manage' },
    // --- end settings part ---
  ],
  routes(app, ctx) {
    registerOpinionApi(app, ctx);
    registerOpinionFeeds(app, ctx);
    // --- settings part ---
    registerOpinionImport(app, ctx);
    registerOpinionSettings(app, ctx);
    // --- end settings part ---
  },
  jobs: [opinionPollJob],
  auditLabels: {
    labels: OPINION_AUDIT_LABELS,
    groups: { 'opinion.*': '政务舆情' },
    fields: {
      source: '来源', added: '新增', duplicates: '重复', refused: '拒收', incidentsOpened: '新立舆情事件',
      name: '名称', url: '订阅地址', mediaType: '媒体类型', pollMinutes: '抓取间隔（分钟）', weight: '来源权重', changed: '修改的项目', items: '已有信息',
      // --- settings part ---
      kind: '类型', file: '文件', size: '大小（字节）', mapping: '列对应关系', lexicon: '词表', term: '词语', terms: '词语数',
      org: '单位', priority: '优先级', vertical: '垂直管理', groups: '关键词组', excludes: '排除词', active: '启用', position: '职务', hours: '值班时段',
      phone: '电话（已脱敏）', termWeight: '词语权重', defaults: '同时载入的默认词数',
      // --- end settings part ---
    },
  },
});
