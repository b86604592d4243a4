// The statistics page of on-request disclosure: filter form, summary, and the tables by organisation,
// outcome (annual-report rows with group subtotals), applicant type and channel. Tables have captions,
// column headers and row headers (th scope) so screen readers announce each figure with its meaning.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import { ErrorSummary, SelectField, TextField } from '../../../../platform/views/form.tsx';
import type { MonthLine } from '../../stats-months.repo.ts';
import { MonthsSection } from './months-chart.tsx';
import { LINE_HEADERS, LINE_HEADERS_NO_MEDIAN, medianText, outcomeGroups, percent, type Stats, type StatsCounts, type StatsLine, type StatsQuery } from '../../stats.ts';

export const STATS_NAV = '/admin/requests/stats';

const timeOf = (ms: number) => formatInstant(ms, 'minute');

function Table({ caption, head, rows }: { caption: string; head: string[]; rows: { th: ComponentChildren; cells: ComponentChildren[]; cls?: string }[] }) {
  return (
    <div class="table-wrap">
      <table class="stats-table">
        <caption>{caption}</caption>
        <thead><tr>{head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {rows.map((r) => <tr class={r.cls}><th scope="row">{r.th}</th>{r.cells.map((c) => <td>{c}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

const cells = (c: StatsCounts): ComponentChildren[] => [
  c.received, c.closed, c.judged ? `${c.onTime} / ${c.judged}` : '—', percent(c.onTimeRate), medianText(c.medianDays), c.carried,
];

function LineTable({ caption, first, lines, median = true }: { caption: string; first: string; lines: StatsLine[]; median?: boolean }) {
  return median
    ? <Table caption={caption} head={[first, ...LINE_HEADERS]} rows={lines.map((l) => ({ th: l.label, cells: cells(l) }))} />
    : <Table caption={caption} head={[first, ...LINE_HEADERS_NO_MEDIAN]} rows={lines.map((l) => ({ th: l.label, cells: cells(l).filter((_, i) => i !== 4) }))} />;
}

export interface StatsPageProps {
  vc: ViewContext;
  query: StatsQuery;
  years: number[];
  orgs: { id: number; name: string }[];
  errors?: Record<string, string>;
  stats?: Stats & { computedAt?: number };
  /** The period month by month (chart and its table). */
  months?: readonly MonthLine[];
  scopeLabel: string;
  csvHref?: string;
}

export function StatsPage(p: StatsPageProps) {
  const q = p.query;
  const s = p.stats;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '依申请公开统计' }} current={STATS_NAV}>
      <h1>依申请公开统计</h1>
      <ErrorSummary errors={p.errors} />
      <form method="get" action="/admin/requests/stats" class="filters" role="search" aria-label="统计条件">
        <SelectField name="year" label="统计年度" value={q.mode === 'year' ? q.year : ''} placeholder="（按起止日期）"
          options={p.years.map((y) => ({ value: String(y), label: `${y}年` }))} error={p.errors?.year} />
        <TextField name="from" label="或起始日期" type="date" value={q.mode === 'range' ? q.from : ''} hint="填写起止日期时按日期统计" error={p.errors?.from} maxLength={10} />
        <TextField name="to" label="截止日期" type="date" value={q.mode === 'range' ? q.to : ''} error={p.errors?.to} maxLength={10} />
        <SelectField name="org" label="机构" value={q.org} placeholder="全部机构" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} error={p.errors?.org} />
        <div class="field"><button type="submit">统计</button></div>
      </form>
      {s && (
        <>
          <p>统计期间：{s.period.label}；统计范围：{p.scopeLabel}。{p.csvHref && <a href={p.csvHref}>导出 CSV（可用 Excel 打开）</a>}</p>
          {s.computedAt != null && <p class="hint">统计时间：{timeOf(s.computedAt)}（统计结果每分钟更新一次）。本页统计政府信息公开申请，不含政府信息更正申请。</p>}
          <section aria-labelledby="stats-total">
            <h2 id="stats-total">总体情况</h2>
            <dl class="summary-list">
              <div><dt>收到申请</dt><dd>{s.total.received} 件</dd></div>
              <div><dt>办结</dt><dd>{s.total.closed} 件</dd></div>
              <div><dt>按期答复率</dt><dd>{percent(s.total.onTimeRate)}{s.total.judged ? `（${s.total.onTime} / ${s.total.judged}）` : ''}</dd></div>
              <div><dt>答复用时中位数</dt><dd>{s.total.medianDays == null ? '—' : `${medianText(s.total.medianDays)} 个工作日`}</dd></div>
              <div><dt>期末结转（尚未办结）</dt><dd>{s.total.carried} 件</dd></div>
            </dl>
            <p class="hint">收到申请按收到申请之日统计；办结按答复日期统计（逾期未补正、未缴费而终止的，按办结日期）。按期答复：答复日期不晚于法定答复期限（含经批准的延期）。答复用时自收到申请之日起按工作日计算，不含等待补正、征求意见和等待缴费的期间。</p>
          </section>
          {p.months && p.months.length > 0 && <MonthsSection lines={p.months} periodLabel={s.period.label} />}
          <section aria-labelledby="stats-org">
            <h2 id="stats-org">按机构</h2>
            <LineTable caption={`各机构办理情况（${s.period.label}）`} first="机构" lines={s.byOrg} />
          </section>
          <section aria-labelledby="stats-outcome">
            <h2 id="stats-outcome">按办理结果</h2>
            <Table caption={`办结申请的办理结果（${s.period.label}，与年度报告表格行次一致）`} head={['办理结果', '办结件数']}
              rows={outcomeGroups(s.byOutcome).flatMap((g) => [
                { th: <strong>{g.group}</strong>, cells: [<strong>{g.closed}</strong>], cls: 'group-row' },
                ...g.lines.map((l) => ({ th: l.key.includes('.') ? `${l.key.split('.')[1]}. ${l.label}` : l.label, cells: [l.closed] })),
              ])} />
          </section>
          <section aria-labelledby="stats-type">
            <h2 id="stats-type">按申请人类型</h2>
            <LineTable caption={`各类申请人的申请办理情况（${s.period.label}）`} first="申请人类型" lines={s.byApplicantType} median={false} />
          </section>
          <section aria-labelledby="stats-channel">
            <h2 id="stats-channel">按申请渠道</h2>
            <LineTable caption={`各渠道申请办理情况（${s.period.label}）`} first="申请渠道" lines={s.byChannel} median={false} />
          </section>
        </>
      )}
    </AdminLayout>
  );
}
