// Back office of 在线访谈: the list, the edit form, and an interview's page (预告 / announce, the
// questions to moderate and answer, the 文字实录).
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { formatInstant } from '../../../platform/time/index.ts';
import { paragraphs } from '../../portal/domain.ts';
import { INTERVIEW_PHASES, INTERVIEW_STATUSES, interviewPhase, type InterviewStatus } from '../domain.ts';
import type { InterviewListRow, InterviewView } from '../interviews.repo.ts';
import { INTERVIEW_FIELDS } from '../forms.ts';
import { ModerationSection, type StaffSubmission } from './moderation.tsx';

export const ADMIN_INTERVIEWS_HREF = '/admin/hdjl/zxft';
const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');
const span = (i: { startsAt: Date; endsAt: Date }) => `${formatInstant(i.startsAt, 'minute')} 至 ${formatInstant(i.endsAt, 'minute').slice(11)}`;
const statusText = (i: { status: string; startsAt: Date; endsAt: Date }, now: Date) =>
  `${INTERVIEW_STATUSES[i.status as InterviewStatus] ?? i.status}${i.status === 'announced' ? `（${INTERVIEW_PHASES[interviewPhase(i, now)]}）` : ''}`;

export function InterviewAdminListPage(p: { vc: ViewContext; rows: InterviewListRow[]; now: Date; canCreate: boolean }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '在线访谈' }} current={ADMIN_INTERVIEWS_HREF}>
      <h1>在线访谈</h1>
      <p>政府主要负责同志原则上每年参加一次在线访谈，政府部门每年至少开展两次。访谈前发布预告，访谈前和访谈中接收网民提问，结束后发布文字实录。</p>
      {p.canCreate && <p><a class="button" href={`${ADMIN_INTERVIEWS_HREF}/new`}>新建在线访谈</a></p>}
      <DataTable caption="在线访谈" empty="尚无在线访谈"
        head={['访谈主题', '主办单位', '访谈时间', '状态', '问题（待审核 / 未答复）']}
        rows={p.rows.map((i) => [<a href={`${ADMIN_INTERVIEWS_HREF}/${i.id}`}>{i.title}</a>, i.orgName, span(i), statusText(i, p.now), `${i.pending} / ${i.unanswered}`])} />
    </AdminLayout>
  );
}

type PressEventRef = { id: number; title: string } | null;
const pressHref = (id: number) => `/admin/press/${id}`;

