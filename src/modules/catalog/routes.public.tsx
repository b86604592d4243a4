// Public side of the catalogue: search page and JSON API, record pages (+ print, attachments),
// 法定主动公开内容 listings, 政策解读, RSS/Atom and sitemap.xml. Everything is policy 'public' and
// shows only what repo.public.ts's publicWhere() allows.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../../app-context.ts';
import { AppError } from '../../platform/errors.ts';
import { absoluteUrl } from '../../platform/config.ts';
import { formatDate, parseId } from '../portal/domain.ts';
import * as portalRepo from '../portal/repo.ts';
import { CategoriesPage } from '../portal/views/xxgk.tsx';
import { CATEGORIES, DOC_TYPES, VALIDITIES, categoryLabel } from './domain.ts';
import { atomXml, rssXml, sitemapXml, type FeedItem, type SitemapUrl } from './feeds.ts';
import * as repo from './repo.public.ts';
import { interpretationsCount, publishedCount } from './column-counts.ts';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { dropEmptyQuery } from '../../platform/forms/query.ts';
import { AttachmentParams, ColumnListQuery, PageQuery, PublicRecordParams, SearchPageQuery } from './forms.ts';
import { API_PAGE_SIZE, searchSchema } from './api-schemas.ts';
import { PROBLEM_MESSAGES, cleanQuery, searchRecords, type SearchQuery, type SearchResult } from './search.ts';
import { ColumnListPage, InterpretationsPage, type ListForm } from './views/public/list.tsx';
import { recordExpertIds } from './repo.experts.ts';
import { expertsByIds } from '../spokesperson/experts.ts';
import { RecordGonePage, RecordPage, RecordPrintPage, type RecordLinks } from './views/public/record.tsx';
import { SearchPage, type SearchForm } from './views/public/search.tsx';
import { contentDisposition } from '../../platform/http/download.ts';
import { publicFileName, publicTextBody } from './public-attachment.ts';

const PUBLIC = { config: { policy: 'public' } } as const;
/** Public pages without a POST form: cached and cacheable (platform/http/page-cache.ts). */
const PAGE = { config: { policy: 'public', pageCache: true } } as const;
const PAGE_SIZE = 20;
const FEED_ITEMS = 50;
const PER_CATEGORY = 5;
const SITEMAP_MAX = 45_000;
/** Deep pages of a search are never useful and cost an offset scan. */
const MAX_PAGE = 500;

const CATEGORY_CODES = new Set<string>(CATEGORIES.map((c) => c.code));
const DOC_TYPE_CODES = new Set<string>(DOC_TYPES.map((c) => c.code));
const VALIDITY_CODES = new Set<string>(VALIDITIES.map((c) => c.code));

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function yearOf(v: unknown): string {
  const s = str(v);
  return /^(19|20)\d{2}$/.test(s) ? s : '';
}

/** Reads the search form from a query string; unknown filter values are dropped (listed in `invalid`). */
export function readSearchForm(q: Omit<SearchPageQuery, 'page'>): { form: SearchForm; invalid: string[] } {
  const invalid: string[] = [];
  const pick = (name: Exclude<keyof SearchPageQuery, 'q' | 'page'>, ok: (s: string) => boolean): string => {
    const s = str(q[name]);
    if (!s) return '';
    if (ok(s)) return s;
    invalid.push(name);
    return '';
  };
  const form: SearchForm = {
    q: cleanQuery(q.q),
    org: pick('org', (s) => parseId(s) !== null),
    category: pick('category', (s) => CATEGORY_CODES.has(s)),
    year: pick('year', (s) => yearOf(s) !== ''),
    type: pick('type', (s) => DOC_TYPE_CODES.has(s)),
    validity: pick('validity', (s) => VALIDITY_CODES.has(s)),
    order: pick('order', (s) => s === 'relevance' || s === 'date'),
  };
  return { form, invalid };
}

