// 舆情统计: a period's items and incidents by day, category, grade, organisation and source, response
// timeliness and the week's terms. Every chart is followed by its numbers as a table (ChartFigure).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { ErrorSummary, TextField } from '../../../../platform/views/form.tsx';
import { ChartFigure } from '../../../../platform/charts/figure.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import { percentText, termWeight, type Dashboard } from '../../reports.domain.ts';
import { dashboardCharts, type DashChart } from './charts.ts';

export const DASHBOARD_HREF = '/admin/opinion/dashboard';

function Section({ id, title, chart, empty }: { id: string; title: string; chart: DashChart | null; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {chart ? <ChartFigure id={chart.id} chart={chart.chart} note={chart.note} /> : <p>{empty}</p>}
    </section>
  );
}

export interface DashboardPageProps {
  vc: ViewContext;
  values: { from: string; to: string };
  errors?: Record<string, string>;
  dashboard?: Dashboard;
  scopeLabel: string;
  computedAt?: Date;
}

export function DashboardPage({ vc, values, errors, dashboard: d, scopeLabel, computedAt }: DashboardPageProps) {
  const c = d ? dashboardCharts(d) : null;
  const max = d?.terms.list[0]?.count ?? 0;
  return (
    <AdminLayout ctx={vc} meta={{ title: '舆情统计' }} current={DASHBOARD_HREF}>
      <h1>舆情统计</h1>
      <ErrorSummary errors={errors} />
      <form method="get" action={DASHBOARD_HREF} class="filters" role="search" aria-label="统计期间">
        <TextField name="from" label="起始日期" type="date" value={values.from} maxLength={10} error={errors?.from} hint="不填为截止日期前 30 天" />
        <TextField name="to" label="截止日期" type="date" value={values.to} maxLength={10} error={errors?.to} hint="不填为今天；最长 366 天" />
        <div class="field"><button type="submit">统计</button></div>
      </form>
      {d && c && (
        <>
          <p>统计期间：{d.label}；统计范围：{scopeLabel}。{computedAt && <>统计时间：{formatInstant(computedAt, 'minute')}（北京时间）。</>}</p>
          <section aria-labelledby="dash-total">
            <h2 id="dash-total">总体情况</h2>
            <dl class="facts">
              <dt>收集信息</dt><dd>{d.totals.items} 条（其中转载和重复 {d.totals.duplicates} 条）</dd>
              <dt>新发现舆情事件</dt><dd>{d.totals.incidents} 件</dd>
              <dt>到期的回应时限</dt><dd>{d.totals.deadlines} 项</dd>
              <dt>按时完成率</dt><dd>{percentText(d.totals.onTimeRate)}{d.totals.onTimeRate !== null ? '（已到期或已完成的时限中按时完成的比例）' : ''}</dd>
            </dl>
          </section>
          <Section id="dash-days" title="按日期" chart={c.days} empty="统计期间没有信息。" />
          <Section id="dash-category" title="按类别" chart={c.category} empty="统计期间没有新发现的舆情事件。" />
          <Section id="dash-grade" title="按等级" chart={c.grade} empty="统计期间没有新发现的舆情事件。" />
          <Section id="dash-org" title="按牵头单位" chart={c.org} empty="统计期间没有新发现的舆情事件。" />
          <Section id="dash-source" title="按来源" chart={c.source} empty="统计期间没有信息。" />
          <Section id="dash-timeliness" title="回应时效" chart={c.timeliness} empty="统计期间没有到期的回应时限。" />
          <Section id="dash-terms" title="本周热词" chart={c.terms} empty="最近七天的信息中没有关键词。" />
          {d.terms.list.length > 0 && (
            <>
              <h3>热词列表</h3>
              <p class="hint">按出现次数排列，出现次数较多的热词加粗显示。</p>
              <ol class="term-list">
                {d.terms.list.map((t) => {
                  const w = termWeight(t.count, max);
                  return <li>{w >= 4 ? <strong>{t.term}</strong> : t.term}（{t.count} 条）</li>;
                })}
              </ol>
            </>
          )}
        </>
      )}
    </AdminLayout>
  );
}
