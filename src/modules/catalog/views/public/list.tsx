// Column listings: 法定主动公开内容 filtered by category, organisation and year, and 政策解读.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { Pagination, SelectField } from '../../../../platform/views/form.tsx';
import { XxgkPage } from '../../../portal/views/common.tsx';
import type { InterpretationItem, RecordSummary } from '../../repo.public.ts';
import { CATEGORY_OPTIONS, categoryLabel, dateOf, interpretationFormLabel, recordHref } from './common.tsx';

const XXGK = { href: '/xxgk/', label: '政府信息公开' };

export type ListForm = { category: string; org: string; year: string };

export function listHref(f: ListForm, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return '/xxgk/fdzdgknr/' + (s ? '?' + s : '');
}

function RecordTable({ caption, items }: { caption: string; items: RecordSummary[] }) {
  return (
    <div class="table-wrap">
      <table class="record-table">
        <caption>{caption}</caption>
        <thead><tr><th scope="col">信息名称</th><th scope="col">文号</th><th scope="col">发布机构</th><th scope="col">发布日期</th></tr></thead>
        <tbody>
          {items.map((r) => (
            <tr>
              {/* data-label: phones show each row as a block, the column's name before its value. */}
              <td><a href={recordHref(r.id)}>{r.title}</a></td>
              <td data-label="文号">{r.docNo ?? ''}</td>
              <td data-label="发布机构">{r.orgName}</td>
              <td data-label="发布日期"><time datetime={dateOf(r.publishedAt)}>{dateOf(r.publishedAt)}</time></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 法定主动公开内容 with filters: every published record of a category / organisation / year. */
export function ColumnListPage({ ctx, form, items, total, page, pageSize, orgs, years }: {
  ctx: ViewContext; form: ListForm; items: RecordSummary[]; total: number; page: number; pageSize: number;
  orgs: { id: number; name: string }[]; years: number[];
}) {
  const cat = categoryLabel(form.category);
  const org = orgs.find((o) => String(o.id) === form.org)?.name;
  const heading = [org, form.year ? `${form.year}年` : '', cat].filter(Boolean).join(' · ') || '全部信息';
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <XxgkPage ctx={ctx} section="/xxgk/fdzdgknr/" crumbs={[XXGK, { href: '/xxgk/fdzdgknr/', label: '法定主动公开内容' }, { label: cat || '信息列表' }]} meta={{
      title: `${heading} - 法定主动公开内容${page > 1 ? `（第${page}页）` : ''}`,
      columnName: cat || '法定主动公开内容',
      keywords: `${ctx.site.name},法定主动公开内容${cat ? ',' + cat : ''}`,
      description: `${ctx.site.name}主动公开的政府信息：${heading}。`,
    }}>
      <h1>法定主动公开内容：{heading}</h1>
      <form method="get" action="/xxgk/fdzdgknr/" class="search-form list-filter" aria-label="筛选信息">
        <div class="search-filters">
          <SelectField name="category" label="主题分类" value={form.category} placeholder="全部分类" options={CATEGORY_OPTIONS} />
          <SelectField name="org" label="发布机构" value={form.org} placeholder="全部机构" options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
          <SelectField name="year" label="生成年份" value={form.year} placeholder="全部年份" options={years.map((y) => ({ value: String(y), label: `${y}年` }))} />
        </div>
        <button type="submit" class="button">筛选</button>
      </form>
      <p role="status">共 <strong>{total}</strong> 条信息{pages > 1 ? `，当前第 ${page} 页，共 ${pages} 页` : ''}。</p>
      {items.length ? <RecordTable caption={`${heading}信息列表`} items={items} />
        : <p class="empty">暂无符合条件的信息。您可以减少筛选条件，或使用<a href="/xxgk/search">信息检索</a>。</p>}
      <Pagination page={page} pages={pages} href={(p) => listHref(form, p)} />
    </XxgkPage>
  );
}

/** 政策解读: every published interpretation with the policy it explains. */
export function InterpretationsPage({ ctx, items, total, page, pageSize }: { ctx: ViewContext; items: InterpretationItem[]; total: number; page: number; pageSize: number }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <XxgkPage ctx={ctx} section="/zcjd/" crumbs={[XXGK, { label: '政策解读' }]} meta={{
      title: page > 1 ? `政策解读（第${page}页）` : '政策解读',
      columnName: '政策解读',
      keywords: `${ctx.site.name},政策解读,解读`,
      description: `${ctx.site.name}政策文件的解读材料，与所解读的政策文件相互链接。`,
    }}>
      <h1>政策解读</h1>
      <p>按照“谁起草、谁解读”的原则，重要政策文件与其解读材料同步公开，两者相互链接。</p>
      {items.length === 0 ? <p class="empty">暂无政策解读。</p> : (
        <ul class="list interpretation-list">
          {items.map((i) => (
            <li>
              <span>
                <a href={recordHref(i.id)}>{i.title}</a>
                {i.form && <span class="muted">（{interpretationFormLabel(i.form)}）</span>}
                {i.policy && <span class="policy-link">解读的政策：<a href={recordHref(i.policy.id)}>{i.policy.title}</a></span>}
              </span>
              <time datetime={dateOf(i.publishedAt)}>{dateOf(i.publishedAt)}</time>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pages={pages} href={(p) => `/zcjd/?page=${p}`} />
    </XxgkPage>
  );
}
