// 新闻发布考核情况 (/admin/press/compliance): the period selector, what is missing per organisation and
// rule (or every row), and the CSV export of the same rows.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { DataTable, SelectField, TextField } from '../../../platform/views/form.tsx';
import { RULES, RULE_STATUSES, type Period, type RuleResult } from '../compliance.ts';
import { PRESS_HREF } from './admin-list.tsx';

export const COMPLIANCE_HREF = `${PRESS_HREF}/compliance`;
export const COMPLIANCE_HEAD = ['单位', '考核事项', '要求', '应完成', '已完成', '尚缺', '状态'];

export const periodLabel = (p: Period) => (p.quarter ? `${p.year}年第${p.quarter}季度` : `${p.year}年度`);

export function complianceCells(r: RuleResult): string[] {
  const missingQ = r.missingQuarters?.length ? `（缺第${r.missingQuarters.join('、')}季度）` : '';
  return [r.orgName, RULES[r.rule].label, RULES[r.rule].basis, String(r.required), String(r.done), `${r.missing}${missingQ}`, RULE_STATUSES[r.status]];
}

export function CompliancePage(p: { vc: ViewContext; period: Period; rows: RuleResult[]; all: boolean; total: number; error?: string }) {
  const q = `year=${p.period.year}${p.period.quarter ? `&quarter=${p.period.quarter}` : ''}`;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发布考核情况' }} current={PRESS_HREF}>
      <Breadcrumb items={[{ href: PRESS_HREF, label: '新闻发布活动' }, { label: '新闻发布考核情况' }]} />
      <h1>新闻发布考核情况</h1>
      <p>按已举行的活动统计：部门每季度至少举办一次新闻发布会，主要负责人每年至少出席一次；以县政府名义的经济社会发展全局性新闻发布每年不少于两次；政府主要负责人每年参加一次在线访谈，部门每年至少开展两次在线访谈。年度事项按全年统计。</p>
      <form method="get" action={COMPLIANCE_HREF} class="filters" aria-label="选择考核期间">
        <TextField name="year" label="年度" value={String(p.period.year)} maxLength={4} inputMode="numeric" error={p.error} />
        <SelectField name="quarter" label="季度" value={p.period.quarter ? String(p.period.quarter) : ''} placeholder="全年"
          options={[1, 2, 3, 4].map((n) => ({ value: String(n), label: `第${n}季度` }))} />
        <SelectField name="all" label="显示" value={p.all ? '1' : ''} placeholder="仅未完成事项" options={[{ value: '1', label: '全部事项' }]} />
        <div class="field"><button type="submit">查看</button></div>
      </form>
      <p>{periodLabel(p.period)}：共 {p.total} 项考核事项，未完成或进行中 {p.rows.filter((r) => r.status !== 'met').length} 项。<a href={`${COMPLIANCE_HREF}.csv?${q}`} download>导出 CSV</a></p>
      <DataTable caption={`${periodLabel(p.period)}新闻发布考核${p.all ? '情况' : '缺项'}`} head={COMPLIANCE_HEAD} empty="各单位均已完成。"
        rows={p.rows.map((r) => complianceCells(r))} />
    </AdminLayout>
  );
}
