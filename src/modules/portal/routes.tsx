// Public portal: home, news and notices, the 政府信息公开 column, display preferences, help pages.
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, QueryStr, Type } from '../../platform/forms/index.ts';
import type { AppContext } from '../../app-context.ts';
import { ELDER_COOKIE, VARIANT_COOKIE } from '../../platform/views/prefs.ts';
import { absoluteUrl } from '../../platform/config.ts';
import { AppError } from '../../platform/errors.ts';
import { safeNext } from '../auth/routes.tsx';
import { formatDate, parseId } from './domain.ts';
import * as repo from './repo.ts';
import { latestPublished } from '../catalog/repo.public.ts';
import { ArticleListPage, ArticlePage } from './views/articles.tsx';
import { GuidePage } from './views/guide.tsx';
import { AccessibilityPage, ContactPage, SitemapPage } from './views/help.tsx';
import fs from 'node:fs';
import path from 'node:path';
import { publicDir } from '../../platform/http/server.ts';
import { HomePage } from './views/home.tsx';
import { AnnualReportsPage, RulesPage, XxgkIndexPage } from './views/xxgk.tsx';

const PUBLIC = { config: { policy: 'public' } } as const;
/** Public pages without a POST form: cached and cacheable (platform/http/page-cache.ts). */
const PAGE = { config: { policy: 'public', pageCache: true } } as const;
const PAGE_SIZE = 20;
const HOME_ITEMS = 8;
const HOME_RECORDS = 5;
const PREF_MAX_AGE = 365 * 24 * 3600;

// Route inputs: loose strings, checked where used (a bad page number is page 1, as always).
const PageQuery = Type.Object({ page: QueryStr('页码') });
const ArticleParams = IdParams('id', '您要查看的文章不存在或已被撤下。');
const GuideQuery = Type.Object({ org: QueryStr('单位') });
/** 简/繁 and 长者模式, then `next`: read as typed, so safeNext sees (and refuses) what was sent. */
const PrefsQuery = Type.Object({ variant: QueryStr('简体或繁体'), elder: QueryStr('长者模式'), next: QueryStr('返回页面') });

