// The charts of 舆情统计, each with the same numbers as its table (platform/charts): items and incidents
// by day, incidents by category, grade and organisation, items by source, response timeliness, and the
// week's terms. (echarts-wordcloud is not installed, so the terms are a weighted bar chart and list.)
import { renderChart, type RenderedChart } from '../../../../platform/charts/index.ts';
import { TIMELINESS, TIMELINESS_ORDER, rangeLabel, type Dashboard, type Tally } from '../../reports.domain.ts';

export interface DashChart { id: string; chart: RenderedChart; note?: string }

const widthFor = (n: number) => Math.min(1440, Math.max(720, n * 36));

function tallyChart(id: string, title: string, header: string, rows: Tally[]): RenderedChart {
  return renderChart({
    id, title, categoryHeader: header, unit: '件', width: widthFor(rows.length),
    categories: rows.map((r) => r.label), series: [{ name: '舆情事件', values: rows.map((r) => r.count) }],
  });
}

export function dashboardCharts(d: Dashboard): Record<'days' | 'category' | 'grade' | 'org' | 'source' | 'timeliness' | 'terms', DashChart | null> {
  const p = d.label;
  return {
    days: {
      id: 'op-days',
      chart: renderChart({
        id: 'op-days', title: `每日信息和新发现舆情事件（${p}）`, categoryHeader: '日期', unit: '条、件', width: widthFor(d.days.length),
        categories: d.days.map((x) => x.label),
        series: [
          { name: '信息（含转载）', values: d.days.map((x) => x.items) },
          { name: '其中转载重复', values: d.days.map((x) => x.duplicates) },
          { name: '新发现舆情事件', type: 'line', values: d.days.map((x) => x.incidents) },
        ],
      }),
      note: '信息按发布时间所在日期（北京时间）统计；舆情事件按发现时间统计，不含已排除、已合并的事件。',
    },
    category: d.byCategory.length ? { id: 'op-category', chart: tallyChart('op-category', `舆情事件按类别（${p}）`, '类别', d.byCategory), note: '尚未研判的事件按系统建议的类别统计。' } : null,
    grade: d.byGrade.length ? { id: 'op-grade', chart: tallyChart('op-grade', `舆情事件按等级（${p}）`, '等级', d.byGrade), note: '尚未研判的事件按系统建议的等级统计。' } : null,
    org: d.byOrg.length ? { id: 'op-org', chart: tallyChart('op-org', `舆情事件按牵头单位（${p}）`, '牵头单位', d.byOrg) } : null,
    source: d.bySource.length ? {
      id: 'op-source',
      chart: renderChart({
        id: 'op-source', title: `信息按来源（${p}）`, categoryHeader: '来源', unit: '条', width: widthFor(d.bySource.length),
        categories: d.bySource.map((s) => s.label),
        series: [{ name: '原发', values: d.bySource.map((s) => s.originals) }, { name: '转载重复', values: d.bySource.map((s) => s.duplicates) }],
      }),
    } : null,
    timeliness: d.timeliness.length ? {
      id: 'op-timeliness',
      chart: renderChart({
        id: 'op-timeliness', title: `回应时限完成情况（期限在${p}内）`, categoryHeader: '时限事项', unit: '项',
        categories: [...d.timeliness.map((t) => t.kind), '合计'],
        series: TIMELINESS_ORDER.map((k) => ({ name: TIMELINESS[k], values: [...d.timeliness.map((t) => t.counts[k]), d.timelinessTotal[k]] })),
      }),
      note: '按期限在统计期间内的回应时限统计：按时完成（期限前完成）、超时完成、超时未完成、未到期。',
    } : null,
    terms: d.terms.list.length ? {
      id: 'op-terms',
      chart: renderChart({
        id: 'op-terms', title: `本周热词（${rangeLabel(d.terms.from, d.terms.to)}）`, categoryHeader: '热词', unit: '条', width: widthFor(d.terms.list.length),
        categories: d.terms.list.map((t) => t.term), series: [{ name: '含该词的信息', values: d.terms.list.map((t) => t.count) }],
      }),
      note: '统计期间最后七天内信息的关键词，按含该词的信息条数排列（含转载）。',
    } : null,
  };
}
