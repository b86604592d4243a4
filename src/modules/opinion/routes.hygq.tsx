// The portal's 回应关切 column (/hygq/): published responses, newest first, 20 a page, and each
// response's page. Public, cached (platform/http/page-cache.ts); publishing or taking one down
// calls publicPagesChanged().
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { IdParams, QueryStr } from '../../platform/forms/query.ts';
import { findPublished, listPublished } from './responses.repo.ts';
import { HYGQ_HREF, HygqListPage, HygqPage } from './views/hygq/pages.tsx';

const PAGE = { config: { policy: 'public', pageCache: true } } as const;
const PUBLIC = { config: { policy: 'public' } } as const;
const PAGE_SIZE = 20;
const MAX_PAGE = 500;
const ListQuery = Type.Object({ page: QueryStr('页码', 10) });
const NOT_FOUND = '您要查看的回应信息不存在，或已撤下。';
const ResponseParams = IdParams('id', NOT_FOUND);

const pageOf = (v: string | undefined): number => (v && /^[1-9]\d{0,3}$/.test(v) ? Math.min(Number(v), MAX_PAGE) : 1);

export function registerHygq(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  app.get(HYGQ_HREF, { ...PAGE, schema: { querystring: ListQuery } }, async (req, reply) => {
    const want = pageOf(req.query.page);
    let { total, rows } = await listPublished(db, PAGE_SIZE, (want - 1) * PAGE_SIZE);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(want, pages);
    if (page !== want) ({ total, rows } = await listPublished(db, PAGE_SIZE, (page - 1) * PAGE_SIZE));
    return reply.page((vc) => <HygqListPage ctx={vc} items={rows} page={page} pages={pages} />);
  });
  app.get('/hygq', PUBLIC, async (req, reply) => {
    const q = req.url.indexOf('?');
    return reply.redirect(HYGQ_HREF + (q >= 0 ? req.url.slice(q) : ''), 301);
  });

  app.get(`${HYGQ_HREF}:id`, { ...PAGE, schema: { params: ResponseParams } }, async (req, reply) => {
    const r = await findPublished(db, req.params.id);
    if (!r) throw new AppError('not_found', NOT_FOUND);
    return reply.page((vc) => <HygqPage ctx={vc} r={r} />);
  });
}
