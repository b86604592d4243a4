// 回应关切 (/hygq/): the government's published responses to public concerns, newest first, and one
// response's page. Only what the government said: the incident's title, the text, channel, time and
// link — never the items, their authors or any person's data. No JavaScript; fits a 390 px phone.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { Pagination } from '../../../../platform/views/form.tsx';
import { beijingIso, formatInstant } from '../../../../platform/time/index.ts';
import { PortalPage } from '../../../portal/views/common.tsx';
import { paragraphs, summarize } from '../../../portal/domain.ts';
import { CHANNELS, labelOf } from '../../model.ts';
import type { PublicResponse } from '../../responses.repo.ts';

export const HYGQ_HREF = '/hygq/';
export const HYGQ_LABEL = '回应关切';

export function HygqListPage({ ctx, items, page, pages }: { ctx: ViewContext; items: PublicResponse[]; page: number; pages: number }) {
  return (
    <PortalPage ctx={ctx} current={HYGQ_HREF} crumbs={[{ label: HYGQ_LABEL }]} meta={{
      title: page > 1 ? `${HYGQ_LABEL}（第${page}页）` : HYGQ_LABEL,
      columnName: HYGQ_LABEL,
      keywords: `${ctx.site.name},回应关切,政务舆情回应`,
      description: `${ctx.site.name}对社会关注热点的回应。`,
    }}>
      <h1>{HYGQ_LABEL}</h1>
      <p>对涉及群众切身利益、社会广泛关注的热点问题，本级政府及部门通过政府网站、新闻发布会等渠道及时发布权威信息，回应社会关切。</p>
      {items.length === 0 ? <p class="empty">暂无回应信息。</p> : (
        <ul class="list">
          {items.map((r) => (
            <li>
              <span><a href={`${HYGQ_HREF}${r.id}`}>{r.title}</a> <span class="muted">（{r.orgName}，{labelOf(CHANNELS, r.channel)}）</span></span>
              <time datetime={beijingIso(r.publishedAt)}>{formatInstant(r.publishedAt, 'date')}</time>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} href={(p) => `${HYGQ_HREF}?page=${p}`} />
    </PortalPage>
  );
}

export function HygqPage({ ctx, r }: { ctx: ViewContext; r: PublicResponse }) {
  const pub = formatInstant(r.publishedAt, 'minute');
  return (
    <PortalPage ctx={ctx} current={HYGQ_HREF} crumbs={[{ href: HYGQ_HREF, label: HYGQ_LABEL }, { label: '正文' }]} meta={{
      title: r.title,
      columnName: HYGQ_LABEL,
      articleTitle: r.title,
      pubDate: pub,
      contentSource: r.orgName,
      keywords: `${ctx.site.name},回应关切`,
      description: summarize(r.text),
    }}>
      <article class="content hygq" aria-labelledby="hygq-title">
        <h1 id="hygq-title">{r.title}</h1>
        <p class="article-meta">
          <span>发布时间：<time datetime={beijingIso(r.publishedAt)}>{pub}</time></span>
          <span>回应单位：{r.orgName}</span>
        </p>
        <dl class="facts">
          <dt>回应渠道</dt><dd>{labelOf(CHANNELS, r.channel)}</dd>
          <dt>回应时间</dt><dd>{r.respondedAt ? <time datetime={beijingIso(r.respondedAt)}>{formatInstant(r.respondedAt, 'minute')}</time> : '—'}</dd>
          {r.url && <><dt>原文链接</dt><dd><a href={r.url} rel="noopener">{r.url}</a></dd></>}
        </dl>
        <div class="article-body">
          {paragraphs(r.text).map((p) => <p>{p}</p>)}
        </div>
      </article>
      <p class="more"><a href={HYGQ_HREF}>返回{HYGQ_LABEL}列表</a></p>
    </PortalPage>
  );
}