function toQuery(form: SearchForm, page: number, pageSize: number): SearchQuery {
  return {
    q: form.q,
    org: form.org ? Number(form.org) : undefined,
    category: form.category || undefined,
    year: form.year ? Number(form.year) : undefined,
    docType: form.type || undefined,
    validity: form.validity || undefined,
    order: form.order === 'date' ? 'date' : 'relevance',
    page,
    pageSize,
  };
}

const hasFilter = (f: SearchForm) => Boolean(f.org || f.category || f.year || f.type || f.validity);

function pageOf(v: unknown): number | null {
  if (v === undefined || v === '') return 1;
  const n = parseId(v);
  return n === null ? null : Math.min(n, MAX_PAGE);
}

function xml(reply: FastifyReply, type: string, body: string) {
  return reply.type(`${type}; charset=utf-8`).header('cache-control', 'public, max-age=300').send(body);
}


export function registerCatalogPublic(app0: FastifyInstance, ctx: AppContext): void {
  const app = app0.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = ctx;
  const today = () => formatDate(ctx.now());
  const orgOptions = async () => (await portalRepo.listActiveOrgs(db)).map((o) => ({ id: o.id, name: o.name }));
  // The year filter's options scan every public record: computed at most once a minute, not per page view.
  let yearsCache: { day: string; at: number; years: Promise<number[]> } | undefined;
  const publishedYears = (day: string) => {
    if (!yearsCache || yearsCache.day !== day || Date.now() - yearsCache.at > 60_000) {
      const years = repo.publishedYears(db, day);
      yearsCache = { day, at: Date.now(), years };
      years.catch(() => { yearsCache = undefined; });
    }
    return yearsCache.years;
  };

  // ---- Search page
  app.get('/xxgk/search', { ...PAGE, schema: { querystring: SearchPageQuery } }, async (req, reply) => {
    const query = req.query;
    const { form } = readSearchForm(query);
    const page = pageOf(query.page) ?? 1;
    const day = today();
    let result: SearchResult | null = null;
    let message: string | undefined;
    if (form.q || hasFilter(form)) {
      result = await searchRecords(db, day, toQuery(form, page, PAGE_SIZE));
      if (result.exactMatch && page === 1) return reply.redirect(`/xxgk/${result.exactMatch.id}`, 303);
      if (result.problem) message = PROBLEM_MESSAGES[result.problem];
    } else if (query.q !== undefined) {
      message = '请输入检索词，或选择筛选条件。';
    }
    const [orgs, years] = await Promise.all([orgOptions(), publishedYears(day)]);
    return reply.page((vc) => <SearchPage ctx={vc} form={form} result={result} message={message} page={page} pageSize={PAGE_SIZE} orgs={orgs} years={years} />);
  });

  // ---- Search API (JSON): the querystring schema validates and coerces; the rest are search rules.
  app.get('/api/v1/search', { ...PUBLIC, preValidation: dropEmptyQuery, schema: searchSchema }, async (req, reply) => {
    const q = req.query;
    const text = cleanQuery(q.q);
    const page = Math.min(q.page ?? 1, MAX_PAGE);
    const pageSize = q.pageSize ?? API_PAGE_SIZE;
    const query: SearchQuery = { q: text, org: q.org, category: q.category, year: q.year, docType: q.type, validity: q.validity, order: q.order ?? 'relevance', page, pageSize };
    if (!text && [query.org, query.category, query.year, query.docType, query.validity].every((v) => v === undefined)) {
      throw new AppError('validation_failed', '请提供检索词 q，或至少一个筛选条件。', { q: '请提供检索词，或至少一个筛选条件' });
    }
    const r = await searchRecords(db, today(), query);
    if (r.problem) throw new AppError('validation_failed', PROBLEM_MESSAGES[r.problem], { q: PROBLEM_MESSAGES[r.problem] });
    const url = (path: string) => absoluteUrl(ctx.config, path);
    return reply.header('cache-control', 'no-store').send({
      total: r.total,
      totalCapped: r.capped,
      page,
      pageSize,
      ...(r.exactMatch ? { exactMatch: { id: r.exactMatch.id, url: url(`/xxgk/${r.exactMatch.id}`) } } : {}),
      ...(r.relaxed ? { relaxed: true } : {}),
      ...(r.total === 0 && text ? {
        suggestions: {
          ...(r.suggestion ? { similarTitle: r.suggestion } : {}),
          fewerWords: r.fewerWords ?? [],
          organisations: (r.orgColumns ?? []).map((o) => ({ ...o, url: url(`/xxgk/fdzdgknr/?org=${o.id}`) })),
        },
      } : {}),
      items: r.items.map((i) => ({
        id: i.id,
        url: url(`/xxgk/${i.id}`),
        indexNo: i.indexNo,
        title: i.title,
        docNo: i.docNo,
        generatedOn: i.generatedOn,
        publishedAt: new Date(i.publishedAt).toISOString(),
        organisation: { id: i.orgId, name: i.orgName },
        publisher: i.publisher,
        category: { code: i.category, label: categoryLabel(i.category) },
        snippet: i.snippet,
      })),
    });
  });

  // ---- 法定主动公开内容: the nine categories, or a filtered list
  app.get('/xxgk/fdzdgknr/', { ...PAGE, schema: { querystring: ColumnListQuery } }, async (req, reply) => {
    const query = req.query;
    const day = today();
    const listing = (['category', 'org', 'year', 'page', 'all'] as const).some((k) => query[k] !== undefined);
    if (!listing) {
      const latest = await repo.latestByCategory(db, day, PER_CATEGORY);
      const byCat: Record<string, { href: string; title: string; date: string }[]> = {};
      for (const [cat, items] of latest) byCat[cat] = items.map((r) => ({ href: `/xxgk/${r.id}`, title: r.title, date: formatDate(r.publishedAt) }));
      return reply.page((vc) => <CategoriesPage ctx={vc} latest={byCat} />);
    }
    const { form: sf } = readSearchForm(query);
    const form: ListForm = { category: sf.category, org: sf.org, year: sf.year };
    const filter: repo.ListFilter = { category: form.category || undefined, orgId: form.org ? Number(form.org) : undefined, year: form.year ? Number(form.year) : undefined };
    // The count is kept until the next change (column-counts.ts); the page itself is read each time.
    const [orgs, years, total] = await Promise.all([orgOptions(), publishedYears(day), publishedCount(db, day, filter)]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(pageOf(query.page) ?? 1, pages);
    const items = await repo.listPublishedPage(db, day, filter, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return reply.page((vc) => <ColumnListPage ctx={vc} form={form} items={items} total={total} page={page} pageSize={PAGE_SIZE} orgs={orgs} years={years} />);
  });

  // ---- 政策解读
  app.get('/zcjd/', { ...PAGE, schema: { querystring: PageQuery } }, async (req, reply) => {
    const day = today();
    const known = await interpretationsCount(db, day);
    const pages = Math.max(1, Math.ceil(known / PAGE_SIZE));
    const page = Math.min(pageOf(req.query.page) ?? 1, pages);
    const { items, total } = await repo.listInterpretations(db, day, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, { total: known });
    return reply.page((vc) => <InterpretationsPage ctx={vc} items={items} total={total} page={page} pageSize={PAGE_SIZE} />);
  });
  app.get('/zcjd', PUBLIC, async (req, reply) => {
    const q = req.url.indexOf('?');
    return reply.redirect('/zcjd/' + (q >= 0 ? req.url.slice(q) : ''), 301);
  });

  // ---- Feeds and sitemap
  const feedItems = async (): Promise<FeedItem[]> => (await repo.latestPublished(db, today(), FEED_ITEMS)).map((r) => ({
    id: r.id, title: r.title, publishedAt: r.publishedAt, updatedAt: r.updatedAt, publisher: r.publisher,
    category: categoryLabel(r.category), description: r.description?.trim() || r.title,
  }));
  const site = () => ({ name: ctx.config.siteName, siteUrl: ctx.config.siteUrl });
  app.get('/xxgk/rss.xml', PUBLIC, async (_req, reply) => xml(reply, 'application/rss+xml', rssXml(site(), await feedItems(), ctx.now())));
  app.get('/xxgk/atom.xml', PUBLIC, async (_req, reply) => xml(reply, 'application/atom+xml', atomXml(site(), await feedItems(), ctx.now())));
  app.get('/sitemap.xml', PUBLIC, async (_req, reply) => {
    const orgs = await portalRepo.listActiveOrgs(db);
    const records = await repo.sitemapRecords(db, today(), SITEMAP_MAX);
    const urls: SitemapUrl[] = [
      ...['/', '/news/', '/notices/', '/xxgk/', '/xxgk/zn/', '/xxgk/zd/', '/xxgk/fdzdgknr/', '/xxgk/nb/', '/xxgk/search', '/zcjd/', '/ysqgk/', '/hygq/', '/accessibility', '/sitemap']
        .map((path) => ({ path })),
      ...CATEGORIES.map((c) => ({ path: `/xxgk/fdzdgknr/?category=${c.code}` })),
      ...orgs.filter((o) => o.parentId !== null).map((o) => ({ path: `/xxgk/zn/?org=${o.id}` })),
      ...records.map((r) => ({ path: `/xxgk/${r.id}`, lastmod: r.updatedAt })),
      ...(await app.moduleSitemaps()),
    ];
    return xml(reply, 'application/xml', sitemapXml(site(), urls));
  });

  // ---- Record page, print view, attachments
  async function load(id: number): Promise<{ r: repo.RecordDetail; state: Exclude<repo.PublicState, 'hidden'> } | null> {
    const r = await repo.findRecord(db, id);
    if (!r) return null;
    const state = repo.publicState(r, today());
    return state === 'hidden' ? null : { r, state };
  }

  async function linksOf(r: repo.RecordDetail): Promise<RecordLinks> {
    const day = today();
    const [interpretations, policy, attachments, experts] = await Promise.all([
      repo.interpretationsOf(db, day, r.id),
      r.interpretsRecordId ? repo.findPublicSummary(db, day, r.interpretsRecordId) : Promise.resolve(null),
      repo.listAttachments(db, r.id),
      r.interpretsRecordId ? recordExpertIds(db, r.id).then((ids) => expertsByIds(db, ids)) : Promise.resolve([]),
    ]);
    return { interpretations, policy, attachments, experts: experts.map((x) => ({ name: x.name, field: x.field })) };
  }

  const NOT_FOUND = '您要查看的政府信息不存在，或尚未公开。';

  for (const print of [false, true]) {
    app.get(print ? '/xxgk/:id/print' : '/xxgk/:id', { ...PAGE, schema: { params: PublicRecordParams } }, async (req, reply) => {
      const found = await load(req.params.id);
      if (!found) throw new AppError('not_found', NOT_FOUND);
      const { r, state } = found;
      if (state !== 'public') return reply.page((vc) => <RecordGonePage ctx={vc} r={r} why={state} />, 410);
      const links = await linksOf(r);
      return reply.page((vc) => (print ? <RecordPrintPage ctx={vc} r={r} links={links} /> : <RecordPage ctx={vc} r={r} links={links} />));
    });
  }

  app.get('/xxgk/:id/files/:attachmentId', { ...PUBLIC, schema: { params: AttachmentParams } }, async (req, reply) => {
    const { id, attachmentId } = req.params;
    const file = await repo.publicAttachmentFile(db, today(), id, attachmentId);
    if (!file) throw new AppError('not_found', '您要下载的附件不存在，或所属信息尚未公开。');
    // Part of the attachment was masked in review: the upload stays internal; the public get the
    // masked file, or its masked text when the format could not be masked in place.
    const name = publicFileName(file.name, file.version, file.kind);
    const text = file.version === 'text';
    return reply
      .type(text ? 'text/plain; charset=utf-8' : file.mime || 'application/octet-stream')
      .header('content-disposition', contentDisposition(name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .send(text ? publicTextBody(file.textPublic ?? '') : file.data);
  });
}