export function registerPortal(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;

  app.get('/', PAGE, async (_req, reply) => {
    const now = ctx.now();
    const [news, notices, orgs, government, latest] = await Promise.all([
      repo.listArticles(db, 'news', { limit: HOME_ITEMS, now }),
      repo.listArticles(db, 'notice', { limit: HOME_ITEMS, now }),
      repo.listActiveOrgs(db),
      repo.getRootGovernment(db),
      latestPublished(db, formatDate(now), HOME_RECORDS),
    ]);
    const records = latest.map((r) => ({ href: `/xxgk/${r.id}`, title: r.title, date: formatDate(r.publishedAt) }));
    return reply.page((vc) => <HomePage ctx={vc} news={news} notices={notices} orgs={orgs} government={government} records={records} />);
  });

  for (const [path, channel] of [['/news/', 'news'], ['/notices/', 'notice']] as const) {
    app.get(path, { ...PAGE, schema: { querystring: PageQuery } }, async (req, reply) => {
      const now = ctx.now();
      const total = await repo.countArticles(db, channel, now);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(parseId(req.query.page) ?? 1, pages);
      const items = await repo.listArticles(db, channel, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE, now });
      return reply.page((vc) => <ArticleListPage ctx={vc} channel={channel} items={items} page={page} pages={pages} />);
    });
  }

  app.get('/news/:id', { ...PAGE, schema: { params: ArticleParams } }, async (req, reply) => {
    const article = await repo.getArticle(db, req.params.id, ctx.now());
    if (!article) throw new AppError('not_found', '您要查看的文章不存在或已被撤下。');
    return reply.page((vc) => <ArticlePage ctx={vc} article={article} />);
  });

  // ---- 政府信息公开 column
  app.get('/xxgk/', PAGE, async (_req, reply) => {
    const orgs = await repo.listActiveOrgs(db);
    return reply.page((vc) => <XxgkIndexPage ctx={vc} orgs={orgs} />);
  });

  app.get('/xxgk/zn/', { ...PAGE, schema: { querystring: GuideQuery } }, async (req, reply) => {
    const raw = req.query.org;
    const [orgs, government] = await Promise.all([repo.listActiveOrgs(db), repo.getRootGovernment(db)]);
    let org = government;
    if (raw !== undefined && raw !== '') {
      const id = parseId(raw);
      org = id === null ? null : orgs.find((o) => o.id === id) ?? null;
      if (!org) throw new AppError('not_found', '未找到该单位，或该单位已撤销。');
    }
    if (!org) throw new AppError('not_found', '尚未设置本级人民政府的机构信息。');
    const shown = org;
    return reply.page((vc) => <GuidePage ctx={vc} org={shown} government={government} orgs={orgs} />);
  });

  app.get('/xxgk/zd/', PAGE, async (_req, reply) => reply.page((vc) => <RulesPage ctx={vc} />));
  // /xxgk/fdzdgknr/ lists published records: registered by the catalogue module (routes.public.tsx).
  app.get('/xxgk/nb/', PAGE, async (_req, reply) => reply.page((vc) => <AnnualReportsPage ctx={vc} />));
  // /ysqgk/ (依申请公开: how to apply, the form, tracking) is registered by the requests module (routes.public.tsx).

  // Section addresses typed without the trailing slash land on the section.
  for (const p of ['/news', '/notices', '/xxgk', '/xxgk/zn', '/xxgk/zd', '/xxgk/fdzdgknr', '/xxgk/nb', '/ysqgk']) {
    app.get(p, PUBLIC, async (req, reply) => {
      const q = req.url.indexOf('?');
      return reply.redirect(p + '/' + (q >= 0 ? req.url.slice(q) : ''), 301);
    });
  }

  // ---- Display preferences (简/繁, 长者模式) without JavaScript: cookies, then back to the page.
  app.get('/prefs', { ...PUBLIC, schema: { querystring: PrefsQuery } }, async (req, reply) => {
    const q = req.query;
    const opts = { path: '/', maxAge: PREF_MAX_AGE, sameSite: 'lax' as const, secure: ctx.config.cookieSecure, httpOnly: false };
    if (q.variant === 'tw' || q.variant === 'cn') reply.setCookie(VARIANT_COOKIE, q.variant, opts);
    if (q.elder === '0' || q.elder === '1' || q.elder === '2') reply.setCookie(ELDER_COOKIE, q.elder, opts);
    return reply.redirect(safeNext(q.next, '/'), 303);
  });

  // ---- Help
  app.get('/accessibility', PAGE, async (_req, reply) => {
    const government = await repo.getRootGovernment(db);
    return reply.page((vc) => <AccessibilityPage ctx={vc} government={government} />);
  });

  app.get('/contact', PAGE, async (_req, reply) => {
    const government = await repo.getRootGovernment(db);
    return reply.page((vc) => <ContactPage ctx={vc} government={government} />);
  });

  // Crawlers may read the public site, not the back office, the API or a citizen's tracking pages.
  app.get('/robots.txt', PUBLIC, async (_req, reply) => {
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=86400')
      .send(['User-agent: *', 'Disallow: /admin/', 'Disallow: /api/', 'Disallow: /login', 'Disallow: /prefs', 'Disallow: /ysqgk/track', 'Disallow: /ysqgk/receipt', `Sitemap: ${absoluteUrl(ctx.config, '/sitemap.xml')}`, ''].join('\n'));
  });

  const favicon = fs.readFileSync(path.join(publicDir, 'favicon.ico'));
  app.get('/favicon.ico', PUBLIC, async (_req, reply) => reply.type('image/x-icon').header('cache-control', 'public, max-age=604800').send(favicon));

  app.get('/sitemap', PAGE, async (_req, reply) => {
    const orgs = await repo.listActiveOrgs(db);
    return reply.page((vc) => <SitemapPage ctx={vc} orgs={orgs} />);
  });
}
