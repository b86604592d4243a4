// One case for staff: summary, applicant (masked), the clock with its ledger, the action forms the
// user may use now, the reply and its review, documents with delivery, and the timeline.
// Every form posts with CSRF and the case version; after a refusal it comes back with the values kept.
import type { ComponentChildren } from 'preact';
import type { ViewContext } from '../../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../../platform/views/layout.tsx';
import { CheckboxField, CsrfField, DataTable, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../../platform/views/form.tsx';
import {
  ANSWER_KINDS, CASE_KINDS, CORRECTION_OUTCOMES, DELIVERIES, DELIVERY_METHODS, FORMS, OUTCOMES, PAUSE_REASONS, channelLabel,
  documentKindLabel, eventLabel, outcomeLabel, statusLabel, isAnswerKind,
} from '../../model.ts';
import type { CaseRow, DocumentRow, DueChangeRow, EventRow } from '../../repo.ts';
import { eventsOf } from '../../events.ts';
import type { ReplyDraft } from '../../use-cases/index.ts';
import type { ApplicantView } from '../../pii.ts';
import { DueText, NAV, type DueState } from './queue.tsx';
import { formatInstant } from '../../../../platform/time/index.ts';

export interface CaseForm { name: string; values: Record<string, string>; errors?: Record<string, string>; message?: string }

export interface LedgerView {
  entries: { on: string; event: string; basis: string; effect: string; due: string | null }[];
  holidays: { date: string; name: string }[];
  makeupDays: { date: string; name: string }[];
  stoppedReason?: string;
  correctionDeadline?: string;
  correctionSendBy?: string;
  pauseDeadline?: string;
  extensionDaysUsed?: number;
  daysLeft?: number | null;
}

export interface ReviewPanel {
  status: string | null;
  stepName: string | null;
  currentStep: number;
  steps: { name: string }[];
  history: { stepName: string; actorName: string; conclusion: string; opinion: string | null; actedAt: string }[];
  mayAct: boolean;
}

export interface CasePageProps {
  vc: ViewContext;
  c: CaseRow;
  applicant: ApplicantView;
  canReveal: boolean;
  events: EventRow[];
  documents: DocumentRow[];
  dueChanges: DueChangeRow[];
  ledger: LedgerView;
  today: string;
  due: DueState;
  can: { handle: boolean; assign: boolean; approve: boolean; register: boolean };
  handlers: { id: number; displayName: string }[];
  orgs: { id: number; name: string }[];
  review: ReviewPanel | null;
  draft: ReplyDraft | null;
  /** The case is closed: `draft` is the reply as issued. */
  signed?: boolean;
  replyChoices: { value: string; label: string }[];
  withheldGrounds: { value: string; label: string }[];
  form?: CaseForm;
  notice?: string;
}

const CONCLUSION_LABELS: Record<string, string> = { submit: '提交', pass: '通过', return: '退回修改', refuse: '退回修改', cancel: '撤回' };

function Section({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return <section aria-labelledby={`h-${id}`} class="case-section"><h2 id={`h-${id}`}>{title}</h2>{children}</section>;
}

export function CasePage(p: CasePageProps) {
  const c = p.c;
  const f = p.form;
  const val = (form: string, name: string, dflt = '') => (f && f.name === form ? f.values[name] ?? '' : dflt);
  const err = (form: string, name: string) => (f && f.name === form ? f.errors?.[name] : undefined);

  /**
   * One action form, folded (`<details>`, no JavaScript needed) so the page shows the case first:
   * open when it is the form that just failed. A heading, the error summary, the fields, one button.
   */
  const ActionForm = ({ name, title, button, children, multipart, hidden = {}, secondary, open }: {
    name: string; title: string; button: string; children?: ComponentChildren; multipart?: boolean; hidden?: Record<string, string>; secondary?: boolean;
    /** Open from the start: the one thing this user came to the page for (a reviewer's review). */
    open?: boolean;
  }) => (
    <details class="case-action" id={`act-${name}`} open={open || (!!f && f.name === name)}>
      <summary><h3>{title}</h3></summary>
      {f && f.name === name && (f.errors && Object.keys(f.errors).length ? <ErrorSummary errors={f.errors} message={f.message} /> : f.message ? <div class="error-summary" role="alert"><p>{f.message}</p></div> : null)}
      <form method="post" action={`/admin/requests/${c.id}/${name}`} enctype={multipart ? 'multipart/form-data' : undefined} novalidate>
        <CsrfField token={p.vc.csrfToken} />
        <input type="hidden" name="version" value={String(c.version)} />
        {Object.entries(hidden).map(([k, v]) => <input type="hidden" name={k} value={v} />)}
        {children}
        <div class="actions"><button type="submit" class={secondary ? 'secondary' : undefined}>{button}</button></div>
      </form>
    </details>
  );

  const events = p.events;
  const correctionSent = events.find((e) => e.type === 'correction_sent');
  const openPauses = eventsOf(events, 'pause_start').filter((e) => !e.data.to);
  const openFee = eventsOf(events, 'fee_notice').find((e) => !e.data.to);
  const pendingExt = eventsOf(events, 'extension_requested').find((e) => !e.data.decision);
  const received = c.status !== 'submitted' && !!c.receivedOn;
  const open = c.status !== 'closed';
  const handle = p.can.handle;
  const a = p.applicant;
  const dash = (v: string | null | undefined) => (v ? v : '—');

  const summary: [string, ComponentChildren][] = [
    ['受理编号', <code>{c.trackingNo}</code>],
    ['申请类型', CASE_KINDS[c.kind as keyof typeof CASE_KINDS] ?? c.kind],
    ['状态', <>{statusLabel(c.status)}{c.outcome ? `：${c.kind === 'correction' ? CORRECTION_OUTCOMES[c.outcome as keyof typeof CORRECTION_OUTCOMES] ?? c.outcome : outcomeLabel(c.outcome)}` : ''}</>],
    ['办理单位', c.orgName],
    ['承办人', c.handlerName ?? '尚未指定'],
    ['申请渠道', channelLabel(c.channel)],
    ['提交（登记）时间', formatInstant(c.submittedAt, 'minute')],
    ['收到申请之日', c.receivedOn ? <>{c.receivedOn}{c.receiptBasis ? `（${c.receiptBasis}）` : ''}</> : '尚未确认收到'],
    ['所需信息', c.infoDescription],
    ['文号', dash(c.infoDocNo)],
    ['其他特征', dash(c.infoFeatures)],
    ...(c.kind === 'correction' ? [['更正内容', dash(c.correctionDetail)] as [string, ComponentChildren]] : []),
    ['获取信息的方式', (c.forms ?? []).map((x) => FORMS[x as keyof typeof FORMS] ?? x).join('、') || '—'],
    ['获取信息的途径', DELIVERIES[c.delivery as keyof typeof DELIVERIES] ?? c.delivery],
    ['申请减免费用', dash(c.feeWaiverReason)],
    ['答复日期', dash(c.repliedOn)],
  ];
  const applicantRows: [string, string][] = [
    ['申请人类型', a.applicantTypeLabel],
    [a.isOrganisation ? '名称' : '姓名', a.name],
    ...(a.isOrganisation ? [['法定代表人或联系人', a.contactName || '—'] as [string, string]] : []),
    ['证件', `${a.idTypeLabel} ${a.idNumber}`],
    ['联系电话', a.phone || '—'],
    ['电子邮箱', a.email || '—'],
    ['通信地址', a.address || '—'],
    ['邮政编码', a.postcode || '—'],
  ];

  return (
    <AdminLayout ctx={p.vc} meta={{ title: `申请 ${c.trackingNo}` }} current={NAV}>
      <Breadcrumb items={[{ href: '/admin/requests', label: '依申请公开' }, { label: c.trackingNo }]} />
      <h1>政府信息公开申请 {c.trackingNo}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {f && f.message && f.name === 'page' && <div class="error-summary" role="alert"><p>{f.message}</p></div>}

      <Section id="summary" title="申请概况">
        <div class="table-wrap"><table class="meta-table"><caption>申请信息</caption>
          <tbody>{summary.map(([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody></table></div>
        <div class="table-wrap"><table class="meta-table"><caption>申请人{a.full ? '（完整信息，本次查看已记录）' : '（已脱敏）'}</caption>
          <tbody>{applicantRows.map(([k, v]) => <tr><th scope="row">{k}</th><td>{v}</td></tr>)}</tbody></table></div>
        {!a.full && p.canReveal && (
          <form method="post" action={`/admin/requests/${c.id}/reveal`}>
            <CsrfField token={p.vc.csrfToken} />
            <button type="submit" class="secondary">查看完整信息</button>
            <p class="hint">查看申请人完整个人信息将记入审计日志。</p>
          </form>
        )}
      </Section>

      <Section id="clock" title="办理期限">
        {!received ? <p>尚未确认收到申请，答复期限自确认收到之日起计算。</p> : (
          <>
            <div class="table-wrap"><table class="meta-table"><caption>期限</caption><tbody>
              <tr><th scope="row">法定答复期限</th><td><DueText due={c.statutoryDueOn} provisional={c.dueProvisional} stopped={c.clockStopped} state={p.due} /></td></tr>
              <tr><th scope="row">内部办理期限</th><td>{dash(c.internalDueOn)}</td></tr>
              {c.dueProvisional && <tr><th scope="row">说明</th><td>期限所在年度的节假日安排尚未公布，本期限为暂定，公布后将重新计算。</td></tr>}
              {c.clockStopped && <tr><th scope="row">计时暂停</th><td>{p.ledger.stoppedReason ?? '是'}</td></tr>}
              {p.ledger.correctionDeadline && <tr><th scope="row">补正期限</th><td>{p.ledger.correctionDeadline}</td></tr>}
              {p.ledger.correctionSendBy && open && <tr><th scope="row">补正告知最迟发出日</th><td>{p.ledger.correctionSendBy}</td></tr>}
              {p.ledger.pauseDeadline && <tr><th scope="row">征求意见（缴费）期限</th><td>{p.ledger.pauseDeadline}</td></tr>}
              {p.ledger.extensionDaysUsed ? <tr><th scope="row">已延长</th><td>{p.ledger.extensionDaysUsed} 个工作日</td></tr> : null}
            </tbody></table></div>
            <DataTable caption="期限台账（每一事项的法律依据和计算结果）" empty="暂无台账。"
              head={['日期', '事项', '依据', '对期限的影响', '法定答复期限']}
              rows={p.ledger.entries.map((e) => [e.on, e.event, e.basis, e.effect, e.due ?? '计时暂停'])} />
            <p>计算中跳过的法定节假日：{p.ledger.holidays.length ? p.ledger.holidays.map((h) => `${h.date}（${h.name}）`).join('、') : '无'}。</p>
            <p>计算中计入的调休上班日：{p.ledger.makeupDays.length ? p.ledger.makeupDays.map((h) => `${h.date}（${h.name}）`).join('、') : '无'}。</p>
            {p.dueChanges.length > 0 && (
              <DataTable caption="期限变更记录" head={['时间', '原期限', '新期限', '原因']}
                rows={p.dueChanges.map((d) => [formatInstant(d.createdAt, 'minute'), dash(d.fromDue), dash(d.toDue), d.reason])} />
            )}
          </>
        )}
      </Section>

      {open && (
        <Section id="actions" title="办理">
          {!received && p.can.register && (
            <div class="case-action" id="act-confirm-receipt">
              <h3>确认收到申请</h3>
              <p>网上申请以工作人员确认收到之日为收到申请之日（第三十一条），答复期限自该日起计算。</p>
              <form method="post" action={`/admin/requests/${c.id}/confirm-receipt`}>
                <CsrfField token={p.vc.csrfToken} />
                <input type="hidden" name="version" value={String(c.version)} />
                <TextField name="receivedOn" label="收到申请之日" hint="格式为 2026-10-08，默认今天" value={val('confirm-receipt', 'receivedOn', p.today)} maxLength={10} />
                <div class="actions"><button type="submit">确认收到</button></div>
              </form>
            </div>
          )}
          {p.can.assign && (
            <ActionForm name="assign" title="指定承办人" button="指定">
              <SelectField name="assign_handler" label="承办人" required value={val('assign', 'assign_handler', c.handlerId ? String(c.handlerId) : '')} error={err('assign', 'assign_handler')}
                placeholder="请选择" options={p.handlers.map((h) => ({ value: String(h.id), label: h.displayName }))} />
            </ActionForm>
          )}
          {p.can.assign && c.status !== 'reply_review' && (
            <ActionForm name="transfer" title="转办到其他单位" button="转办" secondary>
              <SelectField name="transfer_org" label="转办到" required value={val('transfer', 'transfer_org')} error={err('transfer', 'transfer_org')}
                placeholder="请选择单位" options={p.orgs.filter((o) => o.id !== c.orgId).map((o) => ({ value: String(o.id), label: o.name }))} />
              <TextArea name="transfer_reason" label="转办理由" required rows={2} value={val('transfer', 'transfer_reason')} error={err('transfer', 'transfer_reason')} maxLength={1000} />
            </ActionForm>
          )}
          {handle && received && c.status === 'handling' && !correctionSent && (
            <ActionForm name="correction" title="补正告知（只能发出一次）" button="发出补正告知">
              <p class="hint">依据第三十条，申请内容不明确的，应自收到申请之日起 7 个工作日内一次性告知申请人补正。{p.ledger.correctionSendBy ? `最迟发出日：${p.ledger.correctionSendBy}。` : ''}</p>
              <TextArea name="corr_content" label="需要补正的事项" required rows={3} value={val('correction', 'corr_content')} error={err('correction', 'corr_content')} maxLength={4000} />
              <TextField name="corr_deadline" label="补正期限" hint="不填则为今天起 15 个工作日；格式为 2026-10-08" value={val('correction', 'corr_deadline')} error={err('correction', 'corr_deadline')} maxLength={10} />
              <CheckboxField name="corr_confirm" label="我已核对补正事项：补正告知只能发出一次，发出后不能修改或撤回" checked={val('correction', 'corr_confirm') === '1'} error={err('correction', 'corr_confirm')} />
            </ActionForm>
          )}
          {handle && c.status === 'awaiting_supplement' && (
            <>
              <ActionForm name="supplement" title="登记收到的补正材料" button="登记补正" multipart>
                <TextArea name="sup_text" label="补正内容" rows={3} value={val('supplement', 'sup_text')} error={err('supplement', 'sup_text')} maxLength={4000} />
                <div class={err('supplement', 'sup_file') ? 'field field-error' : 'field'}>
                  <label for="f-sup_file">补正材料（可选）</label>
                  {err('supplement', 'sup_file') && <p class="error-message" id="f-sup_file-error">{err('supplement', 'sup_file')}</p>}
                  <input type="file" id="f-sup_file" name="sup_file" aria-describedby={err('supplement', 'sup_file') ? 'f-sup_file-error' : undefined} />
                </div>
              </ActionForm>
              {correctionSent && String(correctionSent.data.deadline ?? '') < p.today && (
                <ActionForm name="expire-correction" title="逾期未补正" button="按逾期未补正办结" secondary>
                  <p>补正期限 {String(correctionSent.data.deadline)} 已届满。办结后答复结果为“{outcomeLabel('6.1')}”，并生成答复告知书。</p>
                </ActionForm>
              )}
            </>
          )}
          {handle && received && (c.status === 'handling' || c.status === 'consulting') && (
            <ActionForm name="consult" title="征求意见（计时暂停）" button="发出征求意见">
              <SelectField name="cons_reason" label="征求意见对象" required value={val('consult', 'cons_reason')} error={err('consult', 'cons_reason')} placeholder="请选择"
                options={[{ value: 'third_party', label: `${PAUSE_REASONS.third_party.label}（第三十二条，15 个工作日）` }, { value: 'inter_agency', label: `${PAUSE_REASONS.inter_agency.label}（第三十四条，15 个工作日）` }]} />
              <TextField name="cons_party" label="第三方或行政机关名称" required value={val('consult', 'cons_party')} error={err('consult', 'cons_party')} maxLength={200} />
              <TextArea name="cons_content" label="征求意见的事项" rows={2} value={val('consult', 'cons_content')} maxLength={4000} />
            </ActionForm>
          )}
          {handle && openPauses.map((e) => (
            <ActionForm name="consult-end" title={`结束征求意见：${e.data.party}`} button="结束征求意见" hidden={{ eventId: String(e.id) }}>
              <p>发出日期 {e.occurredOn}，答复期限 {e.data.deadline || '—'}。</p>
              <SelectField name={`end_result_${e.id}`} label="结果" required value={val('consult-end', `end_result_${e.id}`)} error={err('consult-end', `end_result_${e.id}`)} placeholder="请选择"
                options={[{ value: 'opinion', label: '已收到意见' }, { value: 'no_reply', label: e.data.reason === 'inter_agency' ? '逾期未答复（视为同意）' : '逾期未答复' }]} />
              <TextArea name={`end_opinion_${e.id}`} label="意见摘要" rows={2} value={val('consult-end', `end_opinion_${e.id}`)} error={err('consult-end', `end_opinion_${e.id}`)} maxLength={4000} />
            </ActionForm>
          ))}
          {handle && received && c.status === 'handling' && !events.some((e) => e.type === 'fee_notice') && (
            <ActionForm name="fee" title="收费通知（计时暂停）" button="发出收费通知" secondary>
              <p class="hint">按件：同一申请人一个自然月内 10 件以下免费；按量：30 页以下免费（国办函〔2020〕109号）。申请人自收到通知起 20 个工作日内缴费。</p>
              <SelectField name="fee_method" label="计费方式" required value={val('fee', 'fee_method')} error={err('fee', 'fee_method')} placeholder="请选择"
                options={[{ value: 'item', label: '按件计收' }, { value: 'page', label: '按量计收（页数）' }]} />
              <TextField name="fee_count" label="件数或页数" required value={val('fee', 'fee_count')} error={err('fee', 'fee_count')} maxLength={7} inputMode="numeric" />
              <TextField name="fee_prior" label="本月此前已申请件数（按件计收时填写）" value={val('fee', 'fee_prior')} error={err('fee', 'fee_prior')} maxLength={5} inputMode="numeric" />
            </ActionForm>
          )}
          {handle && openFee && (
            <>
              <ActionForm name="fee-paid" title={`登记缴费（应缴 ${openFee.data.yuan} 元，期限 ${openFee.data.deadline}）`} button="申请人已缴费" />
              {openFee.data.deadline < p.today && (
                <ActionForm name="expire-fee" title="逾期未缴费" button="按逾期未缴费办结" secondary>
                  <p>缴费期限已届满。办结后答复结果为“{outcomeLabel('6.2')}”。</p>
                </ActionForm>
              )}
            </>
          )}
          {handle && received && c.status !== 'reply_review' && !pendingExt && (
            <ActionForm name="extension" title="申请延期答复" button="提交延期申请" secondary>
              <p class="hint">需经政府信息公开工作机构负责人同意，延长期限最长不超过 20 个工作日（第三十三条第二款）。</p>
              <TextField name="ext_days" label="延长的工作日数" required value={val('extension', 'ext_days')} error={err('extension', 'ext_days')} maxLength={2} inputMode="numeric" />
              <TextArea name="ext_reason" label="延期理由" required rows={2} value={val('extension', 'ext_reason')} error={err('extension', 'ext_reason')} maxLength={1000} />
            </ActionForm>
          )}
          {pendingExt && (p.can.approve ? (
            <ActionForm name="extension-decide" title={`审批延期申请：延长 ${pendingExt.data.days} 个工作日`} button="提交审批意见" hidden={{ eventId: String(pendingExt.id) }}>
              <p>申请人：{pendingExt.actorName}；理由：{pendingExt.data.reason}</p>
              <SelectField name="dec_decision" label="审批结论" required value={val('extension-decide', 'dec_decision')} error={err('extension-decide', 'dec_decision')} placeholder="请选择"
                options={[{ value: 'approve', label: '同意延期' }, { value: 'reject', label: '不同意' }]} />
              <TextArea name="dec_opinion" label="审批意见" rows={2} value={val('extension-decide', 'dec_opinion')} error={err('extension-decide', 'dec_opinion')} maxLength={1000} />
            </ActionForm>
          ) : <Notice kind="info">已申请延长 {pendingExt.data.days} 个工作日，等待政务公开办负责人审批。</Notice>)}
          {handle && (
            <ActionForm name="upload" title="上传办理材料（拟提供的信息等）" button="上传" multipart secondary>
              <div class={err('upload', 'up_file') ? 'field field-error' : 'field'}>
                <label for="f-up_file">文件</label>
                <p class="hint" id="f-up_file-hint">可在拟写答复时选择随答复提供给申请人。</p>
                {err('upload', 'up_file') && <p class="error-message" id="f-up_file-error">{err('upload', 'up_file')}</p>}
                <input type="file" id="f-up_file" name="up_file" aria-describedby={err('upload', 'up_file') ? 'f-up_file-hint f-up_file-error' : 'f-up_file-hint'} />
              </div>
            </ActionForm>
          )}
        </Section>
      )}

      <Section id="reply" title="答复">
        {p.draft ? <ReplyDraftView draft={p.draft} kind={c.kind} documents={p.documents} caption={p.signed ? `已作出的答复（${c.repliedOn ?? ''}）` : '答复稿'} /> : <p>尚未拟写答复。</p>}
        {handle && received && c.status === 'handling' && (
          <ActionForm name="reply" title={p.draft ? '修改答复稿' : '拟写答复'} button="保存答复稿">
            <SelectField name="reply_choice" label="答复类型（处理结果）" required placeholder="请选择" options={p.replyChoices}
              value={val('reply', 'reply_choice', p.draft ? choiceOf(p.draft, c.kind) : '')} error={err('reply', 'reply_choice')} />
            <TextArea name="reply_text" label="答复正文" required rows={6} hint="告知申请人的内容：公开的信息、获取方式，或不予公开、无法提供、不予处理的理由。"
              value={val('reply', 'reply_text', p.draft?.text ?? '')} error={err('reply', 'reply_text')} maxLength={4000} />
            {c.kind !== 'correction' && (
              <fieldset>
                <legend>部分公开：不予公开的部分（第三十七条，选择“部分公开”时必填）</legend>
                {err('reply', 'reply_withheld') && <p class="error-message" id="f-reply_withheld">{err('reply', 'reply_withheld')}</p>}
                {[1, 2, 3].map((i) => (
                  <div class="withheld-row">
                    <TextField name={`wh_part${i}`} label={`第 ${i} 项：不予公开的部分`} value={val('reply', `wh_part${i}`, p.draft?.withheld[i - 1]?.part ?? '')} error={err('reply', `wh_part${i}`)} maxLength={500} />
                    <SelectField name={`wh_ground${i}`} label={`第 ${i} 项：依据`} placeholder="请选择" options={p.withheldGrounds}
                      value={val('reply', `wh_ground${i}`, p.draft?.withheld[i - 1]?.ground ?? '')} error={err('reply', `wh_ground${i}`)} />
                    <TextField name={`wh_reason${i}`} label={`第 ${i} 项：理由`} value={val('reply', `wh_reason${i}`, p.draft?.withheld[i - 1]?.reason ?? '')} error={err('reply', `wh_reason${i}`)} maxLength={1000} />
                  </div>
                ))}
              </fieldset>
            )}
            <TextField name="reply_agency" label="负责公开（或有权更正）的机关" hint="答复“不属于本机关负责公开”时必填" value={val('reply', 'reply_agency', p.draft?.agency ?? '')} error={err('reply', 'reply_agency')} maxLength={200} />
            <TextField name="reply_contact" label="该机关的联系方式" value={val('reply', 'reply_contact', p.draft?.agencyContact ?? '')} error={err('reply', 'reply_contact')} maxLength={200} />
            {c.kind !== 'correction' && (
              <TextField name="reply_published" label="已主动公开信息的索引号" hint="答复“已主动公开”时必填，多个用空格分隔" value={val('reply', 'reply_published', p.draft?.published.map((x) => x.indexNo).join(' ') ?? '')} error={err('reply', 'reply_published')} maxLength={800} />
            )}
            {p.documents.filter((d) => d.kind === 'staff_upload').map((d) => (
              <CheckboxField name={`provide_${d.id}`} label={`随答复提供：${d.name}`} checked={f && f.name === 'reply' ? f.values[`provide_${d.id}`] === '1' : p.draft?.provideDocIds.includes(d.id)} />
            ))}
          </ActionForm>
        )}
        {handle && received && c.status === 'handling' && p.draft && (
          <ActionForm name="submit-reply" title="提交审核（承办 → 审核 → 签发）" button="提交审核">
            <TextArea name="submit_opinion" label="拟办意见" rows={2} value={val('submit-reply', 'submit_opinion')} error={err('submit-reply', 'submit_opinion')} maxLength={2000} />
          </ActionForm>
        )}
        {p.review && (
          <>
            <p>审核状态：{p.review.status === 'in_progress' ? `审核中，当前步骤：${p.review.stepName ?? ''}` : p.review.status === 'approved' ? '已签发' : p.review.status === 'returned' ? '已退回修改' : p.review.status ?? '—'}（流程：{p.review.steps.map((s) => s.name).join(' → ')}）</p>
            <DataTable caption="答复审核记录" empty="暂无审核记录。" head={['步骤', '审核人', '结论', '意见', '时间']}
              rows={p.review.history.map((h) => [h.stepName, h.actorName, CONCLUSION_LABELS[h.conclusion] ?? h.conclusion, h.opinion ?? '—', h.actedAt])} />
            {p.review.mayAct && c.status === 'reply_review' && (
              <ActionForm name="review" title={`审核答复：${p.review.stepName ?? ''}`} button="提交审核意见" hidden={{ expectedStep: String(p.review.currentStep) }} open>
                <SelectField name="rv_conclusion" label="审核结论" required placeholder="请选择" value={val('review', 'rv_conclusion')} error={err('review', 'rv_conclusion')}
                  options={[{ value: 'pass', label: p.review.currentStep === p.review.steps.length - 1 ? '同意签发' : '通过' }, { value: 'return', label: '退回修改' }]} />
                <TextArea name="rv_opinion" label="审核意见" hint="退回修改时必填" rows={2} value={val('review', 'rv_opinion')} error={err('review', 'rv_opinion')} maxLength={2000} />
              </ActionForm>
            )}
          </>
        )}
      </Section>

      <Section id="documents" title="文书和材料">
        <DataTable caption="文书和材料" empty="暂无文书。" head={['名称', '类型', '申请人可下载', '送达', '下载']}
          rows={p.documents.map((d) => [
            d.name, documentKindLabel(d.kind), d.visibleToApplicant ? '是' : '否',
            d.deliveredVia ? `${DELIVERY_METHODS[d.deliveredVia as keyof typeof DELIVERY_METHODS] ?? d.deliveredVia} ${d.deliveredOn ?? ''}${d.deliveryNote ? `（${d.deliveryNote}）` : ''}` : '未送达',
            // A download is a full view of the applicant's data (allowed and audited like 查看完整信息).
            p.canReveal ? <a href={`/admin/requests/${c.id}/documents/${d.id}`}>下载<span class="visually-hidden">{d.name}</span></a> : '仅承办人或政务公开办可下载',
          ])} />
        {p.canReveal && p.documents.length > 0 && <p class="hint">文书和材料含有申请人的完整个人信息，每次下载都记入审计日志。</p>}
        {handle && p.documents.length > 0 && (
          <ActionForm name="deliver" title="送达文书" button="送达" secondary>
            <SelectField name="dl_doc" label="文书" required placeholder="请选择" value={val('deliver', 'dl_doc')} error={err('deliver', 'dl_doc')}
              options={p.documents.filter((d) => d.kind !== 'supplement' && d.kind !== 'applicant_attachment').map((d) => ({ value: String(d.id), label: d.name }))} />
            <SelectField name="dl_method" label="送达方式" required placeholder="请选择" value={val('deliver', 'dl_method')} error={err('deliver', 'dl_method')}
              options={Object.entries(DELIVERY_METHODS).map(([k, v]) => ({ value: k, label: v }))} />
            <TextField name="dl_on" label="送达日期" hint="电子邮件送达以发送当日为准；其他方式格式为 2026-10-08，默认今天" value={val('deliver', 'dl_on')} error={err('deliver', 'dl_on')} maxLength={10} />
            <TextField name="dl_note" label="备注" hint="例如挂号信单号、领取人" value={val('deliver', 'dl_note')} error={err('deliver', 'dl_note')} maxLength={500} />
          </ActionForm>
        )}
      </Section>

      <Section id="timeline" title="办理记录">
        <DataTable caption="办理记录" empty="暂无记录。" head={['日期', '事项', '办理人', '说明']}
          rows={events.map((e) => [e.occurredOn, eventLabel(e.type), e.actorName, eventText(e)])} />
      </Section>
    </AdminLayout>
  );
}

function choiceOf(d: ReplyDraft, kind: string): string {
  if (kind === 'correction') return `correction:${d.outcome}`;
  return d.answerKind ? `answer:${d.answerKind}` : `outcome:${d.outcome}`;
}

function ReplyDraftView({ draft, kind, documents, caption }: { draft: ReplyDraft; kind: string; documents: DocumentRow[]; caption: string }) {
  const label = kind === 'correction' ? CORRECTION_OUTCOMES[draft.outcome as keyof typeof CORRECTION_OUTCOMES] ?? draft.outcome
    : draft.answerKind && isAnswerKind(draft.answerKind) ? `${ANSWER_KINDS[draft.answerKind].label}（${outcomeLabel(draft.outcome)}）` : outcomeLabel(draft.outcome);
  return (
    <div class="table-wrap"><table class="meta-table"><caption>{caption}</caption><tbody>
      <tr><th scope="row">答复类型</th><td>{label}</td></tr>
      {draft.text && <tr><th scope="row">答复正文</th><td>{draft.text.split('\n').map((x) => <p>{x}</p>)}</td></tr>}
      {draft.withheld.length > 0 && <tr><th scope="row">不予公开的部分</th><td><ol>{draft.withheld.map((w) => <li>{w.part}：{w.reason}（{OUTCOMES[w.ground as keyof typeof OUTCOMES]?.label ?? w.ground}）</li>)}</ol></td></tr>}
      {draft.agency && <tr><th scope="row">负责机关</th><td>{draft.agency} {draft.agencyContact}</td></tr>}
      {draft.published.length > 0 && <tr><th scope="row">已公开信息</th><td><ul>{draft.published.map((x) => <li><a href={`/xxgk/${x.id}`}>{x.title}</a>（{x.indexNo}）</li>)}</ul></td></tr>}
      {draft.provideDocIds.length > 0 && <tr><th scope="row">随答复提供</th><td>{draft.provideDocIds.map((id) => documents.find((d) => d.id === id)?.name ?? `#${id}`).join('、')}</td></tr>}
    </tbody></table></div>
  );
}

function eventText(e: EventRow): string {
  // Display reads every shape the same way: a missing key shows as empty.
  const d = e.data as Record<string, unknown>;
  const s = (k: string) => (d[k] == null ? '' : String(d[k]));
  switch (e.type) {
    case 'assigned': return `承办人：${s('handlerName')}`;
    case 'transferred': return `由${s('fromOrgName')}转至${s('toOrgName')}。理由：${s('reason')}`;
    case 'correction_sent': return `补正事项：${s('content')}；补正期限：${s('deadline')}`;
    case 'correction_received': return s('text') ? `补正内容：${s('text')}` : '收到补正材料';
    case 'pause_start': return `${PAUSE_REASONS[s('reason') as keyof typeof PAUSE_REASONS]?.label ?? ''}：${s('party')}${d.to ? `（${s('to')} 结束）` : '（进行中）'}`;
    case 'pause_end': return e.note ?? '';
    case 'fee_notice': return `应缴 ${s('yuan')} 元，缴费期限 ${s('deadline')}${d.to ? `（${d.paid ? '已缴费' : '已逾期'}）` : ''}`;
    case 'extension_requested': return `申请延长 ${s('days')} 个工作日，理由：${s('reason')}${d.decision ? `（${d.decision === 'approved' ? '已同意' : '未同意'}）` : '（待审批）'}`;
    case 'extension_approved': return `延长 ${s('days')} 个工作日${s('opinion') ? `，意见：${s('opinion')}` : ''}`;
    case 'extension_rejected': return `不同意延期：${s('opinion')}`;
    case 'reply_returned': return `${s('step')}退回：${s('opinion')}`;
    case 'replied': return e.publicNote ?? '';
    case 'delivered': return e.publicNote ?? '';
    case 'document': return s('name');
    default: return e.publicNote ?? e.note ?? '';
  }
}
