// 新闻发布活动 in the back office: the list (filters, desk counts) and the application form (new and edit).
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, Pagination, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { formatInstant } from '../../../platform/time/index.ts';
import { CATEGORIES, EVENT_TYPES, LIMITS, SPEAKER_KINDS, STATUSES, labelOf } from '../model.ts';
import { EVENT_FIELD_ORDER } from '../forms.ts';
import type { EventView } from '../repo.ts';

export const PRESS_HREF = '/admin/press';
const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

export type AdminFilters = { status: string; type: string; org: string; year: string; overdue: string; returned: string };

export function adminQuery(f: AdminFilters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v) p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function StatusText({ ev }: { ev: Pick<EventView, 'status' | 'approvedAt' | 'approvalDueAt'> }) {
  const base = labelOf(STATUSES, ev.status);
  if (ev.status === 'held' && !ev.approvedAt) return <>{base} <span class="badge badge-warn">先发布后补批</span></>;
  return <>{base}</>;
}

export function PressListPage(p: {
  vc: ViewContext; filters: AdminFilters; rows: EventView[]; total: number; page: number; pages: number;
  orgs: { id: number; name: string }[]; counts: { drafts: number; inReview: number; toHold: number; overdue: number };
  canApply: boolean; canManage: boolean; notice?: string;
}) {
  const f = p.filters;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '新闻发布活动' }} current={PRESS_HREF}>
      <h1>新闻发布活动</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <ul class="inline-list" aria-label="待办情况">
        <li><a href={`${PRESS_HREF}?status=draft`}>草稿和退回 {p.counts.drafts} 件</a></li>
        <li><a href={`${PRESS_HREF}?status=in_review`}>审批中 {p.counts.inReview} 件</a></li>
        <li><a href={`${PRESS_HREF}?status=approved`}>已批准待举行 {p.counts.toHold} 件</a></li>
        <li><a href={`${PRESS_HREF}?overdue=1`}>补批超时 {p.counts.overdue} 件</a></li>
      </ul>
      <p>
        {p.canApply && <a class="button" href={`${PRESS_HREF}/new`}>申请新闻发布活动</a>}
        {p.canManage && <> <a href={`${PRESS_HREF}/compliance`}>新闻发布考核情况</a></>}
      </p>
      <form method="get" action={PRESS_HREF} class="filters" role="search" aria-label="筛选新闻发布活动">
        <SelectField name="status" label="状态" value={f.status} placeholder="全部状态" options={opts(STATUSES)} />
        <SelectField name="type" label="发布形式" value={f.type} placeholder="全部形式" options={opts(EVENT_TYPES)} />
        <SelectField name="org" label="主办单位" value={f.org} placeholder="全部单位" options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextField name="year" label="年度" value={f.year} maxLength={4} inputMode="numeric" />
        <CheckboxField name="returned" label="只看退回我修改的" checked={f.returned === '1'} />
        <div class="field"><button type="submit">筛选</button></div>
      </form>
      <p>共 {p.total} 件。时间均为北京时间。</p>
      <DataTable caption="新闻发布活动列表" empty="没有符合条件的新闻发布活动。"
        head={['发布主题', '主办单位', '发布形式', '拟举行时间', '发布人', '状态']}
        rows={p.rows.map((r) => [
          <a href={`${PRESS_HREF}/${r.id}`}>{r.title}</a>,
          r.orgName,
          <>{labelOf(EVENT_TYPES, r.type)}{r.govName &&  <span class="badge">以政府名义</span>}{r.emergency &&  <span class="badge badge-warn">突发事件</span>}</>,
          formatInstant(r.plannedAt, 'minute'),
          `${r.speaker}（${labelOf(SPEAKER_KINDS, r.speakerKind)}）`,
          <StatusText ev={r} />,
        ])} />
      <Pagination page={p.page} pages={p.pages} href={(n) => `${PRESS_HREF}${adminQuery(f, { page: String(n) })}`} />
    </AdminLayout>
  );
}

