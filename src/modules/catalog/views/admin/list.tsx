// The staff list of records (filters, paging, due badges) and the timeliness list.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, DataTable, Notice, Pagination, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { CATEGORIES, STATUSES, categoryLabel, statusLabel } from '../../domain.ts';
import type { ListRow } from '../../repo.ts';
import { NAV } from './form.tsx';

export type DueBadge = 'overdue' | 'soon' | 'ok' | 'none';

export function DueCell({ row, state }: { row: Pick<ListRow, 'dueOn' | 'dueAt' | 'dueProvisional' | 'status'>; state: DueBadge }) {
  if (!row.dueOn) return <>—</>;
  const unpublished = ['draft', 'in_review', 'returned'].includes(row.status);
  return (
    <>
      {row.dueOn}{row.dueProvisional && <span class="muted">（暂定）</span>}
      {unpublished && state === 'overdue' && <> <span class="badge badge-err">已超期</span></>}
      {unpublished && state === 'soon' && <> <span class="badge badge-warn">即将到期</span></>}
    </>
  );
}

export interface ListFilters { org: string; category: string; status: string; year: string; q: string; mine: string }

export function filterQuery(f: ListFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

export function CatalogListPage(p: {
  vc: ViewContext; filters: ListFilters; orgs: { id: number; name: string }[]; years: number[];
  rows: (ListRow & { due: DueBadge })[]; total: number; page: number; pages: number;
  canDraft: boolean; canManage: boolean; notice?: string;
}) {
  const f = p.filters;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '主动公开目录' }} current={NAV}>
      <h1>主动公开目录</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ul class="link-list actions">
        {p.canDraft && <li><a class="button" href="/admin/catalog/new">新增公开信息</a></li>}
        {p.canDraft && <li><a class="button secondary" href="/admin/catalog/new?from=upload">上传文件新增</a></li>}
        {p.canDraft && <li><a href="/admin/catalog/import">批量导入</a></li>}
        <li><a href="/admin/catalog/due">发布时限提醒</a></li>
        {p.canManage && <li><a href="/admin/catalog/settings">索引号格式设置</a></li>}
      </ul>
      <form method="get" action="/admin/catalog" class="filters" role="search" aria-label="筛选公开信息">
        <SelectField name="org" label="机构" value={f.org} placeholder="全部机构" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <SelectField name="category" label="主题分类" value={f.category} placeholder="全部分类" options={CATEGORIES.map((c) => ({ value: c.code, label: c.label }))} />
        <SelectField name="status" label="状态" value={f.status} placeholder="全部状态" options={STATUSES.map((s) => ({ value: s.code, label: s.label }))} />
        <SelectField name="year" label="年份" value={f.year} placeholder="全部年份" options={p.years.map((y) => ({ value: String(y), label: `${y}年` }))} />
        <TextField name="q" label="名称、文号或索引号" type="search" value={f.q} maxLength={100} />
        <CheckboxField name="mine" label="只看我起草的" checked={f.mine === '1'} />
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p>共 {p.total} 条。导出当前筛选结果：<a href={`/admin/catalog/export${filterQuery(f, { format: 'csv' })}`}>CSV</a>　<a href={`/admin/catalog/export${filterQuery(f, { format: 'xlsx' })}`}>Excel（.xlsx）</a></p>
      <DataTable caption="公开信息列表" empty="没有符合条件的公开信息。"
        head={['索引号', '信息名称', '文号', '生成日期', '主题分类', '状态', '应公开日期']}
        rows={p.rows.map((r) => [
          <code>{r.indexNo}</code>,
          <a href={`/admin/catalog/${r.id}`}>{r.title}</a>,
          r.docNo ?? '—',
          r.generatedOn,
          categoryLabel(r.category),
          statusLabel(r.status),
          <DueCell row={r} state={r.due} />,
        ])} />
      <Pagination page={p.page} pages={p.pages} href={(n) => `/admin/catalog${filterQuery(f, { page: String(n) })}`} />
    </AdminLayout>
  );
}

export function DueListPage(p: { vc: ViewContext; today: string; horizon: string; groups: { orgName: string; rows: (ListRow & { due: DueBadge })[] }[] }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '发布时限提醒' }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/catalog', label: '主动公开目录' }, { label: '发布时限提醒' }]} />
      <h1>发布时限提醒</h1>
      <p>列出尚未公开、已超过发布时限或将在 5 个工作日内（{p.horizon} 前）到期的信息，按机构分组。今天是 {p.today}。</p>
      {p.groups.length === 0 && <Notice>目前没有即将到期或已超期的信息。</Notice>}
      {p.groups.map((g) => (
        <section aria-label={g.orgName}>
          <h2>{g.orgName}（{g.rows.length} 条）</h2>
          <DataTable caption={`${g.orgName}即将到期和已超期的信息`}
            head={['索引号', '信息名称', '生成日期', '状态', '应公开日期']}
            rows={g.rows.map((r) => [<code>{r.indexNo}</code>, <a href={`/admin/catalog/${r.id}`}>{r.title}</a>, r.generatedOn, statusLabel(r.status), <DueCell row={r} state={r.due} />])} />
        </section>
      ))}
    </AdminLayout>
  );
}
