// A rendered chart on a page: the inline SVG (an image with its name) and the same numbers as a table
// (caption, column and row headers) — the table is the text alternative, read by screen readers and
// shown to everyone, so nothing depends on seeing the chart.
import type { RenderedChart } from './index.ts';

export function ChartFigure({ chart, id, note }: { chart: RenderedChart; id: string; note?: string }) {
  const { table } = chart;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`}>{table.caption}</figcaption>
      {/* The SVG comes from renderChart: ECharts output cleaned of style and script, text escaped. */}
      <div class="chart-image" dangerouslySetInnerHTML={{ __html: chart.svg }} />
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
