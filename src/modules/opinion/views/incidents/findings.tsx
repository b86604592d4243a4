// 舆情问责 (opinion.accountability): the findings proposed from late or missing responses, filtered by
// status, each with who decided what and when; one finding's page with the 决定 / 撤销 forms while it
// is open (plain form posts, a ticked confirmation for these one-time actions).
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, ChoiceGroup, CsrfField, DataTable, ErrorSummary, Notice, Pagination, SelectField, TextArea } from '../../../../platform/views/form.tsx';
import type { FieldErrors, FormStrings } from '../../../../platform/forms/index.ts';
import { DEADLINE_KINDS, FINDING_KINDS, GRADES, labelOf } from '../../model.ts';
import type { FindingView } from '../../findings.repo.ts';
import { INCIDENTS_HREF, When } from './shared.tsx';

export const FINDINGS_HREF = `${INCIDENTS_HREF}/findings`;
export const FINDING_STATUSES = { open: '待决定', decided: '已决定', withdrawn: '已撤销' } as const;
export type FindingStatus = keyof typeof FINDING_STATUSES;
const kindText = (k: string | null) => labelOf(FINDING_KINDS, k) || k || '—';

/** Who decided what and when, in one line (Beijing time). */
function Outcome({ r }: { r: FindingView }) {
  if (r.status === 'open') return <>待决定</>;
  const what = r.status === 'decided' ? `已决定：${kindText(r.decidedKind)}` : '已撤销';
  return <>{what}<br />{r.decidedByName ?? '—'}，<When d={r.decidedAt} /></>;
}

export function FindingsPage({ vc, rows, total, page, pages, status }: { vc: ViewContext; rows: FindingView[]; total: number; page: number; pages: number; status: string }) {
  const q = (n: number) => `${FINDINGS_HREF}?${new URLSearchParams({ ...(status ? { status } : {}), page: String(n) })}`;
  return (
    <AdminLayout ctx={vc} meta={{ title: '舆情问责' }} current={FINDINGS_HREF}>
      <h1>舆情问责</h1>
      <p>舆情回应超过时限的，系统按舆情级别、超时长短和单位近一年超时次数提出通报、约谈或问责建议；时限仍未回应的，建议随超时时间升级。由政务公开办决定或撤销。</p>
      <form method="get" action={FINDINGS_HREF} class="filters" role="search" aria-label="筛选问责建议">
        <SelectField name="status" label="状态" value={status} placeholder="全部状态" options={Object.entries(FINDING_STATUSES).map(([value, label]) => ({ value, label }))} />
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p>共 {total} 条，时间均为北京时间。</p>
      <DataTable caption="问责建议" empty="暂无问责建议。"
        head={['生成时间', '舆情事件', '级别', '责任单位', '超过的时限', '建议', '理由', '状态', '办理']}
        rows={rows.map((r) => [
          <When d={r.createdAt} />, <a href={`${INCIDENTS_HREF}/${r.incidentId}`}>{r.no}</a>, labelOf(GRADES, r.grade) || '—', r.orgName,
          labelOf(DEADLINE_KINDS, r.deadlineKind) || r.deadlineKind, kindText(r.kind), r.reason, <Outcome r={r} />,
          <a href={`${FINDINGS_HREF}/${r.id}`} aria-label={`${r.status === 'open' ? '决定或撤销' : '查看'}${r.no}${labelOf(DEADLINE_KINDS, r.deadlineKind)}的问责建议`}>
            {r.status === 'open' ? '决定或撤销' : '查看'}
          </a>,
        ])} />
      <Pagination page={page} pages={pages} href={q} />
    </AdminLayout>
  );
}

export interface FindingPageProps {
  vc: ViewContext; f: FindingView; notice?: string; problem?: string;
  form?: 'decide' | 'withdraw'; values?: FormStrings; errors?: FieldErrors;
}

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

