// A rendered chart on a page: the inline SVG (an image with its name) and the same numbers as a table
// (caption, column and row headers) — the table is the text alternative, read by screen readers and
// shown to everyone, so nothing depends on seeing the chart. An interactive chart (renderChart with
// `interactive`) also carries its ECharts option in a data attribute: with JavaScript, charts.js puts
// a live instance (tooltips, legend toggling) in place of the SVG; without it the SVG stays.
import type { RenderedChart } from './index.ts';
import { CHARTS_SCRIPT, ECHARTS_BROWSER } from './assets.ts';

export function ChartFigure({ chart, id, note }: { chart: RenderedChart; id: string; note?: string }) {
  const { table, live } = chart;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{table.caption}</figcaption>
      {/* The SVG comes from renderChart: ECharts output cleaned of style and script, text escaped. */}
      <div class="chart-image" dangerouslySetInnerHTML={{ __html: chart.svg }}
        data-chart-option={live ? JSON.stringify(live.option) : undefined} data-chart-unit={live ? live.unit : undefined} />
      {note && <p class="hint">{note}</p>}
      <div class="table-wrap">
        <table class="chart-table">
          <caption>{table.caption}（数据表）</caption>
          <thead><tr>{table.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
          <tbody>
            {table.rows.map(([head, ...cells]) => <tr><th scope="row">{head}</th>{cells.map((v) => <td>{v}</td>)}</tr>)}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/**
 * The scripts of interactive charts, once per page that shows at least one (static files: the CSP
 * allows no inline script). Deferred, in order: the ECharts browser build, then charts.js.
 */
export function ChartScripts() {
  return (
    <>
      <script src={ECHARTS_BROWSER.href} defer></script>
      <script src={CHARTS_SCRIPT} defer></script>
    </>
  );
}
