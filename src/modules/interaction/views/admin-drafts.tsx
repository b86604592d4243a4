// Back office of 意见征集: the list (all / 待审核发布 / 正在征集 / 采纳情况逾期), the edit form and a
// draft's page with its actions (送审, 发布 / 退回, 附件, 采纳情况) and the moderation of comments.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, FileField, Notice, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { formatInstant } from '../../../platform/time/index.ts';
import { paragraphs } from '../../portal/domain.ts';
import { DRAFT_PHASES, DRAFT_STATUSES, SUMMARY_GRACE_DAYS, draftPhase, isSummaryOverdue, maySummarise, summaryDueOn, type DraftStatus } from '../domain.ts';
import type { DraftListRow, DraftView, AdminDraftFilter } from '../drafts.repo.ts';
import { DRAFT_FIELDS } from '../forms.ts';
import { ModerationSection, type StaffSubmission } from './moderation.tsx';

export const ADMIN_DRAFTS_HREF = '/admin/hdjl/yjzj';
const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');
const FILTERS: Record<AdminDraftFilter, string> = { all: '全部', pending: '待审核发布', open: '正在征集', overdue: '采纳情况逾期' };

function statusText(d: { status: string; startDate: string; endDate: string; summaryPublishedAt: Date | null }, today: string): string {
  if (d.status !== 'published') return DRAFT_STATUSES[d.status as DraftStatus] ?? d.status;
  const phase = DRAFT_PHASES[draftPhase(d, today)];
  if (isSummaryOverdue({ ...d, summaryPublished: d.summaryPublishedAt !== null }, today)) return `${phase}，采纳情况逾期未公布`;
  return d.summaryPublishedAt ? `${phase}，已公布采纳情况` : phase;
}

export function DraftAdminListPage(p: { vc: ViewContext; rows: DraftListRow[]; filter: AdminDraftFilter; today: string; canCreate: boolean; notice?: string }) {
  return (
    <AdminLayout ctx={p.vc} meta={{ title: '意见征集' }} current={ADMIN_DRAFTS_HREF}>
      <h1>意见征集</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      <p>涉及群众切身利益的政策草案在门户网站“互动交流—意见征集”栏目公开征求意见。征集结束后 {SUMMARY_GRACE_DAYS} 日内应公布意见采纳情况，逾期的列入“采纳情况逾期”。</p>
      {p.canCreate && <p><a class="button" href={`${ADMIN_DRAFTS_HREF}/new`}>发起意见征集</a></p>}
      <nav aria-label="筛选"><ul class="tabs">
        {(Object.keys(FILTERS) as AdminDraftFilter[]).map((f) => <li><a href={f === 'all' ? ADMIN_DRAFTS_HREF : `${ADMIN_DRAFTS_HREF}?view=${f}`} aria-current={p.filter === f ? 'page' : undefined}>{FILTERS[f]}</a></li>)}
      </ul></nav>
      <DataTable caption={`意见征集（${FILTERS[p.filter]}）`} empty="没有符合条件的意见征集"
        head={['标题', '起草单位', '征集期', '状态', '意见（待审核 / 已公开）']}
        rows={p.rows.map((d) => [
          <a href={`${ADMIN_DRAFTS_HREF}/${d.id}`}>{d.title}</a>, d.orgName, `${d.startDate} 至 ${d.endDate}`, statusText(d, p.today), `${d.pending} / ${d.approved}`,
        ])} />
    </AdminLayout>
  );
}

