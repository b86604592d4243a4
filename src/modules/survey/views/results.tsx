// A survey's results, shared by the admin results page and the public summary after the end: per
// choice or rating question a server-rendered chart (platform/charts; live in the admin) with the same numbers as a table
// (count and percent), the rating average; free-text answers (admin only) listed as escaped text.
import type { ComponentChildren } from 'preact';
import { renderChart } from '../../../platform/charts/index.ts';
import { ChartFigure } from '../../../platform/charts/figure.tsx';
import type { QuestionResult, Results } from '../domain.ts';

const widthFor = (n: number) => Math.min(1200, Math.max(560, n * 90));

function QuestionChart({ r, n, prefix, interactive }: { r: Exclude<QuestionResult, { kind: 'text' }>; n: number; prefix: string; interactive: boolean }) {
  const id = `${prefix}-q${r.question.id}`;
  const chart = renderChart({
    id, title: `第${n}题 ${r.question.title}`, categoryHeader: r.kind === 'rating' ? '评分' : '选项', unit: '人', width: widthFor(r.options.length), height: 300,
    categories: r.options.map((o) => o.label),
    series: [{ name: '人数', values: r.options.map((o) => o.count) }],
  }, { interactive });
  // The table shows the percentage too (the chart's table is the text alternative).
  chart.table.columns.push('占比');
  chart.table.rows = chart.table.rows.map((row, i) => [...row, `${r.options[i]!.percent}%`]);
  const note = r.kind === 'rating'
    ? `共 ${r.answered} 人评分，平均 ${r.average ?? '—'} 分（满分5分）。`
    : `共 ${r.answered} 人作答${r.kind === 'multiple' ? '（多选题，占比按作答人数计算，合计可超过100%）' : ''}。`;
  return <ChartFigure chart={chart} id={id} note={note} />;
}

export function ResultsView({ results, prefix, showTexts, textAction, interactive = false }: {
  results: Results; prefix: string; showTexts: boolean;
  /** Admin: the charts become live with JavaScript (the page adds ChartScripts once). */
  interactive?: boolean;
  /** Admin: a control after each free-text answer (转为整改事项). */
  textAction?: (questionId: number, responseId: number) => ComponentChildren;
}) {
  return (
    <div class="survey-results">
      <p>共收到有效答卷 <strong>{results.responses}</strong> 份。</p>
      {results.questions.map((r, i) => (
        <section class="panel" aria-labelledby={`${prefix}-h-${r.question.id}`}>
          <h3 id={`${prefix}-h-${r.question.id}`}>第{i + 1}题　{r.question.title}</h3>
          {r.kind === 'text'
            ? showTexts
              ? r.texts.length === 0 ? <p class="empty">暂无填写。</p> : (
                <>
                  <p>共 {r.answered} 条填写，最新的在前。</p>
                  <ol class="list survey-texts">
                    {r.texts.slice(0, 200).map((t) => <li><span class="pre-wrap">{t.text}</span> <span class="muted">（答卷 {t.responseId}）</span>{textAction?.(r.question.id, t.responseId)}</li>)}
                  </ol>
                  {r.texts.length > 200 && <p class="hint">仅显示最新的200条，全部内容请导出答卷。</p>}
                </>
              )
              : <p>共 {r.answered} 条意见建议，已转交有关单位研究办理。</p>
            : <QuestionChart r={r} n={i + 1} prefix={prefix} interactive={interactive} />}
        </section>
      ))}
    </div>
  );
}
