// Page shells: the public portal and the staff back office. Server-rendered, no inline script or style.
import type { ComponentChildren } from 'preact';
import type { PageMeta, ViewContext } from './context.ts';
import { absoluteUrl } from '../config.ts';

/** Local link that switches a display preference and comes back to the current page (works without JS). */
function prefHref(ctx: ViewContext, key: 'variant' | 'elder', value: string): string {
  return `/prefs?${key}=${encodeURIComponent(value)}&next=${encodeURIComponent(ctx.path)}`;
}

/** aria-current for a navigation entry: "page" on the page itself, "true" inside its section. */
function navCurrent(ctx: ViewContext, href: string, current?: string): 'page' | 'true' | undefined {
  if (current !== href) return undefined;
  const path = ctx.path.split('?')[0];
  return path === href ? 'page' : 'true';
}

function bodyClass(ctx: ViewContext, extra: string): string {
  const c = [extra];
  if (ctx.elder) c.push('elder', `elder-${ctx.elder}`);
  return c.join(' ');
}

function MetaTags({ ctx, meta }: { ctx: ViewContext; meta: PageMeta }) {
  const url = meta.url ?? absoluteUrl(ctx.site, ctx.path);
  return (
    <>
      <meta name="SiteName" content={ctx.site.name} />
      <meta name="SiteDomain" content={ctx.site.domain} />
      <meta name="SiteIDCode" content={ctx.site.idCode} />
      <meta name="ColumnName" content={meta.columnName ?? meta.title} />
      {meta.articleTitle && <meta name="ArticleTitle" content={meta.articleTitle} />}
      {meta.pubDate && <meta name="PubDate" content={meta.pubDate} />}
      {meta.contentSource && <meta name="ContentSource" content={meta.contentSource} />}
      <meta name="Keywords" content={meta.keywords ?? `${ctx.site.name},政务公开,政府信息公开`} />
      <meta name="Description" content={meta.description ?? `${ctx.site.name}门户网站`} />
      <meta name="Url" content={url} />
    </>
  );
}

function PrefBar({ ctx }: { ctx: ViewContext }) {
  return (
    <nav class="prefbar" aria-label="浏览设置">
      <ul>
        <li>
          {ctx.variant === 'tw'
            ? <a href={prefHref(ctx, 'variant', 'cn')} lang="zh-CN">简体中文</a>
            : <a href={prefHref(ctx, 'variant', 'tw')} lang="zh-TW">繁體中文</a>}
        </li>
        <li>
          {ctx.elder
            ? <a href={prefHref(ctx, 'elder', '0')}>退出长者模式</a>
            : <a href={prefHref(ctx, 'elder', '1')}>长者模式</a>}
        </li>
        {ctx.elder === 1 && <li><a href={prefHref(ctx, 'elder', '2')}>字号再大一些</a></li>}
        {ctx.elder === 2 && <li><a href={prefHref(ctx, 'elder', '1')}>恢复标准大字</a></li>}
        <li><a href="/accessibility">无障碍说明</a></li>
      </ul>
    </nav>
  );
}

function Head({ ctx, meta, admin }: { ctx: ViewContext; meta: PageMeta; admin?: boolean }) {
  const full = admin ? `${meta.title} - ${ctx.site.name}政务公开管理平台` : `${meta.title} - ${ctx.site.name}`;
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{full}</title>
      {!admin && <MetaTags ctx={ctx} meta={meta} />}
      <link rel="stylesheet" href="/static/css/site.css" />
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
      <script src="/static/js/site.js" defer></script>
    </head>
  );
}

export const PORTAL_NAV: { href: string; label: string }[] = [
  { href: '/', label: '首页' },
  { href: '/xxgk/', label: '政府信息公开' },
  { href: '/xxgk/fdzdgknr/', label: '法定主动公开内容' },
  { href: '/ysqgk/', label: '依申请公开' },
  { href: '/xxgk/nb/', label: '年度报告' },
  { href: '/hygq/', label: '回应关切' },
  { href: '/xwfb/', label: '新闻发布' },
  { href: '/hdjl/', label: '互动交流' },
];

