// 要闻动态 / 通知公告: list pages and the article page with the government-website meta tags.
import { Pagination } from '../../../platform/views/form.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CHANNELS } from '../content.ts';
import { formatDateTime, paragraphs, summarize } from '../domain.ts';
import type { Article, ArticleSummary, Channel } from '../repo.ts';
import { ArticleList, PortalPage } from './common.tsx';

export function ArticleListPage({ ctx, channel, items, page, pages }: { ctx: ViewContext; channel: Channel; items: ArticleSummary[]; page: number; pages: number }) {
  const c = CHANNELS[channel];
  const title = page > 1 ? `${c.label}（第${page}页）` : c.label;
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: c.label }]} meta={{
      title,
      columnName: c.label,
      keywords: `${ctx.site.name},${c.label}`,
      description: `${ctx.site.name}${c.label}列表`,
    }}>
      <h1>{c.label}</h1>
      <ArticleList items={items} />
      <Pagination page={page} pages={pages} href={(p) => `${c.href}?page=${p}`} />
    </PortalPage>
  );
}

export function ArticlePage({ ctx, article }: { ctx: ViewContext; article: Article }) {
  const c = CHANNELS[article.channel];
  const pub = formatDateTime(article.publishedAt);
  const source = article.orgName || ctx.site.name;
  return (
    <PortalPage ctx={ctx} crumbs={[{ href: c.href, label: c.label }, { label: '正文' }]} meta={{
      title: article.title,
      columnName: c.label,
      articleTitle: article.title,
      pubDate: pub,
      contentSource: source,
      keywords: `${ctx.site.name},${c.label}`,
      description: summarize(article.body),
    }}>
      <article class="content" aria-labelledby="article-title">
        <h1 id="article-title">{article.title}</h1>
        <p class="article-meta">
          <span>发布时间：<time datetime={pub.replace(' ', 'T') + '+08:00'}>{pub}</time></span>
          <span>来源：{source}</span>
        </p>
        <div class="article-body">
          {paragraphs(article.body).map((p) => <p>{p}</p>)}
        </div>
      </article>
      <p class="more"><a href={c.href}>返回{c.label}列表</a></p>
    </PortalPage>
  );
}