/** The written application (申请): new, or edit while a draft / returned. */
export function EventFormPage(p: { vc: ViewContext; values: FormStrings; errors?: Record<string, string>; problem?: string; orgs: { id: number; name: string }[]; editId?: number }) {
  const v = (k: string) => (typeof p.values[k] === 'string' ? (p.values[k] as string) : '');
  const on = (k: string) => v(k) !== '' && v(k) !== '0' && v(k) !== 'false';
  const title = p.editId ? '修改新闻发布申请' : '申请新闻发布活动';
  const action = p.editId ? `${PRESS_HREF}/${p.editId}/edit` : `${PRESS_HREF}/new`;
  const e = p.errors;
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={PRESS_HREF}>
      <Breadcrumb items={[{ href: PRESS_HREF, label: '新闻发布活动' }, ...(p.editId ? [{ href: `${PRESS_HREF}/${p.editId}`, label: '活动详情' }] : []), { label: title }]} />
      <h1>{title}</h1>
      <p>部门、乡镇举行新闻发布，须在举行前提出书面申请，经县委宣传部批准后进行；以县政府名义发布的，由牵头部门拟稿，经县政府新闻办审核、分管副县长审定后报县长批准。时间均为北京时间。</p>
      <ErrorSummary errors={e && inFormOrder(e, EVENT_FIELD_ORDER)} message={p.problem} />
      <form method="post" action={action} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        {p.editId && <input type="hidden" name="version" value={v('version')} />}
        <SelectField name="orgId" label="主办单位" required value={v('orgId')} error={e?.orgId} placeholder="请选择"
          options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <SelectField name="type" label="发布形式" required value={v('type') || 'conference'} error={e?.type} options={opts(EVENT_TYPES)} />
        <SelectField name="category" label="发布内容类别" required value={v('category') || 'routine'} error={e?.category} options={opts(CATEGORIES)} />
        <TextField name="title" label="发布主题" required value={v('title')} maxLength={LIMITS.title} error={e?.title} />
        <TextField name="plannedAt" label="拟举行时间" required type="datetime-local" value={v('plannedAt')} error={e?.plannedAt} hint="北京时间，例如 2026-12-08 09:30。" />
        <TextField name="place" label="地点" value={v('place')} maxLength={LIMITS.place} error={e?.place} />
        <TextField name="speaker" label="发布人" required value={v('speaker')} maxLength={LIMITS.speaker} error={e?.speaker} hint="姓名和职务，例如 县教体局局长 王明德。" />
        <SelectField name="speakerKind" label="发布人身份" required value={v('speakerKind') || 'spokesperson'} error={e?.speakerKind} options={opts(SPEAKER_KINDS)}
          hint="主要负责人出席的发布计入“主要负责人每年至少出席一次”的考核。" />
        <TextArea name="guests" label="出席嘉宾" rows={2} value={v('guests')} maxLength={LIMITS.guests} error={e?.guests} hint="其他发布人、专家等，选填。" />
        <CheckboxField name="govName" label="以县政府名义发布" checked={on('govName')} error={e?.govName} hint="以政府名义的发布须经新闻办审核、分管副县长审定、县长批准。" />
        <CheckboxField name="wideScope" label="经济社会发展全局性新闻发布" checked={on('wideScope')} error={e?.wideScope} hint="全县经济社会发展指标完成情况、重大决策部署等，每年不少于两次。" />
        <CheckboxField name="emergency" label="突发事件新闻发布" checked={on('emergency')} error={e?.emergency}
          hint="突发事件可在报送申请并准备答问口径后先行发布，并在举行后 24 小时内完成补批。" />
        <TextField name="incidentNo" label="关联舆情事件编号" value={v('incidentNo')} maxLength={LIMITS.incidentNo} error={e?.incidentNo} hint="回应舆情的发布请填写舆情编号，例如 YQ-2026-0001；选填。" autocomplete="off" />
        <TextArea name="purpose" label="发布目的" required rows={3} value={v('purpose')} maxLength={LIMITS.purpose} error={e?.purpose} />
        <TextArea name="outline" label="发布内容提纲" required rows={6} value={v('outline')} maxLength={LIMITS.outline} error={e?.outline} />
        <TextArea name="participants" label="参加人员" rows={2} value={v('participants')} maxLength={LIMITS.participants} error={e?.participants} hint="邀请的媒体和人员。" />
        <div class="actions"><button type="submit">{p.editId ? '保存修改' : '保存申请'}</button><a href={p.editId ? `${PRESS_HREF}/${p.editId}` : PRESS_HREF}>返回</a></div>
      </form>
    </AdminLayout>
  );
}
