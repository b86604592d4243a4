// The 政府信息公开 column: index, 政府信息公开制度, 法定主动公开内容, 年报 and 依申请公开.
// The explanatory text is written for this project (demo county 云溪县), not taken from the seeds.
import type { ViewContext } from '../../../platform/views/context.ts';
import { Notice } from '../../../platform/views/form.tsx';
import { CATEGORIES, XXGK_SECTIONS } from '../content.ts';
import type { PublicOrg } from '../repo.ts';
import { OrgDirectory, XxgkPage } from './common.tsx';

const XXGK = { href: '/xxgk/', label: '政府信息公开' };

function keywords(ctx: ViewContext, extra: string): string {
  return `${ctx.site.name},政府信息公开,${extra}`;
}

export function XxgkIndexPage({ ctx, orgs }: { ctx: ViewContext; orgs: PublicOrg[] }) {
  return (
    <XxgkPage ctx={ctx} crumbs={[{ label: '政府信息公开' }]} meta={{
      title: '政府信息公开',
      columnName: '政府信息公开',
      keywords: keywords(ctx, '信息公开指南,信息公开制度,法定主动公开内容,年度报告,依申请公开'),
      description: `${ctx.site.name}政府信息公开专栏，按照《中华人民共和国政府信息公开条例》设置。`,
    }}>
      <h1>政府信息公开</h1>
      <p>本专栏依据《中华人民共和国政府信息公开条例》设置，集中发布{ctx.site.name}及所属部门、乡镇应当主动公开的政府信息，并提供依申请公开服务。</p>
      <ul class="tiles">
        {XXGK_SECTIONS.map((s) => <li><a href={s.href}>{s.label}<span class="desc">{s.desc}</span></a></li>)}
      </ul>
      <h2>各部门、乡镇政府信息公开指南</h2>
      <OrgDirectory orgs={orgs} />
    </XxgkPage>
  );
}

/** 政府信息公开制度: summaries of the platform's working rules, marked as the demo county's. */
export function RulesPage({ ctx }: { ctx: ViewContext }) {
  return (
    <XxgkPage ctx={ctx} section="/xxgk/zd/" crumbs={[XXGK, { label: '政府信息公开制度' }]} meta={{
      title: '政府信息公开制度',
      columnName: '政府信息公开制度',
      keywords: keywords(ctx, '保密审查,依申请公开,舆情回应,年度报告'),
      description: `${ctx.site.name}政府信息公开工作制度。`,
    }}>
      <h1>政府信息公开制度</h1>
      <Notice kind="info">以下为云溪县（演示县）政府信息公开工作制度的要点，供平台演示使用，不具有实际效力。</Notice>

      <section aria-labelledby="zd-bm">
        <h2 id="zd-bm">一、政府信息公开保密审查制度</h2>
        <ol>
          <li>坚持“先审查、后公开”和“一事一审”，未经保密审查的信息不得公开。</li>
          <li>信息起草单位提出“主动公开”“依申请公开”或“不予公开”的建议并说明理由，由保密审查人员审核确认。</li>
          <li>审查发现涉及国家秘密、商业秘密、个人隐私的，依法不予公开或者作区分处理后公开。</li>
          <li>每一次审查均留存书面记录，载明信息名称、审查依据、审查结论、审查人和审查日期，长期保存备查。</li>
          <li>对不予公开的信息定期复查，情况发生变化、可以公开的，及时公开。</li>
        </ol>
      </section>

      <section aria-labelledby="zd-ysq">
        <h2 id="zd-ysq">二、依申请公开办理制度</h2>
        <ol>
          <li>收到申请后逐件登记，确定收到申请的日期，明确承办单位和办理期限。</li>
          <li>申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人补正。</li>
          <li>能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意，延长期限不超过20个工作日。</li>
          <li>答复书面作出，载明处理结果、理由和依据，以及申请人不服时的救济途径。</li>
          <li>办理材料一案一档，办理情况纳入年度报告统计。</li>
        </ol>
      </section>

      <section aria-labelledby="zd-yq">
        <h2 id="zd-yq">三、政务舆情回应制度</h2>
        <ol>
          <li>按照“属地管理、分级负责，谁主管、谁负责”的原则，涉事单位是舆情回应的第一责任主体。</li>
          <li>日常开展舆情监测，对需要回应的舆情及时研判、分级处置。</li>
          <li>对重大、特别重大突发事件，及时发布权威信息并适时召开新闻发布会；其他需要回应的舆情，原则上在48小时内予以回应。</li>
          <li>回应情况及时登记，对回应不及时、不到位的予以通报。</li>
        </ol>
      </section>

      <section aria-labelledby="zd-nb">
        <h2 id="zd-nb">四、政府信息公开工作年度报告制度</h2>
        <ol>
          <li>县政府各部门、各乡镇于每年1月31日前向社会公布本单位上一年度政府信息公开工作年度报告。</li>
          <li>县政府办公室汇总编制全县年度报告，于每年3月31日前向社会公布。</li>
          <li>年度报告按照国家统一格式编制，统计数据来自日常办理记录，做到数据准确、前后一致。</li>
        </ol>
      </section>
      <p>了解如何获取政府信息，请阅读<a href="/xxgk/zn/">政府信息公开指南</a>。</p>
    </XxgkPage>
  );
}

