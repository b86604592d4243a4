// GET /api/v1/consultations: the published drafts for comment (意见征集) with their dates, phase and
// whether the 采纳情况 is published, newest first, paginated. Public; the schema is the OpenAPI text.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { absoluteUrl } from '../../platform/config.ts';
import { ErrorRef, StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { beijingIso, beijingToday } from '../../platform/time/index.ts';
import { draftPhase } from './domain.ts';
import { listApiDrafts } from './drafts.repo.ts';

const PHASES = { open: '正在征集', upcoming: '即将征集', closed: '已结束' } as const;
export const API_MAX_PAGE_SIZE = 100;

const Consultation = Type.Object({
  id: Type.Integer({ description: '意见征集编号' }),
  title: Type.String({ description: '草案标题' }),
  organisation: Type.String({ description: '起草单位' }),
  startDate: Type.String({ format: 'date', description: '征集开始日期（北京时间，含当日）' }),
  endDate: Type.String({ format: 'date', description: '征集截止日期（北京时间，含当日）' }),
  status: StringEnum(['open', 'upcoming', 'closed'] as const, { description: `征集状态：${describeCodes(PHASES)}` }),
  url: Type.String({ description: '草案页面地址' }),
  summaryPublished: Type.Boolean({ description: '是否已公布意见采纳情况' }),
  summaryUrl: Type.Union([Type.String(), Type.Null()], { description: '采纳情况所在页面（未公布时为 null）' }),
  summaryPublishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: '采纳情况公布时间' }),
}, { title: '意见征集' });

export const consultationsSchema = {
  summary: '意见征集列表',
  description: '已发布的政策草案公开征求意见，按开始日期从新到旧排列。',
  tags: ['互动交流'],
  querystring: Type.Object({
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 1, title: '页码', description: '页码，从 1 开始' })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: API_MAX_PAGE_SIZE, default: 20, title: '每页条数', description: `每页条数，1 至 ${API_MAX_PAGE_SIZE}` })),
    status: Type.Optional(StringEnum(['open', 'upcoming', 'closed'] as const, { title: '征集状态', description: `只列出该状态：${describeCodes(PHASES)}` })),
  }),
  response: {
    200: Type.Object({
      total: Type.Integer({ description: '符合条件的总数' }),
      page: Type.Integer(),
      pageSize: Type.Integer(),
      items: Type.Array(Consultation),
    }, { description: '意见征集' }),
    422: ErrorRef('参数无效（validation_failed）'),
  },
};

export function registerConsultationsApi(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  app.get('/api/v1/consultations', { config: { policy: 'public' }, schema: consultationsSchema }, async (req, reply) => {
    const today = beijingToday(ctx.now());
    const page = req.query.page ?? 1;
    const pageSize = req.query.pageSize ?? 20;
    const r = await listApiDrafts(ctx.db, today, req.query.status, pageSize, (page - 1) * pageSize);
    const url = (path: string) => absoluteUrl(ctx.config, path);
    return reply.header('cache-control', 'no-store').send({
      total: r.total, page, pageSize,
      items: r.rows.map((d) => {
        const phase = draftPhase(d, today);
        const href = url(`/hdjl/yjzj/${d.id}`);
        return {
          id: d.id, title: d.title, organisation: d.orgName, startDate: d.startDate, endDate: d.endDate,
          status: (phase === 'unpublished' ? 'upcoming' : phase) as keyof typeof PHASES, url: href,
          summaryPublished: d.summaryPublishedAt !== null, summaryUrl: d.summaryPublishedAt ? `${href}#summary-title` : null,
          summaryPublishedAt: d.summaryPublishedAt ? beijingIso(d.summaryPublishedAt) : null,
        };
      }),
    });
  });
}
