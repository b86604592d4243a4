// 互动交流 (SPEC.md §5; seeds 001 (二)三, 003 §5): 意见征集 (drafts for comment, moderated public
// comments, 采纳情况) and 在线访谈 (announced interviews, moderated public questions, answers,
// 文字实录), on the portal column /hdjl/ and in the back office under /admin/hdjl/.
import { defineModule } from '../../platform/modules/index.ts';
import { seedInteractionDemo } from './demo.ts';
import { interactionDesk } from './desk.ts';
import { sitemapDrafts } from './drafts.repo.ts';
import { sitemapInterviews } from './interviews.repo.ts';
import { registerDraftsAdmin } from './routes.admin-drafts.tsx';
import { registerInterviewsAdmin } from './routes.admin-interviews.tsx';
import { registerModeration } from './routes.moderation.ts';
import { registerInteractionPublic } from './routes.public.tsx';
import { ADMIN_DRAFTS_HREF } from './views/admin-drafts.tsx';
import { ADMIN_INTERVIEWS_HREF } from './views/admin-interviews.tsx';

export const INTERACTION_AUDIT_LABELS: Record<string, string> = {
  'interaction.draft.create': '发起意见征集',
  'interaction.draft.update': '修改意见征集',
  'interaction.draft.attach': '上传意见征集附件',
  'interaction.draft.submit': '意见征集送审发布',
  'interaction.draft.publish': '发布意见征集',
  'interaction.draft.return': '退回意见征集',
  'interaction.draft.withdraw': '撤回意见征集',
  'interaction.draft.submission': '公众提交意见',
  'interaction.summary.publish': '公布意见采纳情况',
  'interaction.summary.update': '修改意见采纳情况',
  'interaction.interview.create': '新建在线访谈',
  'interaction.interview.update': '修改在线访谈',
  'interaction.interview.announce': '发布在线访谈预告',
  'interaction.interview.withdraw': '撤回在线访谈',
  'interaction.interview.submission': '网民提交访谈问题',
  'interaction.question.answer': '答复访谈问题',
  'interaction.transcript.publish': '发布访谈文字实录',
  'interaction.transcript.update': '修改访谈文字实录',
  'interaction.submission.approve': '公众留言审核通过',
  'interaction.submission.reject': '公众留言不予展示',
  'interaction.demo.load': '载入演示互动交流数据',
};

export const interactionModule = defineModule({
  name: 'interaction',
  title: '互动交流',
  actions: ['interaction.read', 'interaction.manage', 'interaction.approve', 'interaction.moderate'],
  nav: [
    { href: ADMIN_DRAFTS_HREF, label: '意见征集', action: 'interaction.read' },
    { href: ADMIN_INTERVIEWS_HREF, label: '在线访谈', action: 'interaction.read' },
  ],
  routes(app, ctx) {
    registerInteractionPublic(app, ctx);
    registerDraftsAdmin(app, ctx);
    registerInterviewsAdmin(app, ctx);
    registerModeration(app, ctx);
  },
  desk: interactionDesk,
  demo: seedInteractionDemo,
  async sitemap(ctx) {
    const [d, i] = await Promise.all([sitemapDrafts(ctx.db, 10_000), sitemapInterviews(ctx.db, 10_000)]);
    return [
      { path: '/hdjl/' }, { path: '/hdjl/yjzj/' }, { path: '/hdjl/zxft/' },
      ...d.map((r) => ({ path: `/hdjl/yjzj/${r.id}`, lastmod: r.at.toISOString() })),
      ...i.map((r) => ({ path: `/hdjl/zxft/${r.id}`, lastmod: r.at.toISOString() })),
    ];
  },
  auditLabels: {
    labels: INTERACTION_AUDIT_LABELS,
    groups: { 'interaction.*': '互动交流' },
    entities: { interaction_draft: '意见征集', interaction_interview: '在线访谈', interaction_submission: '公众留言' },
    fields: {
      title: '标题', startDate: '开始日期', endDate: '截止日期', reason: '原因', length: '字数', file: '文件', size: '大小（字节）',
      kind: '类型', subjectId: '事项编号', named: '留有姓名', contact: '留有联系方式', fromStatus: '原状态', startsAt: '访谈开始时间',
      changed: '修改的项目', pressEventId: '关联新闻发布活动', made: '载入事项数', drafts: '意见征集数', interviews: '在线访谈数', submissions: '公众留言数',
    },
    values: { kind: { draft: '意见征集', interview: '在线访谈' }, fromStatus: { pending: '待审核', approved: '已公开', rejected: '不予展示' } },
  },
});
