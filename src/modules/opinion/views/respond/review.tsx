// One response (/admin/opinion/:id/responses/:rid): what was said, its review history, and the
// review form for whoever may act on its current step (单位审核发布).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, DataTable, SelectField, TextArea } from '../../../../platform/views/form.tsx';
import type { FieldErrors, FormStrings } from '../../../../platform/forms/index.ts';
import { STEP_CONCLUSIONS } from '../../../review/domain.ts';
import type { HistoryEntry, ReviewInstance } from '../../../review/use-cases.ts';
import { CHANNELS, labelOf } from '../../model.ts';
import type { IncidentView, ResponseRow } from '../../responses.repo.ts';
import { RESPONSE_STATUSES } from '../../use-cases/respond-forms.ts';
import { IncidentFacts, IncidentPage, when } from './common.tsx';

export interface ResponsePageProps {
  vc: ViewContext;
  inc: IncidentView;
  r: ResponseRow;
  instance: ReviewInstance | null;
  history: HistoryEntry[];
  mayAct: boolean;
  values?: FormStrings;
  errors?: FieldErrors;
  problem?: string;
  notice?: string;
}

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function ResponsePage(p: ResponsePageProps) {
  const { vc, inc, r, instance } = p;
  const step = instance && instance.status === 'in_progress' ? instance.steps[instance.currentStep] : undefined;
  return (
    <IncidentPage vc={vc} inc={inc} title={`回应 ${r.id}`} notice={p.notice} problem={p.problem} errors={p.errors}>
      <IncidentFacts inc={inc} />
      <h2>回应内容</h2>
      <dl class="facts">
        <dt>状态</dt><dd>{labelOf(RESPONSE_STATUSES, r.status)}{step ? `（待“${step.name}”）` : ''}</dd>
        <dt>回应渠道</dt><dd>{labelOf(CHANNELS, r.channel)}</dd>
        <dt>回应时间</dt><dd>{when(r.respondedAt)}</dd>
        <dt>回应链接</dt><dd>{r.url ? <a href={r.url} rel="noopener">{r.url}</a> : '无'}</dd>
        <dt>公开情况</dt><dd>{r.publishedAt ? <>已于 {when(r.publishedAt)} 在<a href={`/hygq/${r.id}`}>回应关切栏目</a>公开</> : '未公开'}</dd>
      </dl>
      <div class="prose">{r.text.split('\n').map((line) => <p>{line}</p>)}</div>
      <h2>审核记录</h2>
      <DataTable caption="审核记录（北京时间）" empty="无需审核或尚未提交"
        head={['步骤', '办理人', '结论', '意见', '时间']}
        rows={p.history.map((h) => [h.stepName, h.actorName, STEP_CONCLUSIONS[h.conclusion] ?? h.conclusion, h.opinion ?? '—', when(h.actedAt)])} />
      {p.mayAct && instance && step && (
        <form method="post" action={`/admin/opinion/${inc.id}/responses/${r.id}/review`} class="stack" novalidate aria-labelledby="review-title">
          <h2 id="review-title">审核：{step.name}</h2>
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="step" value={String(instance.currentStep)} />
          <SelectField name="conclusion" label="审核结论" required placeholder="请选择" value={str(p.values?.conclusion)} error={p.errors?.conclusion}
            options={[{ value: 'pass', label: '通过' }, { value: 'return', label: '退回修改' }]} />
          <TextArea name="opinion" label="审核意见" rows={3} value={str(p.values?.opinion)} error={p.errors?.opinion} hint="退回修改时必须填写需修改的内容。" />
          <div class="actions"><button type="submit">提交审核意见</button></div>
        </form>
      )}
      <p><a href={`/admin/opinion/${inc.id}/respond`}>返回回应舆情</a></p>
    </IncidentPage>
  );
}