export function InterviewEditPage(p: { vc: ViewContext; interview?: InterviewView; orgs: { id: number; name: string }[]; values: FormStrings; errors?: Record<string, string>; message?: string; pressEvent?: PressEventRef }) {
  const v = p.values;
  const title = p.interview ? `修改在线访谈：${p.interview.title}` : '新建在线访谈';
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={ADMIN_INTERVIEWS_HREF}>
      <Breadcrumb items={[{ href: ADMIN_INTERVIEWS_HREF, label: '在线访谈' }, { label: p.interview ? '修改' : '新建' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, [...INTERVIEW_FIELDS])} message={p.message} />
      <form method="post" action={p.interview ? `${ADMIN_INTERVIEWS_HREF}/${p.interview.id}/edit` : ADMIN_INTERVIEWS_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        {p.interview && <input type="hidden" name="version" value={String(p.interview.version)} />}
        {!p.interview && p.pressEvent && (
          <>
            <input type="hidden" name="pressEventId" value={String(p.pressEvent.id)} />
            <p class="notice notice-info">根据新闻发布活动<a href={pressHref(p.pressEvent.id)}>“{p.pressEvent.title}”</a>创建，已按活动的主题、时间、嘉宾和主办单位预填，请核对后保存。</p>
          </>
        )}
        <SelectField name="orgId" label="主办单位" required value={str(v.orgId)} placeholder="请选择" error={p.errors?.orgId} options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextField name="title" label="访谈主题" required maxLength={200} value={str(v.title)} error={p.errors?.title} />
        <TextField name="guests" label="访谈嘉宾" required maxLength={500} value={str(v.guests)} error={p.errors?.guests} hint="姓名和职务，例如：县教育体育局局长 王××" />
        <TextField name="date" label="访谈日期" required type="date" value={str(v.date)} error={p.errors?.date} />
        <TextField name="startTime" label="开始时间" required type="time" value={str(v.startTime)} error={p.errors?.startTime} hint="北京时间，例如 09:30" />
        <TextField name="endTime" label="结束时间" required type="time" value={str(v.endTime)} error={p.errors?.endTime} hint="北京时间，例如 11:00" />
        <TextArea name="preview" label="访谈预告" required rows={8} value={str(v.preview)} error={p.errors?.preview} hint="访谈内容简介、嘉宾介绍、网民可以提问的范围。" />
        <div class="actions"><button type="submit">保存</button><a href={p.interview ? `${ADMIN_INTERVIEWS_HREF}/${p.interview.id}` : ADMIN_INTERVIEWS_HREF}>取消</a></div>
      </form>
    </AdminLayout>
  );
}

export interface InterviewAdminState { errors?: Record<string, string>; message?: string; values?: FormStrings; notice?: string; itemErrors?: Record<number, string> }

export function InterviewAdminPage(p: { vc: ViewContext; i: InterviewView; now: Date; items: StaffSubmission[]; can: { manage: boolean; approve: boolean; moderate: boolean; creator: boolean }; state: InterviewAdminState; pressEvent?: PressEventRef }) {
  const { i, now, state } = p;
  const base = `${ADMIN_INTERVIEWS_HREF}/${i.id}`;
  const version = <input type="hidden" name="version" value={String(i.version)} />;
  return (
    <AdminLayout ctx={p.vc} meta={{ title: i.title }} current={ADMIN_INTERVIEWS_HREF}>
      <Breadcrumb items={[{ href: ADMIN_INTERVIEWS_HREF, label: '在线访谈' }, { label: i.title }]} />
      <h1>{i.title}</h1>
      {state.notice && <Notice>{state.notice}</Notice>}
      <ErrorSummary errors={state.errors} message={state.message} />
      <dl class="facts">
        <dt>主办单位</dt><dd>{i.orgName}</dd>
        <dt>访谈时间</dt><dd>{span(i)}（北京时间）</dd>
        <dt>访谈嘉宾</dt><dd>{i.guests}</dd>
        <dt>状态</dt><dd>{statusText(i, now)}</dd>
        {p.pressEvent && <><dt>新闻发布活动</dt><dd><a href={pressHref(p.pressEvent.id)}>{p.pressEvent.title}</a></dd></>}
        {i.status === 'withdrawn' && i.withdrawnAt && <><dt>撤回时间</dt><dd>{formatInstant(i.withdrawnAt, 'minute')}</dd><dt>撤回原因</dt><dd>{i.withdrawReason}</dd></>}
      </dl>
      {(i.status === 'announced' || i.status === 'closed') && <p><a href={`/hdjl/zxft/${i.id}`}>在门户网站查看</a></p>}
      <details><summary>访谈预告</summary>{paragraphs(i.preview).map((x) => <p>{x}</p>)}</details>
      {p.can.manage && (i.status === 'editing' || i.status === 'announced') && <p><a class="button secondary" href={`${base}/edit`}>修改访谈信息</a></p>}
      {p.can.approve && i.status === 'editing' && (p.can.creator
        ? <p class="notice notice-info">您是该在线访谈的承办人，须由本单位其他有审核权限的人员审核发布预告。</p>
        : (
          <form method="post" action={`${base}/announce`}>
            <CsrfField token={p.vc.csrfToken} />{version}
            <button type="submit">发布访谈预告</button>
          </form>
        ))}
      {p.can.manage && (i.status === 'announced' || i.status === 'closed') && now.getTime() >= i.startsAt.getTime() && (
        <section aria-labelledby="transcript-form-title">
          <h2 id="transcript-form-title">文字实录</h2>
          <form method="post" action={`${base}/transcript`} class="stack" novalidate>
            <CsrfField token={p.vc.csrfToken} />{version}
            <TextArea name="transcript" label={i.transcript ? '修改文字实录' : '文字实录'} required rows={12} value={str(state.values?.transcript) || i.transcript || ''} error={state.errors?.transcript}
              hint="发布后访谈结束，不再接收提问。" />
            <div class="actions"><button type="submit">{i.transcript ? '保存修改' : '发布文字实录'}</button></div>
          </form>
        </section>
      )}
      {p.can.approve && (i.status === 'announced' || i.status === 'closed') && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">撤回</h2>
          <form method="post" action={`${base}/withdraw`} class="stack" novalidate>
            <CsrfField token={p.vc.csrfToken} />{version}
            <TextArea name="withdrawReason" label="撤回原因" required rows={2} value={str(state.values?.withdrawReason)} error={state.errors?.withdrawReason}
              hint="撤回后门户网站不再列出该访谈，不再接收提问；原页面向公众显示撤回原因。" />
            <div class="actions"><button type="submit" class="secondary">撤回在线访谈</button></div>
          </form>
        </section>
      )}
      <ModerationSection vc={p.vc} kind="interview" items={p.items} back={base} canModerate={p.can.moderate} canAnswer={p.can.manage} errors={state.itemErrors} />
    </AdminLayout>
  );
}
