// 办结 (/admin/opinion/:id/close): the effect evaluation form; once closed, the evaluation and the
// 重新办理 form for the monitors.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { CsrfField, SelectField, TextArea } from '../../../../platform/views/form.tsx';
import type { FieldErrors, FormStrings } from '../../../../platform/forms/index.ts';
import type { IncidentView } from '../../responses.repo.ts';
import { EFFECT_RATINGS } from '../../use-cases/respond-forms.ts';
import type { Evaluation } from '../../use-cases/close.ts';
import { IncidentFacts, IncidentPage, when } from './common.tsx';

export interface ClosePageProps {
  vc: ViewContext;
  inc: IncidentView;
  approved: number;
  canClose: boolean;
  canReopen: boolean;
  values: FormStrings;
  errors?: FieldErrors;
  problem?: string;
  notice?: string;
}

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function ClosePage(p: ClosePageProps) {
  const { vc, inc, values: v, errors: e } = p;
  const ev = inc.evaluation as Evaluation | null;
  const closed = inc.status === 'closed';
  return (
    <IncidentPage vc={vc} inc={inc} title={closed ? '办结评估' : '办结舆情'} notice={p.notice} problem={p.problem} errors={e}>
      <IncidentFacts inc={inc} />
      {closed && ev && (
        <>
          <h2>效果评估</h2>
          <dl class="facts">
            <dt>办结时间</dt><dd>{when(inc.closedAt)}</dd>
            <dt>评估结论</dt><dd>{ev.ratingLabel ?? '未选择'}</dd>
            <dt>评估人</dt><dd>{ev.by}</dd>
          </dl>
          <div class="prose">{ev.summary.split('\n').map((line) => <p>{line}</p>)}</div>
        </>
      )}
      {!closed && p.canClose && (
        <form method="post" action={`/admin/opinion/${inc.id}/close`} class="stack" novalidate aria-labelledby="close-title">
          <h2 id="close-title">效果评估</h2>
          {p.approved === 0 && <p>注意：该舆情尚无审核通过的回应。</p>}
          <CsrfField token={vc.csrfToken} />
          <TextArea name="evaluation" label="效果评估" required rows={6} value={str(v.evaluation)} error={e?.evaluation}
            hint="回应后舆论走势、群众反映的问题解决情况和需改进之处，不少于 10 个字。" />
          <SelectField name="rating" label="评估结论" placeholder="不选择" value={str(v.rating)} error={e?.rating}
            options={Object.entries(EFFECT_RATINGS).map(([value, label]) => ({ value, label }))} />
          <div class="actions"><button type="submit">办结</button><a href={`/admin/opinion/${inc.id}/respond`}>返回回应舆情</a></div>
        </form>
      )}
      {closed && p.canReopen && (
        <form method="post" action={`/admin/opinion/${inc.id}/reopen`} class="stack" novalidate aria-labelledby="reopen-title">
          <h2 id="reopen-title">重新办理</h2>
          <CsrfField token={vc.csrfToken} />
          <TextArea name="reason" label="重新办理原因" required rows={3} value={str(v.reason)} error={e?.reason} hint="例如：同一问题再次引发集中关注。" />
          <div class="actions"><button type="submit" class="secondary">重新办理</button></div>
        </form>
      )}
    </IncidentPage>
  );
}
