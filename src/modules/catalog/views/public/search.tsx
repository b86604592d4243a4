// 信息检索: a GET form with labelled filters, the result count, highlighted snippets and paging.
// Works without JavaScript; every hit is marked with <mark>, everything else is escaped text.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { Notice, Pagination, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { XxgkPage } from '../../../portal/views/common.tsx';
import { MAX_QUERY_CHARS, type SearchResult } from '../../search.ts';
import { CATEGORY_OPTIONS, DOC_TYPE_OPTIONS, Snippet, VALIDITY_OPTIONS, categoryLabel, dateOf, recordHref } from './common.tsx';

/** The form's values exactly as they go back into the URL (strings; '' = not set). */
export type SearchForm = { q: string; org: string; category: string; year: string; type: string; validity: string; order: string };

export function searchHref(f: SearchForm, page?: number): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (page && page > 1) p.set('page', String(page));
  const s = p.toString();
  return '/xxgk/search' + (s ? '?' + s : '');
}

export function SearchPage({ ctx, form, result, message, page, pageSize, orgs, years }: {
  ctx: ViewContext; form: SearchForm; result: SearchResult | null; message?: string; page: number; pageSize: number;
  orgs: { id: number; name: string }[]; years: number[];
}) {
  const pages = result ? Math.max(1, Math.ceil(result.total / pageSize)) : 1;
  const title = form.q ? `“${form.q}”的检索结果` : '信息检索';
  const filtered = !!(form.org || form.category || form.year || form.type || form.validity || form.order === 'date');
  return (
    <XxgkPage ctx={ctx} section="/xxgk/search" crumbs={[{ href: '/xxgk/', label: '政府信息公开' }, { label: '信息检索' }]} meta={{
      title, columnName: '信息检索',
      keywords: `${ctx.site.name},政府信息公开,信息检索,文号,索引号`,
      description: `检索${ctx.site.name}主动公开的政府信息，可按发布机构、主题分类、年份、文件类型和有效性筛选。`,
    }}>
      <h1>信息检索</h1>
      <form method="get" action="/xxgk/search" class="search-form" role="search" aria-label="政府信息检索">
        <TextField name="q" label="检索词" value={form.q} type="search" maxLength={MAX_QUERY_CHARS}
          hint="可输入信息名称、文号、索引号或关键词中的词语，繁体、简体均可。" />
        {/* Folded on phones (open once a filter is set), always shown on wide screens: site.css. */}
        <details class="fold-narrow" open={filtered}>
          <summary>筛选条件：发布机构、主题分类、年份等</summary>
          <div class="search-filters">
            <SelectField name="org" label="发布机构" value={form.org} placeholder="全部机构"
              options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
            <SelectField name="category" label="主题分类" value={form.category} placeholder="全部分类" options={CATEGORY_OPTIONS} />
            <SelectField name="year" label="生成年份" value={form.year} placeholder="全部年份"
              options={years.map((y) => ({ value: String(y), label: `${y}年` }))} />
            <SelectField name="type" label="文件类型" value={form.type} placeholder="全部类型" options={DOC_TYPE_OPTIONS} />
            <SelectField name="validity" label="有效性" value={form.validity} placeholder="不限" options={VALIDITY_OPTIONS} />
            <SelectField name="order" label="排序方式" value={form.order || 'relevance'}
              options={[{ value: 'relevance', label: '按相关度' }, { value: 'date', label: '按发布时间' }]} />
          </div>
        </details>
        <button type="submit" class="button">检索</button>
      </form>

      {message && <Notice kind="warning">{message}</Notice>}

      {result && (
        <section aria-labelledby="h-results" class="search-results">
          <h2 id="h-results">检索结果</h2>
          <p role="status">
            {result.total === 0 ? '没有找到符合条件的信息。'
              : <>共找到{result.capped ? '超过' : ''} <strong>{result.total}</strong> 条信息{pages > 1 ? `，当前第 ${page} 页` : ''}。</>}
          </p>
          {result.relaxed && <Notice kind="info">没有同时包含全部检索词的信息，以下是包含其中大部分检索词的信息。</Notice>}
          {result.total === 0 ? <NoResults ctx={ctx} form={form} result={result} /> : (
            <ol class="result-list" start={(page - 1) * pageSize + 1}>
              {result.items.map((r) => (
                <li class="result">
                  <h3><a href={recordHref(r.id)}>{r.title}</a></h3>
                  {r.snippet.length > 0 && <p class="snippet"><Snippet segments={r.snippet} /></p>}
                  <p class="result-meta muted">
                    <span>索引号：{r.indexNo}</span>
                    {r.docNo && <span>文号：{r.docNo}</span>}
                    <span>发布机构：{r.orgName}</span>
                    {r.category && <span>分类：{categoryLabel(r.category)}</span>}
                    <span>生成日期：<time datetime={r.generatedOn}>{r.generatedOn}</time></span>
                    <span>发布日期：<time datetime={dateOf(r.publishedAt)}>{dateOf(r.publishedAt)}</time></span>
                  </p>
                </li>
              ))}
            </ol>
          )}
          <Pagination page={page} pages={pages} href={(p) => searchHref(form, p)} />
        </section>
      )}
    </XxgkPage>
  );
}

function NoResults({ form, result }: { ctx: ViewContext; form: SearchForm; result: SearchResult }) {
  const filtered = form.org || form.category || form.year || form.type || form.validity;
  const { suggestion, fewerWords = [], orgColumns = [] } = result;
  return (
    <div class="no-results">
      {suggestion && <p>您是否要找：<a href={searchHref({ ...form, q: suggestion })}>{suggestion}</a></p>}
      <h3>检索建议</h3>
      <ul>
        {fewerWords.length > 0 && (
          <li>减少检索词试试：{fewerWords.map((q, i) => <>{i > 0 && '、'}<a href={searchHref({ ...form, q })}>{q}</a></>)}。</li>
        )}
        {orgColumns.map((o) => <li>浏览<a href={`/xxgk/fdzdgknr/?org=${o.id}`}>{o.name}</a>主动公开的全部信息。</li>)}
        <li>请检查检索词是否有错别字，或换用更短、更常用的词语。</li>
        {filtered && <li>减少筛选条件，例如<a href={searchHref({ q: form.q, org: '', category: '', year: '', type: '', validity: '', order: form.order })}>不限机构、分类和年份重新检索</a>。</li>}
        <li>按类别浏览<a href="/xxgk/fdzdgknr/">法定主动公开内容</a>。</li>
        <li>未主动公开的政府信息，可以<a href="/ysqgk/">申请公开</a>。</li>
      </ul>
    </div>
  );
}
