// Lists of the review workflow: 待我审核, 复查, 征求意见 inbox and disagreements, overdue interpretations.
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout } from '../../../../platform/views/layout.tsx';
import { CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import { formatTime } from '../../../review/views.tsx';
import { groundLabel, disclosureLabel } from '../../domain.ts';
import type { BriefRow, CoordinationRow } from '../../repo.workflow.ts';
import { NAV } from './record.tsx';

type Errors = Record<string, string | undefined>;
export type Badge = 'overdue' | 'soon' | 'ok' | 'none';

function DueBadge({ state }: { state: Badge }) {
  if (state === 'overdue') return <span class="badge badge-err">已超期</span>;
  if (state === 'soon') return <span class="badge badge-warn">即将到期</span>;
  return null;
}

export function SubNav() {
  return (
    <nav aria-label="审核工作">
      <ul class="inline-list">
        <li><a href="/admin/review">待我审核</a></li>
        <li><a href="/admin/coordination">征求意见</a></li>
        <li><a href="/admin/catalog/recheck">复查</a></li>
        <li><a href="/admin/catalog/interpretations">政策解读时限</a></li>
        <li><a href="/admin/catalog/secrecy-reviews">保密审查记录</a></li>
      </ul>
    </nav>
  );
}

export interface QueueRow { id: number; title: string; indexNo: string; orgName: string; stepName: string; submittedAt: Date; waitingSince: Date; dueOn: string | null; due: Badge }

/** A reply to an application (依申请公开) waiting at the reviewer's step. */
export interface ReplyQueueRow { caseId: number; trackingNo: string; description: string; orgName: string; stepName: string; waitingSince: Date; statutoryDueOn: string | null }

export function QueuePage({ vc, rows, replies = [], notice }: { vc: ViewContext; rows: QueueRow[]; replies?: ReplyQueueRow[]; notice?: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '待我审核' }} current={NAV}>
      <h1>待我审核</h1>
      <SubNav />
      {notice && <Notice>{notice}</Notice>}
      <DataTable caption={`待办理的公开信息（${rows.length} 条）`} head={['信息名称', '所属机构', '当前步骤', '提交时间', '应公开日期']} empty="暂无待您办理的审核事项。"
        rows={rows.map((r) => [
          <a href={`/admin/catalog/${r.id}/review`}>{r.title}</a>, r.orgName, r.stepName,
          <time dateTime={r.submittedAt.toISOString()}>{formatTime(r.submittedAt)}</time>,
          <>{r.dueOn ?? '—'} <DueBadge state={r.due} /></>,
        ])} />
      {replies.length > 0 && (
        <DataTable caption={`待审核的依申请公开答复（${replies.length} 件）`} head={['受理编号', '所需信息', '办理单位', '当前步骤', '送审时间', '答复期限']}
          rows={replies.map((r) => [
            <a href={`/admin/requests/${r.caseId}#reply`}>{r.trackingNo}</a>, r.description, r.orgName, r.stepName,
            <time dateTime={r.waitingSince.toISOString()}>{formatTime(r.waitingSince)}</time>, r.statutoryDueOn ?? '—',
          ])} />
      )}
    </AdminLayout>
  );
}

export function RecheckPage({ vc, rows, horizon, all, values, errors, message, notice, defaultNext }: {
  vc: ViewContext; rows: BriefRow[]; horizon: string; all: boolean; values?: Record<string, string>; errors?: Errors; message?: string; notice?: string; defaultNext: string;
}) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '不予公开信息复查' }} current={NAV}>
      <h1>不予公开信息复查</h1>
      <SubNav />
      <p>
        {all ? '全部不予公开信息（可提前复查）。' : `复查日期在 ${horizon} 之前（含已到期）的不予公开信息。`}
        继续不予公开的须确定下次复查日期；解密后信息退回草稿，重新履行审核程序后方可公开。
      </p>
      <p>{all ? <a href="/admin/catalog/recheck">只看近期到期的信息</a> : <a href="/admin/catalog/recheck?all=1">查看全部不予公开信息（提前复查）</a>}</p>
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={errors} message={message} />
      {rows.length === 0 && <p>暂无需要复查的信息。</p>}
      {rows.map((r) => {
        const mine = values?.id === String(r.id);
        const e = mine ? errors ?? {} : {};
        const v = mine ? values ?? {} : {};
        return (
          <section class="card" aria-labelledby={`h-r${r.id}`}>
            <h2 id={`h-r${r.id}`}><a href={`/admin/catalog/${r.id}/review`}>{r.title}</a></h2>
            <p>{r.orgName} · {r.indexNo} · {disclosureLabel(r.disclosure)}{r.withheldGround ? `（${groundLabel(r.withheldGround)}）` : ''} · 复查日期 {r.recheckOn}</p>
            <form method="post" action={`/admin/catalog/${r.id}/recheck${all ? '?all=1' : ''}`} class="stack" novalidate>
              <CsrfField token={vc.csrfToken} />
              <SelectField name="action" label="复查结论" required value={v.action ?? 'keep'} error={e.action}
                options={[{ value: 'keep', label: '继续不予公开' }, { value: 'declassify', label: '解密，重新审核公开' }]} />
              <TextArea name="basis" label="复查依据" required value={v.basis} rows={2} maxLength={2000} error={e.basis} />
              <TextField name="recheckOn" label="下次复查日期" hint="继续不予公开时必填，格式 YYYY-MM-DD" value={v.recheckOn ?? defaultNext} maxLength={10} error={e.recheckOn} />
              <div class="actions"><button type="submit">保存复查结论</button></div>
            </form>
          </section>
        );
      })}
    </AdminLayout>
  );
}

const STANCE: Record<string, string> = { agree: '同意', disagree: '不同意' };

