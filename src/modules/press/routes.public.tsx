// The portal's 新闻发布 column (/xwfb/: announced events, published releases and transcripts with
// filters; /xwfb/<id>) and GET /api/v1/press/events (the same public data, paginated, documented in
// the OpenAPI document). Public pages are cached; every change that shows calls publicPagesChanged().
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { ErrorRef, StringEnum, describeCodes } from '../../platform/forms/schema.ts';
import { IdParams } from '../../platform/forms/query.ts';
import { beijingIso, beijingMidnight, beijingToday } from '../../platform/time/index.ts';
import { EVENT_TYPES, EVENT_TYPE_KEYS } from './model.ts';
import { PublicListQuery } from './forms.ts';
import * as repo from './repo.ts';
import { expertsByIds } from '../spokesperson/experts.ts';
import { interviewOfPressEvent } from '../interaction/interviews.repo.ts';
import { XWFB_HREF, XwfbListPage, XwfbPage, type PublicFilters } from './views/public.tsx';

const PAGE = { config: { policy: 'public', pageCache: true } } as const;
const PAGE_SIZE = 20;
const NOT_FOUND = '您要查看的新闻发布信息不存在，或尚未公开。';
const pageOf = (v: string | undefined): number => (v && /^[1-9]\d{0,3}$/.test(v) ? Math.min(Number(v), 500) : 1);

const ApiQuery = Type.Object({
  type: Type.Optional(StringEnum(EVENT_TYPE_KEYS, { title: '发布形式', description: describeCodes(EVENT_TYPES) })),
  orgId: Type.Optional(Type.Integer({ title: '发布单位', minimum: 1, maximum: 2_147_483_647 })),
  year: Type.Optional(Type.Integer({ title: '年度', minimum: 2000, maximum: 2100 })),
  upcoming: Type.Optional(Type.Boolean({ title: '只列出发布预告', description: 'true：已批准、尚未举行的活动（按拟举行时间先后）；否则为已公开新闻稿或实录的活动（按举行时间倒序）' })),
  limit: Type.Optional(Type.Integer({ title: '每页条数', minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ title: '跳过条数', minimum: 0, maximum: 100_000, default: 0 })),
});
const Instant = (d: string) => Type.String({ description: `${d}（ISO 8601，北京时间）` });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const EventOut = Type.Object({
  id: Type.Integer(), url: Type.String({ description: '门户网站上的页面' }), title: Type.String({ description: '发布主题' }),
  type: StringEnum(EVENT_TYPE_KEYS, { description: describeCodes(EVENT_TYPES) }),
  org: Type.Object({ id: Type.Integer(), name: Type.String() }, { description: '主办单位' }),
  governmentName: Type.Boolean({ description: '以政府名义发布' }),
  plannedAt: Instant('拟举行时间'), heldAt: Nullable(Instant('实际举行时间')), place: Type.String(), speaker: Type.String({ description: '发布人' }),
  release: Nullable(Type.String({ description: '新闻稿（已公开时）' })), releasePublishedAt: Nullable(Instant('新闻稿公开时间')),
  transcript: Nullable(Type.String({ description: '发布实录（已公开时）' })), transcriptPublishedAt: Nullable(Instant('实录公开时间')),
});
const apiSchema = {
  summary: '新闻发布活动', description: '公开的新闻发布活动：已批准的发布预告，或已公开新闻稿、发布实录的活动。不含申请、审批和答问口径。', tags: ['新闻发布'],
  querystring: ApiQuery,
  response: {
    200: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer(), items: Type.Array(EventOut) }, { description: '新闻发布活动' }),
    422: ErrorRef('查询参数有误（validation_failed）'),
  },
};

const iso = (d: Date | null) => (d ? beijingIso(d) : null);

export function registerPressPublic(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  app.get(XWFB_HREF, { ...PAGE, schema: { querystring: PublicListQuery } }, async (req, reply) => {
    const q = req.query;
    const facets = await repo.publicFacets(db);
    const f: PublicFilters = {
      type: (EVENT_TYPE_KEYS as string[]).includes(q.type ?? '') ? q.type! : '',
      org: facets.orgs.some((o) => String(o.id) === q.org) ? q.org! : '',
      year: facets.years.some((y) => String(y) === q.year) ? q.year! : '',
    };
    const filter: repo.PublicFilter = { type: f.type || undefined, orgId: f.org ? Number(f.org) : undefined, year: f.year ? Number(f.year) : undefined };
    const want = pageOf(q.page);
    let { total, rows } = await repo.listPublished(db, filter, PAGE_SIZE, (want - 1) * PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(want, pages);
    if (page !== want) ({ total, rows } = await repo.listPublished(db, filter, PAGE_SIZE, (page - 1) * PAGE_SIZE));
    const upcoming = await repo.upcomingPublic(db, beijingMidnight(beijingToday(ctx.now())), 10);
    return reply.page((vc) => <XwfbListPage ctx={vc} upcoming={upcoming} items={rows} total={total} page={page} pages={pages} filters={f} facets={facets} />);
  });
  app.get('/xwfb', { config: { policy: 'public' } }, async (req, reply) => {
    const i = req.url.indexOf('?');
    return reply.redirect(XWFB_HREF + (i >= 0 ? req.url.slice(i) : ''), 301);
  });

  app.get(`${XWFB_HREF}:id`, { ...PAGE, schema: { params: IdParams('id', NOT_FOUND) } }, async (req, reply) => {
    const e = await repo.findPublic(db, req.params.id);
    if (!e) throw new AppError('not_found', NOT_FOUND);
    // Name and field of the experts only; the interview page once it is public in 互动交流.
    const [experts, interview] = await Promise.all([
      expertsByIds(db, await repo.eventExpertIds(db, e.id)).then((xs) => xs.map((x) => ({ name: x.name, field: x.field }))),
      e.type === 'interview' ? interviewOfPressEvent(db, e.id) : undefined,
    ]);
    const interviewId = interview && (interview.status === 'announced' || interview.status === 'closed') ? interview.id : null;
    return reply.page((vc) => <XwfbPage ctx={vc} e={e} experts={experts} interviewId={interviewId} />);
  });

  app.get('/api/v1/press/events', { config: { policy: 'public' }, schema: apiSchema }, async (req) => {
    const q = req.query;
    const limit = q.limit ?? 20;
    const offset = q.offset ?? 0;
    let total: number;
    let rows: repo.PublicEvent[];
    if (q.upcoming) {
      const all = (await repo.upcomingPublic(db, beijingMidnight(beijingToday(ctx.now())), 1000))
        .filter((e) => (!q.type || e.type === q.type) && (!q.orgId || e.orgId === q.orgId));
      total = all.length;
      rows = all.slice(offset, offset + limit);
    } else {
      ({ total, rows } = await repo.listPublished(db, { type: q.type, orgId: q.orgId, year: q.year }, limit, offset));
    }
    return {
      total, limit, offset,
      items: rows.map((e) => ({
        id: e.id, url: `${XWFB_HREF}${e.id}`, title: e.title, type: e.type as (typeof EVENT_TYPE_KEYS)[number], org: { id: e.orgId, name: e.orgName }, governmentName: e.govName,
        plannedAt: beijingIso(e.plannedAt), heldAt: iso(e.heldAt), place: e.place, speaker: e.speaker,
        release: e.releasePublishedAt ? e.releaseText : null, releasePublishedAt: iso(e.releasePublishedAt),
        transcript: e.transcriptPublishedAt ? e.transcriptText : null, transcriptPublishedAt: iso(e.transcriptPublishedAt),
      })),
    };
  });
}
