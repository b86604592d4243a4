// What every answering screen shows first: the incident's facts and its clocks, in Beijing time.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { DataTable, ErrorSummary, Notice } from '../../../../platform/views/form.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';
import type { FieldErrors } from '../../../../platform/forms/index.ts';
import { countdown } from '../../clock-rules.ts';
import { CATEGORIES, DEADLINE_KINDS, GRADES, INCIDENT_STATUSES, labelOf } from '../../model.ts';
import type { DeadlineRow, IncidentView } from '../../responses.repo.ts';

export const NAV = '/admin/opinion';
export const incidentHref = (id: number) => `/admin/opinion/${id}`;

export const when = (d: Date | null | undefined) => (d ? <time dateTime={d.toISOString()}>{formatInstant(d, 'minute')}</time> : '—');

export function IncidentFacts({ inc }: { inc: IncidentView }) {
  return (
    <dl class="facts">
      <dt>舆情编号</dt><dd>{inc.no}</dd>
      <dt>状态</dt><dd>{labelOf(INCIDENT_STATUSES, inc.status)}</dd>
      <dt>舆情级别</dt><dd>{labelOf(GRADES, inc.grade) || '未定级'}</dd>
      <dt>类别</dt><dd>{labelOf(CATEGORIES, inc.category) || '未归入应回应类别'}</dd>
      <dt>牵头单位</dt><dd>{inc.leadOrgName ?? '尚未指定'}</dd>
      <dt>研判确认时间</dt><dd>{when(inc.confirmedAt)}</dd>
      {inc.rumour && <><dt>谣言</dt><dd>已认定为扰乱公共秩序的谣言并移交处置</dd></>}
    </dl>
  );
}

function DueState({ d, now }: { d: DeadlineRow; now: Date }) {
  if (d.metAt) return <span class="badge badge-ok">已完成{d.metAt > d.dueAt ? '（超时完成）' : ''}</span>;
  const c = countdown(d.dueAt, now);
  return <span class={c.minutes < 0 ? 'badge badge-err' : c.minutes < 120 ? 'badge badge-warn' : 'badge'}>{c.text}</span>;
}

export function DeadlineTable({ deadlines, now }: { deadlines: DeadlineRow[]; now: Date }) {
  return (
    <DataTable caption="回应时限（北京时间）" empty="该舆情尚无回应时限"
      head={['时限', '截止时间', '状态', '完成时间', '依据']}
      rows={deadlines.map((d) => [labelOf(DEADLINE_KINDS, d.kind), when(d.dueAt), <DueState d={d} now={now} />, when(d.metAt), d.basis])} />
  );
}

/** The frame of an answering screen: breadcrumb to the incident, title, notice, errors. */
export function IncidentPage(p: { vc: ViewContext; inc: IncidentView; title: string; notice?: string; problem?: string; errors?: FieldErrors; children: ComponentChildren }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: `${p.title}：${p.inc.no}` }} current={NAV}>
      <Breadcrumb items={[{ href: NAV, label: '政务舆情' }, { href: incidentHref(p.inc.id), label: p.inc.no }, { label: p.title }]} />
      <h1>{p.title}：{p.inc.title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ErrorSummary errors={p.errors} message={p.problem} />
      {p.children}
    </AdminLayout>
  );
}
