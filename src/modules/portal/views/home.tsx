// Portal home page: news, notices, the 政府信息公开 entrances and the directory of departments and towns.
import { PortalLayout } from '../../../platform/views/layout.tsx';
import type { ViewContext } from '../../../platform/views/context.ts';
import { CHANNELS, XXGK_SECTIONS } from '../content.ts';
import type { ArticleSummary, PublicOrg } from '../repo.ts';
import { ArticleList, OrgDirectory } from './common.tsx';
import type { CategoryItem } from './xxgk.tsx';

export function HomePage({ ctx, news, notices, orgs, government, records = [] }: { ctx: ViewContext; news: ArticleSummary[]; notices: ArticleSummary[]; orgs: PublicOrg[]; government: PublicOrg | null; records?: CategoryItem[] }) {
  const name = ctx.site.name;
  return (
    <PortalLayout ctx={ctx} current="/" meta={{
      title: '首页',
      columnName: '首页',
      keywords: `${name},政务公开,政府信息公开,要闻动态,通知公告,依申请公开`,
      description: `${name}门户网站：发布要闻动态和通知公告，提供政府信息公开指南、法定主动公开内容、政府信息公开年报和依申请公开服务。`,
    }}>
      <h1 class="visually-hidden">{name}门户网站</h1>
      <div class="grid home-news">
        <section class="panel" aria-labelledby="h-news">
          <h2 id="h-news">{CHANNELS.news.label}</h2>
          <ArticleList items={news} />
          <p class="more"><a href={CHANNELS.news.href}>更多要闻动态</a></p>
        </section>
        <section class="panel" aria-labelledby="h-notices">
          <h2 id="h-notices">{CHANNELS.notice.label}</h2>
          <ArticleList items={notices} />
          <p class="more"><a href={CHANNELS.notice.href}>更多通知公告</a></p>
        </section>
      </div>

      <section class="panel home-records" aria-labelledby="h-records">
        <h2 id="h-records">最新公开信息</h2>
        {records.length ? (
          <ul class="list">
            {records.map((r) => <li><a href={r.href}>{r.title}</a> <time datetime={r.date}>{r.date}</time></li>)}
          </ul>
        ) : <p class="empty">暂无信息</p>}
        <p class="more"><a href="/xxgk/fdzdgknr/">更多主动公开信息</a>　<a href="/xxgk/search">信息检索</a></p>
      </section>

      <section aria-labelledby="h-xxgk">
        <h2 id="h-xxgk">政府信息公开</h2>
        <ul class="tiles">
          {XXGK_SECTIONS.map((s) => (
            <li><a href={s.href}>{s.label}<span class="desc">{s.desc}</span></a></li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="h-orgs">
        <h2 id="h-orgs">部门和乡镇信息公开</h2>
        <p>选择下列单位，查看其政府信息公开指南，了解公开范围、受理机构和联系方式。
          {government && <>县人民政府的指南见<a href="/xxgk/zn/">{government.name}政府信息公开指南</a>。</>}
        </p>
        <OrgDirectory orgs={orgs} />
      </section>
    </PortalLayout>
  );
}