export function DraftEditPage(p: { vc: ViewContext; draft?: DraftView; orgs: { id: number; name: string }[]; values: FormStrings; errors?: Record<string, string>; message?: string }) {
  const v = p.values;
  const title = p.draft ? `修改意见征集：${p.draft.title}` : '发起意见征集';
  return (
    <AdminLayout ctx={p.vc} meta={{ title }} current={ADMIN_DRAFTS_HREF}>
      <Breadcrumb items={[{ href: ADMIN_DRAFTS_HREF, label: '意见征集' }, { label: p.draft ? '修改' : '发起' }]} />
      <h1>{title}</h1>
      <ErrorSummary errors={p.errors && inFormOrder(p.errors, [...DRAFT_FIELDS])} message={p.message} />
      <form method="post" action={p.draft ? `${ADMIN_DRAFTS_HREF}/${p.draft.id}/edit` : ADMIN_DRAFTS_HREF} class="stack" novalidate>
        <CsrfField token={p.vc.csrfToken} />
        {p.draft && <input type="hidden" name="version" value={String(p.draft.version)} />}
        <SelectField name="orgId" label="起草单位" required value={str(v.orgId)} placeholder="请选择" error={p.errors?.orgId} options={p.orgs.map((o) => ({ value: String(o.id), label: o.name }))} />
        <TextField name="title" label="标题" required maxLength={200} value={str(v.title)} error={p.errors?.title} hint="例如：关于公开征求《云溪县××管理办法（征求意见稿）》意见的公告" />
        <TextArea name="body" label="征求意见稿正文" required rows={14} value={str(v.body)} error={p.errors?.body} hint="起草说明和草案全文，段落之间空一行。" />
        <TextField name="startDate" label="开始日期" required type="date" value={str(v.startDate)} error={p.errors?.startDate} hint="北京时间，当日起接收意见。" />
        <TextField name="endDate" label="截止日期" required type="date" value={str(v.endDate)} error={p.errors?.endDate} hint="北京时间，当日 24 时截止。" />
        <TextArea name="howToComment" label="其他意见反馈方式" rows={4} value={str(v.howToComment)} error={p.errors?.howToComment} hint="信函、电子邮箱、电话等（起草单位的办公联系方式）。" />
        <CheckboxField name="showComments" label="在网站上公开展示审核通过的公众意见" checked={str(v.showComments) !== '' && str(v.showComments) !== '0' && str(v.showComments) !== 'false'} />
        <div class="actions"><button type="submit">保存</button><a href={p.draft ? `${ADMIN_DRAFTS_HREF}/${p.draft.id}` : ADMIN_DRAFTS_HREF}>取消</a></div>
      </form>
    </AdminLayout>
  );
}

export interface DraftAdminState { errors?: Record<string, string>; message?: string; values?: FormStrings; notice?: string; itemErrors?: Record<number, string> }

