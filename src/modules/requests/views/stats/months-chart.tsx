// The chart of the statistics page: applications received, closed and closed on time, month by month.
import { renderChart, type RenderedChart } from '../../../../platform/charts/index.ts';
import { ChartFigure } from '../../../../platform/charts/figure.tsx';
import type { MonthLine } from '../../stats-months.repo.ts';

export const MONTHS_CHART_ID = 'stats-months';

// Drawing the chart (ECharts' layout and SVG) was three quarters of a statistics view's CPU, though the
// figures change at most once a minute (cachedStats) and ten staff look at the same few periods. The
// drawing is a pure function of the numbers and the label, so it is kept by exactly those: a changed
// figure is a new key, and nothing needs forgetting. Bounded; the least recently used goes first.
const MAX_DRAWN = 64;
const drawn = new Map<string, RenderedChart>();

export function monthsChart(lines: readonly MonthLine[], periodLabel: string): RenderedChart {
  const key = JSON.stringify([periodLabel, lines.map((l) => [l.label, l.received, l.closed, l.onTime])]);
  const hit = drawn.get(key);
  if (hit) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  const chart = drawMonthsChart(lines, periodLabel);
  if (drawn.size >= MAX_DRAWN) drawn.delete(drawn.keys().next().value!);
  drawn.set(key, chart);
  return chart;
}

function drawMonthsChart(lines: readonly MonthLine[], periodLabel: string): RenderedChart {
  return renderChart({
    id: MONTHS_CHART_ID,
    title: `各月收到、办结和按期答复的申请（${periodLabel}）`,
    categoryHeader: '月份',
    categories: lines.map((l) => l.label),
    unit: '件',
    // Long periods get a wider drawing (up to twice) so the bars stay apart; the SVG still scales to the
    // column, and the table below carries every number however many months there are.
    width: Math.min(1440, Math.max(720, lines.length * 36)),
    series: [
      { name: '收到申请', values: lines.map((l) => l.received) },
      { name: '办结', values: lines.map((l) => l.closed) },
      { name: '按期答复', values: lines.map((l) => l.onTime) },
    ],
  });
}

export function MonthsSection({ lines, periodLabel }: { lines: readonly MonthLine[]; periodLabel: string }) {
  return (
    <section aria-labelledby="stats-months">
      <h2 id="stats-months">按月份</h2>
      <ChartFigure id={MONTHS_CHART_ID} chart={monthsChart(lines, periodLabel)}
        note="收到申请按收到申请之日所在月份统计；办结和按期答复按答复日期（未答复而终止的，按办结日期）所在月份统计，口径与上表一致。" />
    </section>
  );
}
