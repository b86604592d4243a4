// 社会评议 (SPEC.md §5; seed 002 附件7, seed 001 (十一)): online surveys on the disclosure work, their
// results, and the 整改 items raised from them (rectified, or explained to the leading group).
import { defineModule } from '../../platform/modules/index.ts';
import { beijingToday } from '../../platform/time/index.ts';
import { registerSurveyAdmin } from './routes.admin.tsx';
import { registerSurveyPublic } from './routes.public.tsx';
import { registerSurveyRectify } from './routes.rectify.tsx';
import { sitemapSurveys } from './repo.ts';
import { surveyDesk } from './desk.ts';
import { seedSurveyDemo } from './demo.ts';
import { ADMIN_HREF, RECT_HREF } from './views/admin.tsx';
import { PJ_HREF } from './views/public.tsx';

export const SURVEY_AUDIT_LABELS: Record<string, string> = {
  'survey.create': '新建社会评议',
  'survey.create_from_template': '从模板新建社会评议',
  'survey.copy': '复制社会评议为新问卷',
  'survey.update': '修改社会评议信息',
  'survey.question.add': '添加评议题目',
  'survey.question.update': '修改评议题目',
  'survey.question.delete': '删除评议题目',
  'survey.question.move': '调整评议题目顺序',
  'survey.publish': '发布社会评议',
  'survey.close': '结束社会评议',
  'survey.answer': '公众提交评议答卷',
  'survey.export': '导出评议答卷',
  'survey.rectification.create': '交办评议整改事项',
  'survey.rectification.rectify': '评议整改事项办结（整改措施）',
  'survey.rectification.explain': '评议整改事项办结（情况说明）',
  'survey.demo.load': '载入演示社会评议数据',
};

export const surveyModule = defineModule({
  name: 'survey',
  title: '社会评议',
  actions: ['survey.read', 'survey.manage', 'survey.rectify'],
  nav: [
    { href: ADMIN_HREF, label: '社会评议', action: 'survey.read' },
    { href: RECT_HREF, label: '评议整改', action: ['survey.read', 'survey.rectify'] },
  ],
  routes(app, ctx) {
    registerSurveyPublic(app, ctx);
    registerSurveyAdmin(app, ctx);
    registerSurveyRectify(app, ctx);
  },
  desk: surveyDesk,
  demo: seedSurveyDemo,
  async sitemap(ctx) {
    const rows = await sitemapSurveys(ctx.db, beijingToday(ctx.now()), 10_000);
    return [{ path: PJ_HREF }, ...rows.map((r) => ({ path: `${PJ_HREF}${r.id}`, lastmod: r.updatedAt.toISOString() }))];
  },
  auditLabels: {
    labels: SURVEY_AUDIT_LABELS,
    groups: { 'survey.*': '社会评议' },
    entities: { survey: '社会评议', survey_rectification: '评议整改事项' },
    fields: {
      title: '标题', startsOn: '开始日期', endsOn: '结束日期', questions: '题目数', changed: '修改的项目', questionKind: '题型', surveyQuestion: '题目',
      newPosition: '新位置', answerId: '答卷编号', phoneCheck: '手机号码核对', exported: '导出答卷数', surveyId: '评议', rectifyOrg: '责任单位', dueOn: '截止日期',
      closedLate: '逾期办结', recipients: '通知人数', copiedFrom: '复制自', surveys: '评议数', responses: '答卷数', rectifications: '整改事项数',
    },
  },
});
