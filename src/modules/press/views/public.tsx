// 新闻发布 (/xwfb/): upcoming approved events, the published releases and transcripts (filter by form,
// organisation and year), and one event's page. Never the application, the approval or 口径.
// No JavaScript; fits a 390 px phone.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Notice, Pagination, SelectField } from '../../../platform/views/form.tsx';
import { beijingIso, formatInstant } from '../../../platform/time/index.ts';
import { PortalPage } from '../../portal/views/common.tsx';
import { paragraphs, summarize } from '../../portal/domain.ts';
import { EVENT_TYPES, labelOf } from '../model.ts';
import type { PublicEvent } from '../repo.ts';
import { ExpertNames } from '../../spokesperson/experts.ts';
import { PUBLIC_FYR_HREF, PUBLIC_XMT_HREF } from '../../spokesperson/views/shared.tsx';

export const XWFB_HREF = '/xwfb/';
export const XWFB_LABEL = '新闻发布';
export type PublicFilters = { type: string; org: string; year: string };

export function publicQuery(f: PublicFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

const at = (d: Date, style: 'date' | 'minute' = 'date') => <time datetime={beijingIso(d)}>{formatInstant(d, style)}</time>;

export function XwfbListPage(p: { ctx: ViewContext; upcoming: PublicEvent[]; items: PublicEvent[]; total: number; page: number; pages: number;
  filters: PublicFilters; facets: { orgs: { id: number; name: string }[]; years: number[] } }) {
  const { ctx, filters: f } = p;
  const filtered = Boolean(f.type || f.org || f.year);
  return (
    <PortalPage ctx={ctx} current={XWFB_HREF} crumbs={[{ label: XWFB_LABEL }]} meta={{
      title: p.page > 1 ? `${XWFB_LABEL}（第${p.page}页）` : XWFB_LABEL, columnName: XWFB_LABEL,
      keywords: `${ctx.site.name},新闻发布,新闻发布会,发布实录`, description: `${ctx.site.name}新闻发布会预告、新闻稿和发布实录。`,
    }}>
      <h1>{XWFB_LABEL}</h1>
      <p>本级政府及部门举行的新闻发布会、情况通报会、在线访谈等新闻发布活动的预告、新闻稿和发布实录。时间为北京时间。</p>
      <ul class="link-list">
        <li><a href={PUBLIC_FYR_HREF}>新闻发言人名单</a></li>
        <li><a href={PUBLIC_XMT_HREF}>政务新媒体</a></li>
      </ul>
      {!filtered && p.page === 1 && (
        <section aria-labelledby="xwfb-upcoming">
          <h2 id="xwfb-upcoming">发布预告</h2>
          {p.upcoming.length === 0 ? <p class="empty">近期暂无新闻发布活动预告。</p> : (
            <ul class="list">
              {p.upcoming.map((e) => (
                <li><span><a href={`${XWFB_HREF}${e.id}`}>{e.title}</a> <span class="muted">（{e.orgName}，{labelOf(EVENT_TYPES, e.type)}）</span></span>{at(e.plannedAt, 'minute')}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      <section aria-labelledby="xwfb-released">
        <h2 id="xwfb-released">新闻稿和发布实录</h2>
        <form method="get" action={XWFB_HREF} class="filters" role="search" aria-label="筛选新闻发布">
          <SelectField name="type" label="发布形式" value={f.type} placeholder="全部形式" options={Object.entries(EVENT_TYPES).map(([value, label]) => ({ value, label }))} />
          <SelectField name="org" label="发布单位" value={f.org} placeholder="全部单位" options={p.facets.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
          <SelectField name="year" label="年度" value={f.year} placeholder="全部年度" options={p.facets.years.map((y) => ({ value: String(y), label: `${y}年` }))} />
          <div class="field"><button type="submit">筛选</button></div>
        </form>
        {p.items.length === 0 ? <p class="empty">暂无符合条件的新闻发布信息。</p> : (
          <ul class="list">
            {p.items.map((e) => (
              <li><span><a href={`${XWFB_HREF}${e.id}`}>{e.title}</a> <span class="muted">（{e.orgName}，{labelOf(EVENT_TYPES, e.type)}）</span></span>{at(e.heldAt ?? e.plannedAt)}</li>
            ))}
          </ul>
        )}
        <Pagination page={p.page} pages={p.pages} href={(n) => `${XWFB_HREF}${publicQuery(f, { page: String(n) })}`} />
      </section>
    </PortalPage>
  );
}

export function XwfbPage({ ctx, e, experts = [], interviewId = null }: { ctx: ViewContext; e: PublicEvent; experts?: { name: string; field: string }[]; interviewId?: number | null }) {
  const held = e.heldAt !== null && (e.releasePublishedAt !== null || e.transcriptPublishedAt !== null);
  const cancelled = e.status === 'cancelled';
  const pub = e.releasePublishedAt ?? e.transcriptPublishedAt;
  return (
    <PortalPage ctx={ctx} current={XWFB_HREF} crumbs={[{ href: XWFB_HREF, label: XWFB_LABEL }, { label: '正文' }]} meta={{
      title: e.title, columnName: XWFB_LABEL, articleTitle: e.title, pubDate: pub ? formatInstant(pub, 'minute') : undefined, contentSource: e.orgName,
      keywords: `${ctx.site.name},新闻发布,${labelOf(EVENT_TYPES, e.type)}`, description: summarize(e.releaseText ?? e.transcriptText ?? e.title),
    }}>
      <article class="content" aria-labelledby="xwfb-title">
        <h1 id="xwfb-title">{e.title}</h1>
        {cancelled && <Notice kind="warning"><strong>已取消：</strong>本场活动已{e.cancelledAt ? <>于 {at(e.cancelledAt)} </> : ''}取消，不再举行。</Notice>}
        <dl class="facts">
          {cancelled && <><dt>状态</dt><dd>已取消</dd></>}
          <dt>发布形式</dt><dd>{labelOf(EVENT_TYPES, e.type)}</dd>
          <dt>发布单位</dt><dd>{e.govName ? `${e.orgName}（以县政府名义发布）` : e.orgName}</dd>
          <dt>{held ? '举行时间' : '拟举行时间'}</dt><dd>{at(held ? e.heldAt! : e.plannedAt, 'minute')}</dd>
          {e.place && <><dt>地点</dt><dd>{e.place}</dd></>}
          <dt>发布人</dt><dd>{e.speaker}</dd>
          {e.guests && <><dt>出席嘉宾</dt><dd>{e.guests}</dd></>}
          {experts.length > 0 && <><dt>解读专家</dt><dd><ExpertNames experts={experts} /></dd></>}
        </dl>
        {interviewId !== null && <p>访谈预告、网民提问和文字实录见<a href={`/hdjl/zxft/${interviewId}`}>在线访谈页面</a>。</p>}
        {!held && !cancelled && <p>欢迎媒体记者参加。新闻稿和发布实录将在活动结束后于本栏目公布。</p>}
        {e.releaseText && e.releasePublishedAt && (
          <section aria-labelledby="xwfb-release">
            <h2 id="xwfb-release">新闻稿</h2>
            <p class="article-meta">发布时间：{at(e.releasePublishedAt, 'minute')}</p>
            <div class="article-body">{paragraphs(e.releaseText).map((x) => <p>{x}</p>)}</div>
          </section>
        )}
        {e.transcriptText && e.transcriptPublishedAt && (
          <section aria-labelledby="xwfb-transcript">
            <h2 id="xwfb-transcript">发布实录</h2>
            <p class="article-meta">发布时间：{at(e.transcriptPublishedAt, 'minute')}</p>
            <div class="article-body">{paragraphs(e.transcriptText).map((x) => <p>{x}</p>)}</div>
          </section>
        )}
      </article>
      <p class="more"><a href={XWFB_HREF}>返回{XWFB_LABEL}列表</a></p>
    </PortalPage>
  );
}