export function PortalLayout({ ctx, meta, children, current }: { ctx: ViewContext; meta: PageMeta; children: ComponentChildren; current?: string }) {
  const lang = ctx.variant === 'tw' ? 'zh-TW' : 'zh-CN';
  return (
    <html lang={lang}>
      <Head ctx={ctx} meta={meta} />
      <body class={bodyClass(ctx, 'portal')}>
        <a class="skip-link" href="#main">跳转到主要内容</a>
        <header class="site-header">
          <div class="wrap header-inner">
            <p class="site-title"><a href="/">{ctx.site.name}</a></p>
            <PrefBar ctx={ctx} />
          </div>
          {/* The catalogue search on every page: a plain GET form, so it works without JavaScript. */}
          <div class="wrap">
            <form class="header-search" role="search" aria-label="站内检索" action="/xxgk/search" method="get">
              <label for="site-search-q" class="visually-hidden">站内检索：政府信息公开</label>
              <input id="site-search-q" name="q" type="search" maxLength={100} placeholder="检索政府信息" autocomplete="off" />
              <button type="submit">检索</button>
            </form>
          </div>
          <nav class="main-nav" aria-label="主导航">
            <ul class="wrap">
              {PORTAL_NAV.map((n) => (
                <li><a href={n.href} aria-current={navCurrent(ctx, n.href, current)}>{n.label}</a></li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1} class="wrap">
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <nav aria-label="网站服务">
              <ul class="footer-links">
                <li><a href="/contact">联系我们</a></li>
                <li><a href="/xxgk/zn/">政府信息公开指南</a></li>
                <li><a href="/ysqgk/">依申请公开</a></li>
                <li><a href="/accessibility">无障碍说明</a></li>
                <li><a href="/sitemap">网站地图</a></li>
                <li><a href="/login">工作人员登录</a></li>
              </ul>
            </nav>
            <p><span class="keep">主办单位：{ctx.site.name}办公室</span>　　<span class="keep">网站标识码：{ctx.site.idCode}</span></p>
            {ctx.site.icp || ctx.site.psb ? (
              <p>
                {ctx.site.icp ? <a href="https://beian.miit.gov.cn/" rel="noopener">{ctx.site.icp}</a> : null}
                {ctx.site.icp && ctx.site.psb ? '　　' : null}
                {ctx.site.psb ? <a href="https://beian.mps.gov.cn/" rel="noopener">{ctx.site.psb}</a> : null}
              </p>
            ) : null}
            {ctx.site.conacUrl ? <p><a href={ctx.site.conacUrl} rel="noopener">党政机关网站标识（点击核验）</a></p> : null}
          </div>
        </footer>
      </body>
    </html>
  );
}

/** The number of things waiting behind a menu entry; a screen reader hears "3 项待办". */
function NavBadge({ n }: { n: number }) {
  return <span class="nav-badge">{n > 999 ? '999+' : n}<span class="visually-hidden">项待办</span></span>;
}

export function AdminLayout({ ctx, meta, children, current }: { ctx: ViewContext; meta: PageMeta; children: ComponentChildren; current?: string }) {
  const lang = ctx.variant === 'tw' ? 'zh-TW' : 'zh-CN';
  return (
    <html lang={lang}>
      <Head ctx={ctx} meta={meta} admin />
      <body class={bodyClass(ctx, 'admin')}>
        <a class="skip-link" href="#main">跳转到主要内容</a>
        <header class="admin-header">
          <div class="header-inner">
            <p class="site-title"><a href="/admin/">{ctx.site.name}政务公开管理平台</a></p>
            <PrefBar ctx={ctx} />
            {ctx.user && (
              <div class="whoami">
                <span>{ctx.user.orgName}　{ctx.user.displayName}</span>
                <a href="/admin/account">账户设置</a>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                  <button type="submit" class="link-button">退出登录</button>
                </form>
              </div>
            )}
          </div>
        </header>
        <div class="admin-body">
          {ctx.adminNav && ctx.adminNav.length > 0 && (
            <nav class="admin-nav" aria-label="管理功能">
              <ul>
                {ctx.adminNav.map((n) => (
                  <li><a href={n.href} aria-current={navCurrent(ctx, n.href, current)}>{n.label}{n.badge ? <> <NavBadge n={n.badge} /></> : null}</a></li>
                ))}
              </ul>
            </nav>
          )}
          <main id="main" tabIndex={-1} class="admin-main">
            {children}
          </main>
        </div>
      </body>
    </html>
  );
}

/** Breadcrumb trail (当前位置); the last item is the current page and is not a link. */
export function Breadcrumb({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav class="breadcrumb" aria-label="当前位置">
      <ol>
        {items.map((it, i) => (
          <li>{it.href && i < items.length - 1 ? <a href={it.href}>{it.label}</a> : <span aria-current="page">{it.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A simple page for errors and notices, in either shell. */
export function MessagePage({ ctx, title, message, admin, status }: { ctx: ViewContext; title: string; message: string; admin?: boolean; status?: number }) {
  const notFound = status === 404;
  const body = (
    <section class="message-page" aria-labelledby="msg-title">
      <h1 id="msg-title">{title}</h1>
      <p class="message-lead">{message}</p>
      {notFound && <p>请检查网址是否输入正确；如果您是从本站其他页面的链接进入的，该内容可能已经调整或撤下。</p>}
      {status !== undefined && status >= 500 && <p>如果问题持续出现，请稍后再试，或通过页面底部的联系方式告知我们。</p>}
      {status !== undefined && <p class="muted">状态码：{status}</p>}
      <h2 class="message-more">您可以：</h2>
      {admin ? (
        <ul class="link-list">
          <li><a href="/admin/">返回工作台</a></li>
          <li><a href="/">访问门户网站首页</a></li>
        </ul>
      ) : (
        <ul class="link-list">
          <li><a href="/">返回首页</a></li>
          <li><a href="/xxgk/">进入政府信息公开专栏</a></li>
          <li><a href="/ysqgk/">了解如何申请政府信息公开</a></li>
          <li><a href="/sitemap">查看网站地图</a></li>
        </ul>
      )}
    </section>
  );
  return admin
    ? <AdminLayout ctx={ctx} meta={{ title }}>{body}</AdminLayout>
    : <PortalLayout ctx={ctx} meta={{ title, columnName: '提示信息' }}>{body}</PortalLayout>;
}
