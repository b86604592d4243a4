// The results of a survey in the back office (charts with their tables, rating averages, free texts
// with 转为整改事项) and the 整改 items: the list (open first, overdue flagged), a new item, one item
// with its closing form (整改措施 or 情况说明).
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout } from '../../../platform/views/layout.tsx';
import { ChoiceGroup, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField, type FieldErrors } from '../../../platform/views/form.tsx';
import { formatInstant } from '../../../platform/time/index.ts';
import { isOverdue, type Results } from '../domain.ts';
import { CLOSE_KINDS, RECTIFY_STATUSES } from '../model.ts';
import type { RectificationView, SurveyView } from '../repo.ts';
import { ResultsView } from './results.tsx';
import { ChartScripts } from '../../../platform/charts/figure.tsx';
import { ADMIN_HREF, RECT_HREF, type OrgOption, type Values } from './admin.tsx';

/** A rating average below this suggests a 整改 item for that aspect. */
export const LOW_RATING = 3;

export function ResultsPage({ vc, s, results, canManage }: { vc: ViewContext; s: SurveyView; results: Results; canManage: boolean }) {
  const newHref = (q: number, r?: number) => `${RECT_HREF}/new?survey=${s.id}&question=${q}${r ? `&response=${r}` : ''}`;
  const low = results.questions.filter((r) => r.kind === 'rating' && r.average !== null && r.average < LOW_RATING);
  return (
    <AdminLayout ctx={vc} meta={{ title: `评议结果：${s.title}` }} current={ADMIN_HREF}>
      <h1>评议结果</h1>
      <p>评议：<a href={`${ADMIN_HREF}/${s.id}`}>{s.title}</a>（{s.startsOn} 至 {s.endsOn}）</p>
      <ul class="inline-list">
        {canManage && <li><a href={`${ADMIN_HREF}/${s.id}/export.csv`}>导出全部答卷（CSV）</a></li>}
        <li><a href={`${RECT_HREF}?survey=${s.id}`}>本评议的整改事项</a></li>
      </ul>
      <p class="hint">将鼠标移到图表上可查看人数，点击图例可隐藏或显示数据；每个图表下方的表格列出相同的数据。</p>
      {low.length > 0 && (
        <Notice kind="warning">
          <p>以下评议内容平均分低于{LOW_RATING}分，请研究是否需要整改：</p>
          <ul>{low.map((r) => <li>{r.question.title}（平均 {r.kind === 'rating' ? r.average : ''} 分）{canManage && <> <a href={newHref(r.question.id)}>转为整改事项<span class="visually-hidden">：{r.question.title}</span></a></>}</li>)}</ul>
        </Notice>
      )}
      <ResultsView results={results} prefix="res" showTexts interactive
        textAction={canManage ? (q, r) => <> <a href={newHref(q, r)}>转为整改事项<span class="visually-hidden">（答卷 {r}）</span></a></> : undefined} />
      {results.questions.some((r) => r.kind !== 'text') && <ChartScripts />}
    </AdminLayout>
  );
}

const statusBadge = (r: RectificationView, today: string) => (
  isOverdue(r, today) ? <span class="badge badge-err">已逾期</span>
    : <span class={r.status === 'open' ? 'badge badge-warn' : 'badge badge-ok'}>{RECTIFY_STATUSES[r.status]}</span>
);

export function RectificationsPage({ vc, rows, today, filter, done }: { vc: ViewContext; rows: RectificationView[]; today: string; filter: { status?: string; survey?: number }; done?: string }) {
  const tab = (status: string | undefined, label: string) => {
    const href = `${RECT_HREF}${status ? `?status=${status}` : ''}`;
    return <li><a href={href} aria-current={filter.status === status ? 'page' : undefined}>{label}</a></li>;
  };
  const overdue = rows.filter((r) => isOverdue(r, today)).length;
  return (
    <AdminLayout ctx={vc} meta={{ title: '评议整改事项' }} current={RECT_HREF}>
      <h1>评议整改事项</h1>
      {done && <Notice>{done}</Notice>}
      <p>对社会评议中提出的问题，责任单位需要整改的应当限期整改；不具备整改条件的，应当向政府信息公开领导小组作出说明。{overdue > 0 && <strong>其中 {overdue} 项已逾期。</strong>}</p>
      <nav aria-label="按状态筛选"><ul class="inline-list">{tab(undefined, '全部')}{tab('open', '待整改')}{tab('closed', '已办结')}</ul></nav>
      <DataTable caption="整改事项" empty="暂无整改事项。" head={['编号', '问题', '责任单位', '来源评议', '整改期限', '状态']}
        rows={rows.map((r) => [
          <a href={`${RECT_HREF}/${r.id}`}>ZG-{r.id}</a>, <span class="pre-wrap">{r.problem.length > 80 ? `${r.problem.slice(0, 80)}…` : r.problem}</span>, r.orgName,
          <a href={`${ADMIN_HREF}/${r.surveyId}/results`}>{r.surveyTitle}</a>, r.dueOn, statusBadge(r, today),
        ])} />
    </AdminLayout>
  );
}