export function CoordinationPage({ vc, inbox, disputes, canDecide, today, values, errors, message, notice }: {
  vc: ViewContext; inbox: CoordinationRow[]; disputes: CoordinationRow[]; canDecide: boolean; today: string;
  values?: Record<string, string>; errors?: Errors; message?: string; notice?: string;
}) {
  const v = values ?? {};
  const e = errors ?? {};
  return (
    <AdminLayout ctx={vc} meta={{ title: '征求意见' }} current={NAV}>
      <h1>征求意见</h1>
      <SubNav />
      {notice && <Notice>{notice}</Notice>}
      <ErrorSummary errors={e} message={message} />
      <h2>本单位收到的征求意见</h2>
      {inbox.length === 0 && <p>暂无征求本单位意见的事项。</p>}
      {inbox.map((c) => (
        <section class="card" aria-labelledby={`h-c${c.id}`}>
          <h3 id={`h-c${c.id}`}>{c.recordTitle}</h3>
          <p>来自：{c.recordOrgName} · 征求：{c.orgName} · 答复期限 {c.replyDueOn}
            {!c.replyStance && c.replyDueOn < today && <> <span class="badge badge-err">已超期</span></>}</p>
          <p class="pre-wrap">{c.question}</p>
          {c.replyStance
            ? <p>已答复（{STANCE[c.replyStance]}）：{c.replyText}{c.repliedByName ? ` — ${c.repliedByName}` : ''}</p>
            : (
              <form method="post" action={`/admin/coordination/${c.id}/reply`} class="stack" novalidate>
                <CsrfField token={vc.csrfToken} />
                <SelectField name={`stance${c.id}`} label="意见" required placeholder="请选择" value={v[`stance${c.id}`]} error={e[`stance${c.id}`]}
                  options={[{ value: 'agree', label: '同意公开' }, { value: 'disagree', label: '不同意' }]} />
                <TextArea name={`text${c.id}`} label="书面意见" required value={v[`text${c.id}`]} rows={3} maxLength={2000} error={e[`text${c.id}`]} />
                <div class="actions"><button type="submit">提交答复</button></div>
              </form>
            )}
        </section>
      ))}
      {canDecide && (
        <>
          <h2>不同意见（由政务公开办决定）</h2>
          {disputes.length === 0 && <p>暂无不同意见。</p>}
          {disputes.map((c) => (
            <section class="card" aria-labelledby={`h-d${c.id}`}>
              <h3 id={`h-d${c.id}`}><a href={`/admin/catalog/${c.recordId}/review`}>{c.recordTitle}</a></h3>
              <p>{c.orgName}不同意：{c.replyText}</p>
              {c.decision
                ? <p>决定：{c.decision}{c.decidedByName ? ` — ${c.decidedByName}` : ''}</p>
                : (
                  <form method="post" action={`/admin/coordination/${c.id}/decide`} class="stack" novalidate>
                    <CsrfField token={vc.csrfToken} />
                    <TextArea name={`decision${c.id}`} label="处理决定（最终决定）" required value={v[`decision${c.id}`]} rows={2} maxLength={2000} error={e[`decision${c.id}`]} />
                    <div class="actions"><button type="submit">保存决定</button></div>
                  </form>
                )}
            </section>
          ))}
        </>
      )}
    </AdminLayout>
  );
}

export function InterpretationsPage({ vc, rows, horizon }: { vc: ViewContext; rows: (BriefRow & { drafts: number; due: Badge })[]; horizon: string }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '政策解读时限' }} current={NAV}>
      <h1>政策解读时限</h1>
      <SubNav />
      <p>已公开的规范性文件和重要政策，解读应在文件公开后 5 个工作日内发布。以下为 {horizon} 前到期且尚未发布解读的政策。</p>
      <DataTable caption={`待发布解读的政策（${rows.length} 件）`} head={['政策文件', '所属机构', '公开时间', '解读应发布日期', '解读草稿']} empty="暂无超期或即将到期的政策解读。"
        rows={rows.map((r) => [
          <a href={`/admin/catalog/${r.id}/review`}>{r.title}</a>, r.orgName, r.publishedAt ? formatTime(new Date(r.publishedAt)) : '—',
          <>{r.interpretationDueOn} <DueBadge state={r.due} /></>,
          r.drafts ? `${r.drafts} 件审核中或草稿` : <a href={`/admin/catalog/${r.id}/interpret`}>编制解读</a>,
        ])} />
    </AdminLayout>
  );
}

export function SecrecyReviewsPage({ vc, orgs, values, errors, count }: { vc: ViewContext; orgs: { id: number; name: string }[]; values: Record<string, string>; errors?: Errors; count?: number }) {
  return (
    <AdminLayout ctx={vc} meta={{ title: '保密审查记录' }} current={NAV}>
      <h1>保密审查记录</h1>
      <SubNav />
      <p>导出保密审查书面记录（信息名称、文号或内容摘要、拟公开属性、审查结论、依据、审查人、日期、复查日期）。</p>
      <ErrorSummary errors={errors} />
      <form method="get" action="/admin/catalog/secrecy-reviews.csv" class="stack" novalidate>
        <SelectField name="org" label="机构" placeholder="全部" value={values.org} options={orgs.map((o) => ({ value: String(o.id), label: o.name }))} error={errors?.org} />
        <TextField name="from" label="审查日期自" hint="YYYY-MM-DD，可不填" value={values.from} maxLength={10} error={errors?.from} />
        <TextField name="to" label="审查日期至" hint="YYYY-MM-DD，可不填" value={values.to} maxLength={10} error={errors?.to} />
        <div class="actions"><button type="submit">导出 CSV</button></div>
      </form>
      {count !== undefined && <p>符合条件的记录 {count} 条。</p>}
    </AdminLayout>
  );
}
