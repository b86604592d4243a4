// Building blocks shared by the portal pages: the 政府信息公开 column frame, article lists and the
// directory of departments and towns.
import type { ComponentChildren } from 'preact';
import { Breadcrumb, PortalLayout } from '../../../platform/views/layout.tsx';
import type { PageMeta, ViewContext } from '../../../platform/views/context.ts';
import { ORG_GROUPS, XXGK_SECTIONS } from '../content.ts';
import { formatDate } from '../domain.ts';
import type { ArticleSummary, PublicOrg } from '../repo.ts';

export type Crumb = { href?: string; label: string };

/** A portal page with a breadcrumb trail. */
export function PortalPage({ ctx, meta, crumbs, current, children }: { ctx: ViewContext; meta: PageMeta; crumbs: Crumb[]; current?: string; children: ComponentChildren }) {
  return (
    <PortalLayout ctx={ctx} meta={meta} current={current}>
      <Breadcrumb items={[{ href: '/', label: '首页' }, ...crumbs]} />
      {children}
    </PortalLayout>
  );
}

/** A page of the 政府信息公开 column: breadcrumb, the column's own navigation, then the content. */
export function XxgkPage({ ctx, meta, crumbs, section, children }: { ctx: ViewContext; meta: PageMeta; crumbs: Crumb[]; section?: string; children: ComponentChildren }) {
  const top = section === '/ysqgk/' ? '/ysqgk/' : section === '/xxgk/fdzdgknr/' ? '/xxgk/fdzdgknr/' : section === '/xxgk/nb/' ? '/xxgk/nb/' : '/xxgk/';
  return (
    <PortalPage ctx={ctx} meta={meta} crumbs={crumbs} current={top}>
      <div class="column-layout">
        {/* Folded on phones so the page's heading comes first; site.css keeps it open on wide
            screens. A plain <details>: it opens without JavaScript, by keyboard too. */}
        <nav class="column-nav" aria-label="政府信息公开栏目">
          <details class="fold-narrow">
            <summary>栏目导航</summary>
            <p class="column-nav-title"><a href="/xxgk/" aria-current={section === undefined ? 'page' : undefined}>政府信息公开</a></p>
            <ul>
              {XXGK_SECTIONS.map((s) => (
                <li><a href={s.href} aria-current={section === s.href ? 'page' : undefined}>{s.label}</a></li>
              ))}
            </ul>
          </details>
        </nav>
        <div class="column-main">{children}</div>
      </div>
    </PortalPage>
  );
}

export function ArticleList({ items, empty = '暂无信息' }: { items: ArticleSummary[]; empty?: string }) {
  if (!items.length) return <p class="empty">{empty}</p>;
  return (
    <ul class="list">
      {items.map((a) => {
        const d = formatDate(a.publishedAt);
        return <li><a href={`/news/${a.id}`}>{a.title}</a> <time datetime={d}>{d}</time></li>;
      })}
    </ul>
  );
}

/** Departments, towns and zones (active only), each linking to its 政府信息公开指南. */
export function OrgDirectory({ orgs, headingLevel = 3 }: { orgs: PublicOrg[]; headingLevel?: 2 | 3 }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const groups = ORG_GROUPS.map((g) => ({ ...g, orgs: orgs.filter((o) => o.parentId !== null && g.kinds.includes(o.kind)) })).filter((g) => g.orgs.length);
  if (!groups.length) return <p class="empty">暂无信息</p>;
  return (
    <div class="org-directory">
      {groups.map((g) => (
        <div class="org-group">
          <H>{g.label}</H>
          <ul class="link-grid">
            {g.orgs.map((o) => <li><a href={`/xxgk/zn/?org=${o.id}`}>{o.name}</a></li>)}
          </ul>
        </div>
      ))}
    </div>
  );
}
