// Charts rendered on the server: Apache ECharts in SSR mode writes an SVG string, which is cleaned so
// the page's CSP (style-src 'self', no inline <style> or style="") does not block it, made accessible
// (<title>, role="img", aria-label) and returned with the same numbers as a table — the table is the
// text alternative, and the chart works without JavaScript.
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';

// Loaded on the first chart, from the package's single-file CommonJS build: the ESM entry is a tree of
// several hundred modules that every process (each test file included) would otherwise pay ~1 s of
// CPU to load, though few of them ever draw a chart.
const requireCjs = createRequire(import.meta.url);
let loaded: typeof Echarts | undefined;
/** The echarts library (also for extensions that register on it, such as a word cloud). */
export function echartsLib(): typeof Echarts {
  return (loaded ??= requireCjs('echarts') as typeof Echarts);
}

export interface ChartSeries { name: string; type?: 'bar' | 'line'; values: readonly number[] }

export interface ChartSpec {
  /** Unique on the page: prefixes the SVG's internal ids (clip paths) and the title's id. */
  id: string;
  /** The chart's title: SVG <title>, aria-label and the table caption. */
  title: string;
  /** Header of the category column of the table (e.g. 月份). */
  categoryHeader: string;
  categories: readonly string[];
  series: readonly ChartSeries[];
  /** Unit of the values, said in the aria-label (e.g. 件). */
  unit?: string;
  width?: number;
  height?: number;
}

export interface ChartTable { caption: string; columns: string[]; rows: (string | number)[][] }
/**
 * What the browser needs to make the chart live (interactive mode): the ECharts option as plain JSON
 * (no functions) and the unit the tooltip says. ChartFigure writes it into a data attribute, and
 * public/js/charts.js swaps the SVG for an ECharts instance with tooltips and legend toggling.
 */
export interface LiveChart { option: Record<string, unknown>; unit: string }
export interface RenderedChart { svg: string; table: ChartTable; live?: LiveChart }

/** Fonts that carry CJK glyphs on the servers and desktops we meet (single quotes: ECharts does not escape). */
export const CHART_FONT = "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";
/** Dark enough against white for graphics (WCAG 1.4.11, ≥ 3:1) and told apart without colour by the legend and table. */
export const CHART_COLORS = ['#1f4e9c', '#b45309', '#15803d', '#7e22ce', '#b91c1c'];

const ID_RE = /^[a-z][a-z0-9-]{0,40}$/;

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// The presentation properties ECharts writes into style="" that are also SVG attributes.
const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'opacity', 'text-anchor', 'dominant-baseline']);

/** style="a:b;c:d" → a="b" c="d" (inline style attributes are blocked by style-src without 'unsafe-inline'). */
function styleToAttributes(style: string): string {
  const out: string[] = [];
  for (const decl of style.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).trim();
    if (PRESENTATION.has(prop) && value) out.push(`${prop}="${escapeXml(value)}"`);
  }
  return out.join(' ');
}

/**
 * Makes ECharts' SSR output fit the page: no <style> element, no style attributes, no interaction
 * metadata, stable ids under the chart's prefix, a fluid width, and the accessible name.
 */
export function cleanSvg(raw: string, id: string, label: string, title: string): string {
  let s = raw
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, st: string) => { const a = styleToAttributes(st); return a ? ` ${a}` : ''; })
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/\bzr\d+-/g, `${id}-`)
    .replace(/<defs >/g, '<defs>');
  // Root element: fluid width (height follows the viewBox), image role with its name, then <title>.
  s = s.replace(/^<svg width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/, '<svg width="100%"');
  s = s.replace(/^<svg /, `<svg role="img" aria-label="${escapeXml(label)}" focusable="false" class="chart-svg" `);
  s = s.replace(/^(<svg[^>]*>)/, `$1<title id="${id}-title">${escapeXml(title)}</title>`);
  return s.replace(/\n+/g, '\n').trim();
}

export interface RenderOptions {
  /** Sees each ECharts instance right after init (tests check it is disposed). */
  onInit?: (chart: Echarts.ECharts) => void;
  /**
   * Also return the option for the browser (RenderedChart.live): the page then shows the same chart
   * live when JavaScript runs (tooltips, legend toggling), and the server SVG and the table without it.
   */
  interactive?: boolean;
}

/** The ECharts option of a spec: plain JSON, the same on the server (SSR) and in the browser. */
export function chartOption(spec: ChartSpec): Record<string, unknown> {
  return {
    animation: false,
    color: CHART_COLORS,
    textStyle: { fontFamily: CHART_FONT, color: '#333333' },
    legend: { top: 4, textStyle: { fontFamily: CHART_FONT, color: '#333333', fontSize: 14 } },
    grid: { left: 48, right: 16, top: 48, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: [...spec.categories], axisLabel: { color: '#333333', fontSize: 13, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#333333', fontSize: 13 } },
    series: spec.series.map((s) => ({
      name: s.name, type: s.type ?? 'bar', data: [...s.values],
      ...(s.type === 'line' ? { symbol: 'circle', symbolSize: 7, lineStyle: { width: 3 } } : { barMaxWidth: 28 }),
    })),
  };
}

/** Renders the chart to an SVG string and the table of the same numbers. Every instance is disposed. */
export function renderChart(spec: ChartSpec, opts: RenderOptions = {}): RenderedChart {
  if (!ID_RE.test(spec.id)) throw new Error(`Bad chart id: ${spec.id}`);
  for (const s of spec.series) {
    if (s.values.length !== spec.categories.length) throw new Error(`Series ${s.name}: ${s.values.length} values for ${spec.categories.length} categories`);
  }
  const width = spec.width ?? 720;
  const height = spec.height ?? 360;
  const chart = echartsLib().init(null, null, { renderer: 'svg', ssr: true, width, height });
  let raw: string;
  try {
    opts.onInit?.(chart);
    chart.setOption(chartOption(spec));
    raw = chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
  const table: ChartTable = {
    caption: spec.title,
    columns: [spec.categoryHeader, ...spec.series.map((s) => s.name)],
    rows: spec.categories.map((c, i) => [c, ...spec.series.map((s) => s.values[i]!)]),
  };
  const label = `${spec.title}（${spec.series.map((s) => s.name).join('、')}${spec.unit ? `，单位：${spec.unit}` : ''}；数据见下表）`;
  const out: RenderedChart = { svg: cleanSvg(raw, spec.id, label, spec.title), table };
  // A fresh option: ECharts may normalise the one it was given.
  if (opts.interactive) out.live = { option: chartOption(spec), unit: spec.unit ?? '' };
  return out;
}
