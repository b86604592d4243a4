// 新闻发言人与政务新媒体 (SPEC.md §5; seeds 000, 001, 003): spokespersons and 新闻助理 with their
// filings and the yearly round, performance evaluation with 通报 and 整改, the policy-interpretation
// expert library and the 政务新媒体 registry; public lists at /xwfb/fyr and /xwfb/xmt.
import { defineModule } from '../../platform/modules/index.ts';
import { registerSpokesPeople } from './routes.people.tsx';
import { registerSpokesEvaluations } from './routes.evaluations.tsx';
import { registerSpokesRegistry } from './routes.registry.tsx';
import { registerSpokesPublic } from './routes.public.tsx';
import { spokespersonDesk } from './desk.ts';
import { seedSpokespersonDemo } from './demo.ts';
import { EXPERTS_HREF, FYR_HREF, XMT_HREF } from './views/shared.tsx';

export const SPOKESPERSON_AUDIT_LABELS: Record<string, string> = {
  'spokesperson.filing.submit': '报备新闻发言人信息',
  'spokesperson.filing.file': '新闻发言人信息备案',
  'spokesperson.filing.return': '退回新闻发言人报备',
  'spokesperson.round.open': '开启新闻发言人年度备案',
  'spokesperson.round.close': '结束新闻发言人年度备案',
  'spokesperson.round.confirm': '确认新闻发言人年度备案',
  'spokesperson.evaluation.create': '新建新闻发言人绩效评估',
  'spokesperson.evaluation.failing': '记录新闻发言人履职问题',
  'spokesperson.evaluation.failing_remove': '删除新闻发言人履职问题',
  'spokesperson.evaluation.decide': '确定新闻发言人评估结果',
  'spokesperson.evaluation.rectify': '新闻发言人评估整改办结',
  'spokesperson.expert.create': '新增政策解读专家',
  'spokesperson.expert.update': '修改政策解读专家',
  'spokesperson.expert.file': '政策解读专家备案',
  'spokesperson.media.create': '登记政务新媒体账号',
  'spokesperson.media.update': '修改政务新媒体账号',
  'spokesperson.media.file': '政务新媒体账号备案',
  'spokesperson.media.settings': '修改政务新媒体更新提示设置',
  'spokesperson.demo.load': '载入演示新闻发言人数据',
};

export const spokespersonModule = defineModule({
  name: 'spokesperson',
  title: '新闻发言人与政务新媒体',
  actions: ['spokesperson.read', 'spokesperson.edit', 'spokesperson.file'],
  nav: [
    { href: FYR_HREF, label: '新闻发言人', action: 'spokesperson.read' },
    { href: EXPERTS_HREF, label: '政策解读专家库', action: 'spokesperson.read' },
    { href: XMT_HREF, label: '政务新媒体', action: 'spokesperson.read' },
  ],
  routes(app, ctx) {
    registerSpokesPeople(app, ctx);
    registerSpokesEvaluations(app, ctx);
    registerSpokesRegistry(app, ctx);
    registerSpokesPublic(app, ctx);
  },
  desk: spokespersonDesk,
  demo: seedSpokespersonDemo,
  async sitemap() {
    return [{ path: '/xwfb/fyr' }, { path: '/xwfb/xmt' }];
  },
  auditLabels: {
    labels: SPOKESPERSON_AUDIT_LABELS,
    groups: { 'spokesperson.*': '新闻发言人与政务新媒体' },
    entities: {
      spokes_filing: '新闻发言人报备', spokes_round: '新闻发言人年度备案', spokes_evaluation: '新闻发言人绩效评估',
      spokes_expert: '政策解读专家', spokes_media_account: '政务新媒体账号',
    },
    fields: {
      org: '单位', post: '岗位', changes: '变动内容', replaced: '说明', filedOn: '备案日期', reason: '原因', year: '年度', dueOn: '截止日期',
      unconfirmed: '未确认单位数', people: '人员', personName: '姓名', failing: '问题类型', occurredOn: '发生日期', result: '评估结果', suggested: '建议结果',
      failings: '问题数', rectifyDueOn: '整改期限', accountability: '责任追究', rectifiedOn: '整改办结日期', late: '逾期办结', field: '专业领域',
      employer: '工作单位', phone: '电话（已脱敏）', status: '状态', platform: '平台', account: '账号名称', responsible: '责任人',
      lastUpdateOn: '最近更新日期', refile: '备案', staleDays: '未更新天数', orgs: '机构数', experts: '专家数', accounts: '账号数',
    },
  },
});
