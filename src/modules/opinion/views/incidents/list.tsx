// 舆情事件 list: filters (GET form), one row per incident with its grade, category, lead unit and the
// countdown to its nearest open deadline; paging.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { DataTable, Notice, Pagination, SelectField, TextField } from '../../../../platform/views/form.tsx';
import { CATEGORIES, DEADLINE_KINDS, GRADES, INCIDENT_STATUSES, labelOf } from '../../model.ts';
import type { ListRow } from '../../incidents.repo.ts';
import { CategoryText, Countdown, GradeText, INCIDENTS_HREF, statusLabel, When } from './shared.tsx';

export type ListFilters = { status: string; grade: string; category: string; org: string; q: string; due: string; review: string };

export function listQuery(f: ListFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function IncidentListPage(p: {
  vc: ViewContext; filters: ListFilters; rows: ListRow[]; total: number; page: number; pages: number; now: Date;
  orgs: { id: number; name: string }[]; canCreate: boolean; notice?: string;
}) {
  const f = p.filters;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '舆情事件' }} current={INCIDENTS_HREF}>
      <h1>舆情事件</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.canCreate && <p><a class="button" href={`${INCIDENTS_HREF}/new`}>录入舆情</a></p>}
      <form method="get" action={INCIDENTS_HREF} class="filters" role="search" aria-label="筛选舆情事件">
        <SelectField name="status" label="状态" value={f.status} placeholder="全部状态"
          options={[{ value: 'open', label: '全部在办' }, ...Object.entries(INCIDENT_STATUSES).map(([k, v]) => ({ value: k, label: v }))]} />
        <SelectField name="grade" label="级别" value={f.grade} placeholder="全部级别" options={Object.entries(GRADES).map(([k, v]) => ({ value: k, label: v }))} />
        <SelectField name="category" label="类别" value={f.category} placeholder="全部类别" options={Object.entries(CATEGORIES).map(([k, v]) => ({ value: k, label: v }))} />
        <SelectField name="org" label="牵头或协办单位" value={f.org} placeholder="全部单位" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <SelectField name="due" label="回应时限" value={f.due} placeholder="不限"
          options={[{ value: 'soon', label: '1小时内到期' }, { value: 'breached', label: '已超时未回应' }]} />
        <SelectField name="review" label="回应审核" value={f.review} placeholder="不限" options={[{ value: 'mine', label: '有待我审核的回应' }, { value: 'returned', label: '有退回我修改的回应' }]} />
        <TextField name="q" label="关键词或舆情编号" type="search" value={f.q} maxLength={60} />
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p>共 {p.total} 件。时间均为北京时间；“回应时限”为最近一项尚未完成的时限。</p>
      <DataTable caption="舆情事件列表" empty="没有符合条件的舆情事件。"
        head={['舆情编号', '标题', '状态', '级别', '类别', '风险分', '牵头单位', '信息数', '回应时限', '最新信息']}
        rows={p.rows.map((r) => [
          <a href={`${INCIDENTS_HREF}/${r.id}`}>{r.no}</a>,
          r.title,
          statusLabel(r.status),
          <GradeText grade={r.grade} suggested={r.suggestedGrade} />,
          <CategoryText category={r.category} suggested={r.suggestedCategory} confirmed={!!r.grade} />,
          String(r.riskScore),
          r.leadOrgName ?? '未指定',
          `${r.itemCount}（转发 ${r.repostCount}）`,
          r.nextDueAt ? <>{labelOf(DEADLINE_KINDS, r.nextKind)}：<Countdown due={r.nextDueAt} now={p.now} /></> : '—',
          <When d={r.lastItemAt} />,
        ])} />
      <Pagination page={p.page} pages={p.pages} href={(n) => `${INCIDENTS_HREF}${listQuery(f, { page: String(n) })}`} />
    </AdminLayout>
  );
}
