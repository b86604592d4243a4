// Interactive charts (platform/charts, interactive mode): each server-rendered chart that carries its
// ECharts option in data-chart-option becomes a live ECharts instance with tooltips and legend
// toggling, the size of the SVG it replaces. The server SVG and the table of the same numbers stay
// for everyone without JavaScript, and the table stays for everyone. Loaded only on pages with such
// a chart, after the ECharts browser build (/static/vendor/echarts/). Nothing inline: the tooltip's
// text is built with textContent and its look comes from CSS (.chart-tooltip) and CSSOM.
(() => {
  const tooltipOf = (unit) => (params) => {
    const list = Array.isArray(params) ? params : [params];
    const box = document.createElement('div');
    const head = document.createElement('strong');
    head.textContent = String((list[0] && (list[0].axisValueLabel || list[0].name)) || '');
    box.appendChild(head);
    for (const p of list) {
      const row = document.createElement('div');
      row.textContent = `${p.seriesName}：${p.value}${unit}`;
      box.appendChild(row);
    }
    return box;
  };

  function liven(holder) {
    const svg = holder.querySelector('svg');
    let option;
    try { option = JSON.parse(holder.getAttribute('data-chart-option') || ''); } catch { return; }
    if (!svg || !option) return;
    const box = svg.viewBox && svg.viewBox.baseVal;
    const ratio = box && box.width ? box.height / box.width : 0.5;
    const live = document.createElement('div');
    live.className = 'chart-live';
    // The live chart is an image with the SVG's name; the table below is its text alternative.
    live.setAttribute('role', 'img');
    live.setAttribute('aria-label', svg.getAttribute('aria-label') || '');
    const size = () => { const w = holder.clientWidth || 640; return { width: w, height: Math.round(w * ratio) }; };
    const chart = window.echarts.init(live, null, { renderer: 'canvas', ...size() });
    option.tooltip = {
      trigger: 'axis', axisPointer: { type: 'shadow' }, className: 'chart-tooltip', confine: true,
      backgroundColor: '#ffffff', borderColor: '#1f4e9c', textStyle: { color: '#1a1a1a', fontSize: 14 },
      formatter: tooltipOf(holder.getAttribute('data-chart-unit') || ''),
    };
    chart.setOption(option);
    // Swapped only once the instance is drawn: if anything above fails, the server SVG stays.
    svg.replaceWith(live);
    holder.removeAttribute('data-chart-option');
    holder.setAttribute('data-chart-live', '1');
    let pending = 0;
    window.addEventListener('resize', () => {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => chart.resize(size()));
    });
  }

  function start() {
    if (!window.echarts) return;
    document.querySelectorAll('.chart-image[data-chart-option]').forEach((holder) => {
      try { liven(holder); } catch (e) { console.warn('chart', e); }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