export function NewRectificationPage({ vc, s, values, errors, orgs, context }: { vc: ViewContext; s: SurveyView; values: Values; errors: FieldErrors; orgs: OrgOption[]; context?: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '新建整改事项' }} current={RECT_HREF}>
      <h1>新建整改事项</h1>
      <p>来源评议：<a href={`${ADMIN_HREF}/${s.id}/results`}>{s.title}</a></p>
      {context && <><h2>反映的问题</h2><p class="pre-wrap">{context}</p></>}
      <ErrorSummary errors={errors} />
      <form method="post" action={`${RECT_HREF}/new`} class="stack" novalidate>
        <CsrfField token={vc.csrfToken} />
        <input type="hidden" name="surveyId" value={String(s.id)} />
        <input type="hidden" name="questionId" value={values.questionId ?? ''} />
        <input type="hidden" name="responseId" value={values.responseId ?? ''} />
        <SelectField name="orgId" label="责任单位" required value={values.orgId} error={errors.orgId} options={orgs} placeholder="请选择" />
        <TextArea name="problem" label="需要整改的问题" required hint="概括公众反映的问题，不要写入个人信息。" value={values.problem} error={errors.problem} maxLength={2000} />
        <TextField name="dueOn" label="整改期限" type="date" required hint="格式：2026-10-31" value={values.dueOn} error={errors.dueOn} />
        <div class="actions"><button type="submit">交办整改</button><a href={`${ADMIN_HREF}/${s.id}/results`}>取消</a></div>
      </form>
    </AdminLayout>
  );
}

export function RectificationPage({ vc, r, today, canClose, values, errors, done }: {
  vc: ViewContext; r: RectificationView; today: string; canClose: boolean; values?: Values; errors?: FieldErrors; done?: string;
}) {
  const v = values ?? {};
  return (
    <AdminLayout ctx={vc} meta={{ title: `整改事项 ZG-${r.id}` }} current={RECT_HREF}>
      <h1>整改事项 ZG-{r.id}</h1>
      {done && <Notice>{done}</Notice>}
      <dl class="facts">
        <dt>状态</dt><dd>{statusBadge(r, today)}</dd>
        <dt>责任单位</dt><dd>{r.orgName}</dd>
        <dt>来源评议</dt><dd><a href={`${ADMIN_HREF}/${r.surveyId}/results`}>{r.surveyTitle}</a></dd>
        <dt>整改期限</dt><dd>{r.dueOn}</dd>
        <dt>交办时间</dt><dd>{formatInstant(r.createdAt, 'minute')}</dd>
      </dl>
      <h2>需要整改的问题</h2>
      <p class="pre-wrap">{r.problem}</p>
      {r.status !== 'open' && (
        <>
          <h2>{r.status === 'rectified' ? '整改措施' : '情况说明'}</h2>
          <p class="pre-wrap">{r.closeText}</p>
          <p class="muted">办结时间：{formatInstant(r.closedAt, 'minute')}</p>
        </>
      )}
      {r.status === 'open' && canClose && (
        <section aria-labelledby="close-h">
          <h2 id="close-h">办结</h2>
          <ErrorSummary errors={errors} />
          <form method="post" action={`${RECT_HREF}/${r.id}`} class="stack" novalidate>
            <CsrfField token={vc.csrfToken} />
            <input type="hidden" name="version" value={String(r.version)} />
            <ChoiceGroup name="kind" legend="办结方式" type="radio" required error={errors?.kind} checked={v.kind ? [v.kind] : []}
              options={Object.entries(CLOSE_KINDS).map(([value, label]) => ({ value, label }))} />
            <TextArea name="text" label="整改措施或情况说明" required hint="已整改的写明整改措施和效果；不具备整改条件的，写明原因，向政府信息公开领导小组作出说明。" value={v.text} error={errors?.text} maxLength={4000} />
            <div class="actions"><button type="submit">办结</button></div>
          </form>
        </section>
      )}
      <p class="more"><a href={RECT_HREF}>返回整改事项列表</a></p>
    </AdminLayout>
  );
}
