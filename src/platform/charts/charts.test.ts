// Server-rendered charts: the SVG carries its name and title, nothing a strict CSP blocks, the same
// numbers as the table, and every ECharts instance is disposed (also when rendering fails).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as echarts from 'echarts';
import { renderToString } from 'preact-render-to-string';
import { cleanSvg, renderChart, type ChartSpec } from './index.ts';
import { ChartFigure } from './figure.tsx';

const spec: ChartSpec = {
  id: 'demo-chart', title: '各月收到的申请（2026年）', categoryHeader: '月份', unit: '件',
  categories: ['2026年1月', '2026年2月', '2026年3月'],
  series: [{ name: '收到申请', values: [3, 0, 12] }, { name: '办结<&>"', type: 'line', values: [1, 2, 7] }],
};

test('SVG: role img, aria-label, <title>, fluid width with a viewBox', () => {
  const { svg } = renderChart(spec);
  assert.match(svg, /^<svg role="img" aria-label="各月收到的申请（2026年）（收到申请、办结&lt;&amp;&gt;&quot;，单位：件；数据见下表）" focusable="false" class="chart-svg" width="100%" /);
  assert.match(svg, /viewBox="0 0 720 360"/);
  assert.ok(!/<svg[^>]* height=/.test(svg), 'no fixed height on the root');
  assert.match(svg, /^<svg[^>]*><title id="demo-chart-title">各月收到的申请（2026年）<\/title>/);
  assert.match(svg, />2026年3月<\/text>/, 'category labels are drawn');
  assert.match(svg, /font-family="'WenQuanYi Micro Hei', 'Noto Sans CJK SC'/, 'a CJK font family');
});

test('SVG: nothing that style-src \'self\' blocks, no script, no event handlers, escaped text, stable ids', () => {
  const { svg } = renderChart(spec);
  assert.ok(!/<style/i.test(svg), 'no <style> element');
  assert.ok(!/\sstyle=/i.test(svg), 'no style attribute');
  assert.ok(!/<script|\son[a-z]+=|javascript:/i.test(svg));
  assert.ok(!/ecmeta_|zr\d+-/.test(svg), 'no ECharts interaction metadata or per-process ids');
  assert.ok(!svg.includes('<&>"'), 'series names are escaped');
  assert.equal(renderChart(spec).svg, svg, 'the same output every time');
});

test('cleanSvg converts style declarations into presentation attributes', () => {
  const out = cleanSvg('<svg width="10" height="5" viewBox="0 0 10 5"><text style="font-size:12px;font-family:\'A B\', sans-serif;cursor:pointer;" fill="#000">x</text><style><![CDATA[.a{}]]></style></svg>', 'c1', 'L', 'T');
  assert.equal(out, '<svg role="img" aria-label="L" focusable="false" class="chart-svg" width="100%" viewBox="0 0 10 5"><title id="c1-title">T</title><text font-size="12px" font-family="\'A B\', sans-serif" fill="#000">x</text></svg>');
});

test('table: the same numbers as the chart', () => {
  const { table } = renderChart(spec);
  assert.deepEqual(table, {
    caption: '各月收到的申请（2026年）',
    columns: ['月份', '收到申请', '办结<&>"'],
    rows: [['2026年1月', 3, 1], ['2026年2月', 0, 2], ['2026年3月', 12, 7]],
  });
  const html = renderToString(ChartFigure({ chart: renderChart(spec), id: 'demo-chart' }));
  assert.match(html, /<figure class="chart" aria-labelledby="demo-chart-caption">/);
  assert.match(html, /<caption>各月收到的申请（2026年）（数据表）<\/caption>/);
  assert.match(html, /<th scope="col">月份<\/th>/);
  assert.match(html, /<tr><th scope="row">2026年3月<\/th><td>12<\/td><td>7<\/td><\/tr>/);
});

test('every instance is disposed, also when the options are refused', () => {
  const seen: echarts.ECharts[] = [];
  for (let i = 0; i < 5; i++) renderChart(spec, { onInit: (c) => seen.push(c) });
  assert.equal(seen.length, 5);
  for (const c of seen) {
    assert.equal(c.isDisposed(), true);
    assert.equal(echarts.getInstanceById(c.id), undefined, 'not kept in ECharts\' registry');
  }
  let failing: echarts.ECharts | undefined;
  assert.throws(() => renderChart(spec, { onInit: (c) => { failing = c; throw new Error('boom'); } }), /boom/);
  assert.equal(failing?.isDisposed(), true);
  assert.throws(() => renderChart({ ...spec, series: [{ name: 'x', values: [1] }] }), /1 values for 3 categories/);
  assert.throws(() => renderChart({ ...spec, id: 'Bad id"' }), /Bad chart id/);
});

test('interactive mode: the same SVG and table, plus the option as plain JSON in a data attribute; the scripts once', async () => {
  const { ChartScripts } = await import('./figure.tsx');
  const plain = renderChart(spec);
  const live = renderChart(spec, { interactive: true });
  assert.equal(plain.live, undefined);
  assert.equal(live.svg, plain.svg, 'the server SVG is unchanged');
  assert.deepEqual(live.table, plain.table);
  assert.equal(live.live!.unit, '件');
  assert.deepEqual(JSON.parse(JSON.stringify(live.live!.option)), live.live!.option, 'nothing but JSON (no functions)');
  const o = live.live!.option as { xAxis: { data: string[] }; series: { name: string; type: string; data: number[] }[] };
  assert.deepEqual(o.xAxis.data, spec.categories);
  assert.deepEqual(o.series.map((s) => [s.name, s.type, s.data]), [['收到申请', 'bar', [3, 0, 12]], ['办结<&>"', 'line', [1, 2, 7]]]);
  const html = renderToString(ChartFigure({ chart: live, id: 'demo-chart' }));
  const attr = /<div class="chart-image" data-chart-option="([^"]*)" data-chart-unit="件"><svg role="img"/.exec(html);
  assert.ok(attr, html.slice(0, 300));
  const decoded = attr[1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  assert.deepEqual(JSON.parse(decoded), live.live!.option);
  assert.ok(!attr[1]!.includes('<'), 'escaped in the attribute');
  assert.doesNotMatch(renderToString(ChartFigure({ chart: plain, id: 'demo-chart' })), /data-chart-option/);
  assert.equal(renderToString(ChartScripts()), '<script src="/static/vendor/echarts/echarts.common.min.js" defer></script><script src="/static/js/charts.js" defer></script>');
});