export function DraftAdminPage(p: { vc: ViewContext; d: DraftView; today: string; items: StaffSubmission[]; can: { manage: boolean; approve: boolean; moderate: boolean; submitter: boolean }; state: DraftAdminState }) {
  const { d, today, state } = p;
  const base = `${ADMIN_DRAFTS_HREF}/${d.id}`;
  const version = <input type="hidden" name="version" value={String(d.version)} />;
  const overdue = isSummaryOverdue({ ...d, summaryPublished: d.summaryPublishedAt !== null }, today);
  return (
    <AdminLayout ctx={p.vc} meta={{ title: d.title }} current={ADMIN_DRAFTS_HREF}>
      <Breadcrumb items={[{ href: ADMIN_DRAFTS_HREF, label: '意见征集' }, { label: d.title }]} />
      <h1>{d.title}</h1>
      {state.notice && <Notice>{state.notice}</Notice>}
      <ErrorSummary errors={state.errors} message={state.message} />
      <dl class="facts">
        <dt>起草单位</dt><dd>{d.orgName}</dd>
        <dt>征集期</dt><dd>{d.startDate} 至 {d.endDate}（北京时间）</dd>
        <dt>状态</dt><dd>{statusText(d, today)}</dd>
        {d.status === 'published' && <><dt>采纳情况公布期限</dt><dd>{summaryDueOn(d.endDate)}{overdue ? '（已逾期）' : ''}</dd></>}
        <dt>公开展示意见</dt><dd>{d.showComments ? '是' : '否'}</dd>
        <dt>附件</dt><dd>{d.attachmentFileId ? d.attachmentName : '无'}</dd>
        {d.publishedAt && <><dt>发布时间</dt><dd>{formatInstant(d.publishedAt, 'minute')}</dd></>}
        {d.returnReason && d.status === 'editing' && <><dt>退回理由</dt><dd>{d.returnReason}</dd></>}
        {d.status === 'withdrawn' && d.withdrawnAt && <><dt>撤回时间</dt><dd>{formatInstant(d.withdrawnAt, 'minute')}</dd><dt>撤回原因</dt><dd>{d.withdrawReason}</dd></>}
      </dl>
      {d.status === 'published' && <p><a href={`/hdjl/yjzj/${d.id}`}>在门户网站查看</a></p>}
      <details><summary>征求意见稿正文</summary>{paragraphs(d.body).map((x) => <p>{x}</p>)}</details>

      {p.can.manage && d.status === 'editing' && (
        <section aria-labelledby="edit-title">
          <h2 id="edit-title">编辑和送审</h2>
          <p><a class="button secondary" href={`${base}/edit`}>修改内容</a></p>
          <form method="post" action={`${base}/attachment`} enctype="multipart/form-data" class="stack">
            <CsrfField token={p.vc.csrfToken} />
            <FileField name="attachment" label="附件（征求意见稿全文）" hint="Word（.docx）、PDF 或纯文本，最大 20MB；上传新文件将替换原附件。" accept=".docx,.pdf,.txt" error={state.errors?.attachment} />
            <div class="actions"><button type="submit" class="secondary">上传附件</button></div>
          </form>
          <form method="post" action={`${base}/submit`}>
            <CsrfField token={p.vc.csrfToken} />{version}
            <button type="submit">送审发布</button>
          </form>
        </section>
      )}
      {p.can.approve && d.status === 'pending' && (
        <section aria-labelledby="approve-title">
          <h2 id="approve-title">审核发布</h2>
          {p.can.submitter ? <p class="notice notice-info">您是该意见征集的送审人，须由本单位其他有审核权限的人员审核发布。</p> : (
            <form method="post" action={`${base}/publish`}>
              <CsrfField token={p.vc.csrfToken} />{version}
              <button type="submit">同意发布</button>
            </form>
          )}
          <form method="post" action={`${base}/return`} class="stack">
            <CsrfField token={p.vc.csrfToken} />{version}
            <TextArea name="reason" label="退回理由" rows={2} value={str(state.values?.reason)} error={state.errors?.reason} />
            <div class="actions"><button type="submit" class="secondary">退回修改</button></div>
          </form>
        </section>
      )}
      {p.can.manage && d.status === 'published' && (
        <section aria-labelledby="summary-form-title">
          <h2 id="summary-form-title">意见采纳情况</h2>
          {maySummarise(d, today) ? (
            <form method="post" action={`${base}/summary`} class="stack" novalidate>
              <CsrfField token={p.vc.csrfToken} />{version}
              <TextArea name="summary" label={d.summaryPublishedAt ? '修改采纳情况' : '采纳情况'} required rows={8} value={str(state.values?.summary) || d.summary || ''} error={state.errors?.summary}
                hint="共收到多少条意见，采纳了哪些、如何修改，未采纳的理由。公布后显示在草案页面。" />
              <div class="actions"><button type="submit">{d.summaryPublishedAt ? '保存修改' : '公布采纳情况'}</button></div>
            </form>
          ) : <p>征集期至 {d.endDate} 结束，结束后可公布采纳情况。</p>}
        </section>
      )}
      {p.can.approve && d.status === 'published' && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">撤回</h2>
          <form method="post" action={`${base}/withdraw`} class="stack" novalidate>
            <CsrfField token={p.vc.csrfToken} />{version}
            <TextArea name="withdrawReason" label="撤回原因" required rows={2} value={str(state.values?.withdrawReason)} error={state.errors?.withdrawReason}
              hint="撤回后门户网站不再列出该意见征集，不再接收意见；原页面向公众显示撤回原因。" />
            <div class="actions"><button type="submit" class="secondary">撤回意见征集</button></div>
          </form>
        </section>
      )}
      <ModerationSection vc={p.vc} kind="draft" items={p.items} back={base} canModerate={p.can.moderate} canAnswer={false} errors={state.itemErrors} />
    </AdminLayout>
  );
}