export function FindingPage(p: FindingPageProps) {
  const { vc, f } = p;
  const dv = p.form === 'decide' ? p.values ?? {} : { kind: f.kind };
  const de = p.form === 'decide' ? p.errors : undefined;
  const wv = p.form === 'withdraw' ? p.values ?? {} : {};
  const we = p.form === 'withdraw' ? p.errors : undefined;
  const what = labelOf(DEADLINE_KINDS, f.deadlineKind) || f.deadlineKind;
  return (
    <AdminLayout ctx={vc} meta={{ title: `问责建议 ${f.no}` }} current={FINDINGS_HREF}>
      <Breadcrumb items={[{ href: FINDINGS_HREF, label: '舆情问责' }, { label: `${f.no} ${what}` }]} />
      <h1>问责建议：{f.orgName}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.problem && <div class="error-summary" role="alert"><h2>操作未完成</h2><p>{p.problem}</p></div>}
      {p.errors && <ErrorSummary errors={p.errors} />}
      <dl class="facts">
        <dt>舆情事件</dt><dd><a href={`${INCIDENTS_HREF}/${f.incidentId}`}>{f.no}</a> {f.title}</dd>
        <dt>级别</dt><dd>{labelOf(GRADES, f.grade) || '—'}</dd>
        <dt>责任单位</dt><dd>{f.orgName}</dd>
        <dt>超过的时限</dt><dd>{what}</dd>
        <dt>生成时间</dt><dd><When d={f.createdAt} />（北京时间）</dd>
        {f.raisedAt && <><dt>最近升级</dt><dd><When d={f.raisedAt} /></dd></>}
        <dt>建议</dt><dd>{kindText(f.kind)}</dd>
        <dt>理由</dt><dd>{f.reason}</dd>
        <dt>状态</dt><dd>{FINDING_STATUSES[f.status as FindingStatus] ?? f.status}</dd>
        {f.status === 'decided' && <><dt>决定结果</dt><dd>{kindText(f.decidedKind)}{f.decidedKind !== f.kind ? `（建议为${kindText(f.kind)}）` : ''}</dd></>}
        {f.status !== 'open' && <>
          <dt>{f.status === 'decided' ? '决定人' : '撤销人'}</dt><dd>{f.decidedByName ?? '—'}</dd>
          <dt>{f.status === 'decided' ? '决定时间' : '撤销时间'}</dt><dd><When d={f.decidedAt} />（北京时间）</dd>
          <dt>{f.status === 'decided' ? '决定说明' : '撤销理由'}</dt><dd>{f.note ?? '—'}</dd>
        </>}
      </dl>
      {f.status === 'open' && <>
        <form method="post" action={`${FINDINGS_HREF}/${f.id}/decide`} class="stack" novalidate aria-labelledby="decide-title">
          <h2 id="decide-title">作出决定</h2>
          <CsrfField token={vc.csrfToken} />
          <ChoiceGroup name="kind" legend="决定结果" type="radio" required checked={[str(dv.kind)]} error={de?.kind}
            hint="默认为系统建议，可改为其他处理方式。"
            options={Object.entries(FINDING_KINDS).map(([value, label]) => ({ value, label: value === f.kind ? `${label}（系统建议）` : label }))} />
          <TextArea name="note" label="决定说明" required rows={4} maxLength={1000} value={str(dv.note)} error={de?.note}
            hint="说明决定的依据，例如会商意见、处理方式，不少于 5 个字。" />
          <CheckboxField name="confirm" label="我已核对：决定提交后不能修改或撤回" checked={str(dv.confirm) === '1'} error={de?.confirm} />
          <div class="actions"><button type="submit">提交决定</button></div>
        </form>
        <form method="post" action={`${FINDINGS_HREF}/${f.id}/withdraw`} class="stack" novalidate aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">撤销建议</h2>
          <p>超时有正当理由的（例如时限计算有误、已按上级要求统一回应），可撤销该建议，撤销后不计入单位超时次数。</p>
          <CsrfField token={vc.csrfToken} />
          <TextArea name="reason" label="撤销理由" required rows={3} maxLength={1000} value={str(wv.reason)} error={we?.reason} hint="不少于 5 个字。" />
          <CheckboxField name="withdrawConfirm" label="我已核对：撤销后不能恢复" checked={str(wv.withdrawConfirm) === '1'} error={we?.withdrawConfirm} />
          <div class="actions"><button type="submit" class="secondary">撤销建议</button></div>
        </form>
      </>}
      <p><a href={FINDINGS_HREF}>返回舆情问责</a></p>
    </AdminLayout>
  );
}
