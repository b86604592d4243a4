// 政府信息公开指南, generated from the organisation's data (Regulation 第十二条): how to obtain
// information, the accepting office and its contacts, and supervision and remedies.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CATEGORIES } from '../content.ts';
import type { PublicOrg } from '../repo.ts';
import { XxgkPage } from './common.tsx';

function show(v: string | null): string {
  return v && v.trim() ? v : '暂未提供';
}

export function GuidePage({ ctx, org, government, orgs }: { ctx: ViewContext; org: PublicOrg; government: PublicOrg | null; orgs: PublicOrg[] }) {
  const isGov = government !== null && org.id === government.id;
  // The review body: a county government's department or town goes to the county government;
  // the county government itself to the government one level up.
  const reviewBody = isGov || !government ? '上一级人民政府' : government.name;
  const title = `${org.name}政府信息公开指南`;
  return (
    <XxgkPage ctx={ctx} section="/xxgk/zn/" crumbs={[{ href: '/xxgk/', label: '政府信息公开' }, { label: '政府信息公开指南' }]} meta={{
      title,
      columnName: '政府信息公开指南',
      contentSource: org.name,
      keywords: `${ctx.site.name},政府信息公开指南,${org.name},依申请公开`,
      description: `${org.name}政府信息公开的范围、方式、受理机构、联系方式和监督救济途径。`,
    }}>
      <h1>{title}</h1>

      <form method="get" action="/xxgk/zn/" class="filters org-picker">
        <div class="field">
          <label for="f-org">查看其他单位的指南</label>
          <select id="f-org" name="org">
            {orgs.map((o) => <option value={String(o.id)} selected={o.id === org.id}>{o.name}</option>)}
          </select>
        </div>
        <button type="submit" class="secondary">查看</button>
      </form>

      <p>为了更好地保障公民、法人和其他组织依法获取政府信息，根据《中华人民共和国政府信息公开条例》（以下简称《条例》），编制本指南。需要获取{org.name}政府信息的，请阅读本指南。</p>

      <section aria-labelledby="zn-1">
        <h2 id="zn-1">一、主动公开</h2>
        <h3>（一）公开范围</h3>
        <p>依照《条例》第十九条、第二十条的规定，本机关主动公开以下{CATEGORIES.length}类政府信息：</p>
        <ul class="link-grid">
          {CATEGORIES.map((c) => <li><a href={`/xxgk/fdzdgknr/#${c.slug}`}>{c.name}</a></li>)}
        </ul>
        <h3>（二）公开方式</h3>
        <ul>
          <li>{ctx.site.name}门户网站“<a href="/xxgk/">政府信息公开</a>”专栏（主要渠道）；</li>
          <li>新闻发布会以及报刊、广播、电视等媒体；</li>
          <li>县档案馆、县图书馆和县政务服务中心设置的政府信息公开查阅点；</li>
          <li>根据需要设置的公共查阅室、资料索取点、信息公告栏等。</li>
        </ul>
        <h3>（三）公开时限</h3>
        <p>属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开（《条例》第二十六条）。法律、法规对公开期限另有规定的，从其规定。</p>
      </section>

      <section aria-labelledby="zn-2">
        <h2 id="zn-2">二、依申请公开</h2>
        <h3>（一）受理机构</h3>
        <div class="table-wrap">
          <table class="meta-table">
            <caption>{org.name}政府信息公开申请受理机构</caption>
            <tbody>
              <tr><th scope="row">机构名称</th><td>{org.name}</td></tr>
              <tr><th scope="row">办公地址</th><td>{show(org.address)}</td></tr>
              <tr><th scope="row">邮政编码</th><td>{show(org.postcode)}</td></tr>
              <tr><th scope="row">办公时间</th><td>{show(org.officeHours)}</td></tr>
              <tr><th scope="row">联系电话</th><td>{show(org.phone)}</td></tr>
              <tr><th scope="row">传真</th><td>{show(org.fax)}</td></tr>
              <tr><th scope="row">电子邮箱</th><td>{show(org.email)}</td></tr>
            </tbody>
          </table>
        </div>
        <h3>（二）申请方式</h3>
        <ol>
          <li><strong>网上申请：</strong>在“<a href="/ysqgk/apply">政府信息公开申请</a>”页面填写申请表，提交后获得受理编号和查询码，可在“<a href="/ysqgk/track">办理进度查询</a>”页面查看进度、下载告知书。</li>
          <li><strong>信函申请：</strong>将申请邮寄至上述办公地址，请在信封左下角注明“政府信息公开申请”字样。</li>
          <li><strong>当面申请：</strong>在办公时间到上述地址提出申请；书面申请确有困难的，可以口头提出，由工作人员代为填写申请表。</li>
        </ol>
        <p>本机关不通过电话受理政府信息公开申请，但可以通过电话提供咨询。</p>
        <h3>（三）申请内容</h3>
        <p>依照《条例》第二十九条，申请应当包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>
        <h3>（四）办理时限</h3>
        <ul>
          <li>能够当场答复的，当场予以答复。</li>
          <li>不能当场答复的，自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意并告知申请人，延长的期限最长不超过20个工作日（《条例》第三十三条）。</li>
          <li>申请内容不明确的，自收到申请之日起7个工作日内一次性告知申请人作出补正，答复期限自收到补正的申请之日起计算（《条例》第三十条）。</li>
          <li>征求第三方和其他机关意见所需时间不计算在答复期限内。</li>
        </ul>
        <h3>（五）收费</h3>
        <p>行政机关依申请提供政府信息，不收取费用。申请人申请公开政府信息的数量、频次明显超过合理范围的，可以按照国务院有关规定收取信息处理费（《条例》第四十二条）。</p>
      </section>

      <section aria-labelledby="zn-3">
        <h2 id="zn-3">三、监督和救济</h2>
        <p>公民、法人或者其他组织认为{org.name}在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。</p>
        <ul>
          <li><strong>投诉、举报：</strong>{government && !isGov
            ? `可以向${government.name}办公室（政务公开办）提出，联系电话：${show(government.phone)}。`
            : '可以向上一级人民政府办公室或者政府信息公开工作主管部门提出。'}</li>
          <li><strong>行政复议：</strong>可以自知道或者应当知道该行政行为之日起六十日内，依法向{reviewBody}申请行政复议。</li>
          <li><strong>行政诉讼：</strong>可以自知道或者应当知道作出行政行为之日起六个月内，依法向人民法院提起行政诉讼。</li>
        </ul>
      </section>

      <section aria-labelledby="zn-4">
        <h2 id="zn-4">四、其他</h2>
        <p>本机关政府信息公开工作年度报告在每年规定时间内于“<a href="/xxgk/nb/">政府信息公开年报</a>”栏目发布。本指南根据机构信息变化及时更新。</p>
      </section>
    </XxgkPage>
  );
}
