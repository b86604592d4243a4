// 政务舆情 (SPEC.md §4; seed 004): collecting, analysing, assigning and answering public opinion on
// the 5 h / 24 h / 48 h clock. Each part registers its routes, jobs and labels here.
import { defineModule } from '../../platform/modules/index.ts';
import { registerOpinionApi } from './routes.api.ts';
import { registerOpinionFeeds } from './routes.feeds.tsx';
import { opinionPollJob, opinionPollSourceJob } from './feeds.job.ts';
import { opinionImportCleanupJob } from './import.job.ts';
import { seedOpinionDemo } from './demo.ts';
import { sitemapResponses } from './responses.repo.ts';
import { registerOpinionRespond } from './routes.respond.tsx';
import { registerHygq } from './routes.hygq.tsx';
import { registerOpinionReports } from './routes.reports.tsx';
import { registerOpinionIncidents } from './routes.incidents.tsx';
import { registerOpinionTriage } from './routes.triage.tsx';
import { registerOpinionFindings } from './routes.findings.tsx';
import { opinionDeadlinesJob } from './deadlines.job.ts';
import { opinionDesk } from './desk.ts';
import { registerOpinionImport } from './routes.import.tsx';
import { registerOpinionSettings } from './routes.settings.tsx';

export const OPINION_AUDIT_LABELS: Record<string, string> = {
  'opinion.items.ingest': '接收舆情信息',
  'opinion.demo.load': '载入演示舆情数据',
  'opinion.source.create': '新增舆情订阅源',
  'opinion.source.update': '修改舆情订阅源',
  'opinion.source.enable': '启用舆情订阅源',
  'opinion.source.disable': '停用舆情订阅源',
  'opinion.source.delete': '删除舆情订阅源',
  'opinion.source.poll': '立即抓取舆情订阅源（加入抓取队列）',
  'opinion.response.create': '登记舆情回应',
  'opinion.response.update': '修改退回的舆情回应',
  'opinion.response.pass': '舆情回应审核通过一步',
  'opinion.response.approve': '舆情回应生效',
  'opinion.response.return': '舆情回应退回修改',
  'opinion.response.publish': '在回应关切栏目公开回应',
  'opinion.response.unpublish': '从回应关切栏目撤下回应',
  'opinion.incident.close': '舆情办结（效果评估）',
  'opinion.incident.reopen': '舆情重新办理',
  'opinion.incident.refer': '移交谣言处置',
  'opinion.incident.create': '人工录入舆情',
  'opinion.incident.confirm': '研判确认舆情事件',
  'opinion.incident.regrade': '调整舆情等级或分类',
  'opinion.incident.dismiss': '排除舆情事件',
  'opinion.incident.merge': '合并舆情事件',
  'opinion.incident.split': '拆分舆情事件',
  'opinion.incident.escalate': '升级上报舆情事件',
  'opinion.incident.link': '舆情关联政策文件',
  'opinion.incident.assign': '指定舆情牵头单位',
  'opinion.deadline.breach': '舆情回应超时',
  'opinion.finding.raise': '舆情问责建议升级',
  'opinion.finding.decide': '舆情问责决定',
  'opinion.finding.withdraw': '撤销舆情问责建议',
  'opinion.import.source.create': '新增热线或留言板来源',
  'opinion.import.upload': '上传热线或留言板导出文件',
  'opinion.import.mapping': '保存导入的列对应关系',
  'opinion.import.upload.delete': '删除已导入的热线或留言板导出文件',
  'opinion.import.upload.expire': '清理超过 24 小时未导入的上传文件',
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
};

export const opinionModule = defineModule({
  name: 'opinion',
  title: '政务舆情',
  actions: ['opinion.read', 'opinion.monitor', 'opinion.assign', 'opinion.respond', 'opinion.manage', 'opinion.ingest', 'opinion.escalation.receive', 'opinion.accountability'],
  nav: [
    { href: '/admin/opinion', label: '舆情事件', action: 'opinion.read' },
    { href: '/admin/opinion/new', label: '录入舆情', action: 'opinion.monitor' },
    { href: '/admin/opinion/findings', label: '舆情问责', action: 'opinion.accountability' },
    { href: '/admin/opinion/log', label: '舆情日志', action: 'opinion.read' },
    { href: '/admin/opinion/dashboard', label: '舆情统计', action: 'opinion.read' },
    { href: '/admin/opinion/import', label: '导入热线和留言板数据', action: 'opinion.ingest' },
    // Sources, plans, word lists, routing, duty contacts and corrections: one entry (views/settings/hub.tsx).
    { href: '/admin/opinion/settings', label: '舆情设置', action: 'opinion.manage' },
  ],
  routes(app, ctx) {
    registerOpinionApi(app, ctx);
    registerOpinionFeeds(app, ctx);
    registerOpinionIncidents(app, ctx);
    registerOpinionTriage(app, ctx);
    registerOpinionFindings(app, ctx);
    registerOpinionRespond(app, ctx);
    registerHygq(app, ctx);
    registerOpinionReports(app, ctx);
    registerOpinionImport(app, ctx);
    registerOpinionSettings(app, ctx);
  },
  jobs: [opinionPollJob, opinionPollSourceJob, opinionImportCleanupJob, opinionDeadlinesJob],
  desk: opinionDesk,
  demo: seedOpinionDemo,
  // Each published 回应关切 page (the column itself is in the portal's fixed list).
  async sitemap(ctx) {
    return (await sitemapResponses(ctx.db, 10_000)).map((r) => ({ path: `/hygq/${r.id}`, lastmod: r.publishedAt.toISOString() }));
  },
  auditLabels: {
    labels: OPINION_AUDIT_LABELS,
    groups: { 'opinion.*': '政务舆情' },
    entities: {
      opinion_source: '舆情来源', opinion_incident: '舆情事件', opinion_plan: '舆情监测方案', opinion_lexicon: '舆情词表',
      opinion_routing_rule: '舆情分办规则', opinion_duty_contact: '舆情值班联系人', opinion_finding: '舆情问责建议',
    },
    fields: {
      source: '来源', added: '新增', duplicates: '重复', refused: '拒收', incidentsOpened: '新立舆情事件',
      name: '名称', url: '订阅地址', mediaType: '媒体类型', pollMinutes: '抓取间隔（分钟）', weight: '来源权重', changed: '修改的项目', items: '已有信息', sources: '来源数',
      responseId: '回应编号', responseChannel: '回应渠道', respondedAt: '回应时间', met: '完成的时限', nextUpdateAt: '下次发布进展时限',
      no: '舆情编号', rating: '评估结论', fromStatus: '原状态', status: '状态', agency: '移交机关', referredOn: '移交日期', referenceNo: '受理编号',
      record: '政策文件', grade: '级别', category: '类别', deadlines: '回应时限数', into: '并入事件', splitInto: '拆分出的事件',
      recipients: '通知人数', lead: '牵头单位', co: '协办单位', origin: '录入类型', title: '标题', deadline: '时限', finding: '问责建议',
      kind: '类型', file: '文件', size: '大小（字节）', mapping: '列对应关系', lexicon: '词表', term: '词语', terms: '词语数',
      org: '单位', priority: '优先级', vertical: '垂直管理', groups: '关键词组', excludes: '排除词', active: '启用', position: '职务', hours: '值班时段',
      phone: '电话（已脱敏）', termWeight: '词语权重', defaults: '同时载入的默认词数',
      from: '原建议', to: '升为', proposed: '建议', decided: '决定', note: '说明',
    },
  },
});
