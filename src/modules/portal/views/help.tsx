// 无障碍说明 and 网站地图.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CATEGORIES, CHANNELS, XXGK_SECTIONS } from '../content.ts';
import type { PublicOrg } from '../repo.ts';
import { PortalPage } from './common.tsx';

export function AccessibilityPage({ ctx, government }: { ctx: ViewContext; government: PublicOrg | null }) {
  const next = encodeURIComponent('/accessibility');
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: '无障碍说明' }]} meta={{
      title: '无障碍说明',
      columnName: '无障碍说明',
      keywords: `${ctx.site.name},无障碍,长者模式,繁体中文,键盘操作`,
      description: `${ctx.site.name}网站的无障碍设计、长者模式、简繁切换和键盘操作说明。`,
    }}>
      <article class="content">
        <h1>无障碍说明</h1>
        <p>本网站按照《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（GB/T 37668）和 WCAG 2.1 AA 级要求设计，所有页面不依赖 JavaScript 即可正常浏览和提交。</p>

        <h2>键盘操作</h2>
        <ul>
          <li>按 Tab 键依次移到下一个链接、按钮或输入框，按 Shift + Tab 键回到上一个；当前位置有醒目的黄色边框。</li>
          <li>按 Enter 键打开链接或提交表单，按空格键勾选复选框。</li>
          <li>每个页面的第一个链接是“跳转到主要内容”，按 Enter 键可以跳过页头和导航，直接阅读正文。</li>
          <li>每个页面都有“当前位置”导航，标明您所在的栏目。</li>
        </ul>

        <h2>长者模式</h2>
        <p>长者模式加大字号和行距，放大所有链接和按钮的点击区域，并且不弹出任何对话框，方便老年人和视力不佳的用户使用。</p>
        <ul class="link-list">
          <li><a href={`/prefs?elder=1&next=${next}`}>开启长者模式（标准大字）</a></li>
          <li><a href={`/prefs?elder=2&next=${next}`}>开启长者模式（特大字）</a></li>
          <li><a href={`/prefs?elder=0&next=${next}`}>关闭长者模式</a></li>
        </ul>
        <p>您也可以随时使用每个页面顶部的“长者模式”链接切换。设置保存在本浏览器中，有效期一年。</p>

        <h2>简体和繁体</h2>
        <p>点击页面顶部的“繁體中文”，整个网站将以繁体字显示；点击“简体中文”恢复。设置同样保存一年。</p>

        <h2>其他辅助方式</h2>
        <ul>
          <li>可以使用浏览器自带的缩放功能（Ctrl 和 + 键）将页面放大到200%，内容不会丢失。</li>
          <li>页面结构使用规范的标题、列表和表格，支持读屏软件朗读；图片均提供文字说明。</li>
          <li>可以使用浏览器的打印功能打印正文，打印时自动隐藏导航。</li>
        </ul>

        <h2>联系我们</h2>
        <p>如果您在使用本网站时遇到障碍，或者有改进建议，欢迎联系
          {government ? <>{government.name}办公室：电话 {government.phone ?? '暂未提供'}，电子邮箱 {government.email ?? '暂未提供'}。</> : <>网站主办单位。</>}
          我们将认真研究并及时改进。
        </p>
      </article>
    </PortalPage>
  );
}

/** 联系我们: the government office that runs the site, from the organisation tree. */
export function ContactPage({ ctx, government }: { ctx: ViewContext; government: PublicOrg | null }) {
  const show = (v: string | null | undefined) => (v && v.trim() ? v : '暂未提供');
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: '联系我们' }]} meta={{
      title: '联系我们',
      columnName: '联系我们',
      keywords: `${ctx.site.name},联系我们,联系电话,办公地址`,
      description: `${ctx.site.name}网站主办单位的办公地址、联系电话、电子邮箱和办公时间。`,
    }}>
      <article class="content">
        <h1>联系我们</h1>
        <p>本网站由{ctx.site.name}办公室主办。对网站内容和服务有意见或建议，可以通过以下方式与我们联系。</p>
        {government ? (
          <div class="table-wrap">
          <table class="meta-table">
            <caption>{government.name}办公室</caption>
            <tbody>
              <tr><th scope="row">办公地址</th><td>{show(government.address)}</td></tr>
              <tr><th scope="row">邮政编码</th><td>{show(government.postcode)}</td></tr>
              <tr><th scope="row">联系电话</th><td>{show(government.phone)}</td></tr>
              <tr><th scope="row">传真</th><td>{show(government.fax)}</td></tr>
              <tr><th scope="row">电子邮箱</th><td>{show(government.email)}</td></tr>
              <tr><th scope="row">办公时间</th><td>{show(government.officeHours)}</td></tr>
            </tbody>
          </table>
          </div>
        ) : <p>主办单位的联系方式暂未公布。</p>}
        <h2>其他渠道</h2>
        <ul>
          <li>申请获取政府信息，请通过<a href="/ysqgk/">依申请公开</a>提出，不要通过电子邮件提交申请。</li>
          <li>各部门和乡镇的联系方式，见各单位的<a href="/xxgk/zn/">政府信息公开指南</a>。</li>
        </ul>
      </article>
    </PortalPage>
  );
}

export function SitemapPage({ ctx, orgs }: { ctx: ViewContext; orgs: PublicOrg[] }) {
  const units = orgs.filter((o) => o.parentId !== null);
  return (
    <PortalPage ctx={ctx} crumbs={[{ label: '网站地图' }]} meta={{
      title: '网站地图',
      columnName: '网站地图',
      keywords: `${ctx.site.name},网站地图`,
      description: `${ctx.site.name}网站各栏目导航。`,
    }}>
      <h1>网站地图</h1>
      <div class="sitemap">
        <section aria-labelledby="sm-home">
          <h2 id="sm-home"><a href="/">首页</a></h2>
          <ul class="link-list">
            <li><a href={CHANNELS.news.href}>{CHANNELS.news.label}</a></li>
            <li><a href={CHANNELS.notice.href}>{CHANNELS.notice.label}</a></li>
          </ul>
        </section>
        <section aria-labelledby="sm-xxgk">
          <h2 id="sm-xxgk"><a href="/xxgk/">政府信息公开</a></h2>
          <ul class="link-list">
            {XXGK_SECTIONS.map((s) => (
              <li>
                <a href={s.href}>{s.label}</a>
                {s.href === '/xxgk/fdzdgknr/' && (
                  <ul class="link-list">
                    {CATEGORIES.map((c) => <li><a href={`/xxgk/fdzdgknr/#${c.slug}`}>{c.name}</a></li>)}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </section>
        {units.length > 0 && (
          <section aria-labelledby="sm-orgs">
            <h2 id="sm-orgs">部门和乡镇政府信息公开指南</h2>
            <ul class="link-list">
              {units.map((o) => <li><a href={`/xxgk/zn/?org=${o.id}`}>{o.name}</a></li>)}
            </ul>
          </section>
        )}
        <section aria-labelledby="sm-hygq">
          <h2 id="sm-hygq"><a href="/hygq/">回应关切</a></h2>
        </section>
        <section aria-labelledby="sm-xwfb">
          <h2 id="sm-xwfb"><a href="/xwfb/">新闻发布</a></h2>
        </section>
        <section aria-labelledby="sm-help">
          <h2 id="sm-help">帮助</h2>
          <ul class="link-list">
            <li><a href="/accessibility">无障碍说明</a></li>
            <li><a href="/sitemap" aria-current="page">网站地图</a></li>
            <li><a href="/login">工作人员登录</a></li>
          </ul>
        </section>
      </div>
    </PortalPage>
  );
}