/** A published record as the category overview lists it (filled by the catalogue module). */
export type CategoryItem = { href: string; title: string; date: string };

/** 法定主动公开内容: the nine categories, each with its latest published records. */
export function CategoriesPage({ ctx, latest = {} }: { ctx: ViewContext; latest?: Record<string, CategoryItem[]> }) {
  return (
    <XxgkPage ctx={ctx} section="/xxgk/fdzdgknr/" crumbs={[XXGK, { label: '法定主动公开内容' }]} meta={{
      title: '法定主动公开内容',
      columnName: '法定主动公开内容',
      keywords: keywords(ctx, CATEGORIES.map((c) => c.name).join(',')),
      description: `${ctx.site.name}依法主动公开的政府信息，按${CATEGORIES.length}个类别列示。`,
    }}>
      <h1>法定主动公开内容</h1>
      <p>依据《中华人民共和国政府信息公开条例》第十九条、第二十条，以下信息应当主动公开。本栏目按类别列示，也可以<a href="/xxgk/search">检索</a>或<a href="/xxgk/fdzdgknr/?all=1">按机构、年份筛选</a>。政策文件的解读材料见<a href="/zcjd/">政策解读</a>。</p>
      <nav class="toc" aria-label="信息类别">
        <ul class="link-grid">
          {CATEGORIES.map((c) => <li><a href={`#${c.slug}`}>{c.name}</a></li>)}
        </ul>
      </nav>
      {CATEGORIES.map((c) => {
        const items = latest[c.slug] ?? [];
        return (
          <section id={c.slug} class="category" aria-labelledby={`h-${c.slug}`}>
            <h2 id={`h-${c.slug}`}>{c.name}</h2>
            <p class="muted">{c.desc}</p>
            {items.length ? (
              <ul class="list">
                {items.map((i) => <li><a href={i.href}>{i.title}</a> <time datetime={i.date}>{i.date}</time></li>)}
              </ul>
            ) : <p class="empty">暂无信息。</p>}
            {items.length > 0 && <p class="more"><a href={`/xxgk/fdzdgknr/?category=${c.slug}`}>更多{c.name}信息</a></p>}
          </section>
        );
      })}
    </XxgkPage>
  );
}

export function AnnualReportsPage({ ctx }: { ctx: ViewContext }) {
  return (
    <XxgkPage ctx={ctx} section="/xxgk/nb/" crumbs={[XXGK, { label: '政府信息公开年报' }]} meta={{
      title: '政府信息公开年报',
      columnName: '政府信息公开年报',
      keywords: keywords(ctx, '政府信息公开工作年度报告'),
      description: `${ctx.site.name}及所属部门、乡镇政府信息公开工作年度报告。`,
    }}>
      <h1>政府信息公开工作年度报告</h1>
      <p class="empty">暂无已发布的年度报告。</p>
      <h2>发布时间</h2>
      <p>依据《中华人民共和国政府信息公开条例》第四十九条、第五十条，县政府各部门、各乡镇于每年1月31日前公布本单位上一年度的政府信息公开工作年度报告；县人民政府于每年3月31日前公布本级政府上一年度的年度报告。</p>
      <h2>报告内容</h2>
      <ul>
        <li>总体情况；</li>
        <li>主动公开政府信息情况；</li>
        <li>收到和处理政府信息公开申请情况；</li>
        <li>政府信息公开行政复议、行政诉讼情况；</li>
        <li>存在的主要问题及改进情况；</li>
        <li>其他需要报告的事项。</li>
      </ul>
    </XxgkPage>
  );
}
