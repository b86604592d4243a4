// One press event in the back office: the application, its approval (steps, history, the review form
// for whoever may act now), 答问口径 (staff only), 已举行 with the actual time, and the release and
// transcript with their catalogue records (published together, withdrawn together), 取消 before the
// event. Each action is a plain form post.
import type { ViewContext } from '../../../platform/views/context.ts';
import { AdminLayout, Breadcrumb } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Notice, SelectField, TextArea, TextField } from '../../../platform/views/form.tsx';
import type { FormStrings } from '../../../platform/forms/index.ts';
import { beijingIso, formatInstant } from '../../../platform/time/index.ts';
import type { HistoryEntry, ReviewInstance } from '../../review/use-cases.ts';
import { ReviewHistory, ReviewProgress } from '../../review/views.tsx';
import { statusLabel as catalogStatusLabel } from '../../catalog/domain.ts';
import { CANCELLABLE, CATEGORIES, DOC_KINDS, EDITABLE, EVENT_TYPES, LIMITS, SPEAKER_KINDS, labelOf, type DocKind, type Status } from '../model.ts';
import { approvalOverdue } from '../domain.ts';
import type { AnswerRow, EventView } from '../repo.ts';
import { PRESS_HREF, StatusText } from './admin-list.tsx';
import { ExpertNames, ExpertPicker, type ExpertRef } from '../../spokesperson/experts.ts';
import { INTERVIEW_STATUSES, type InterviewStatus } from '../../interaction/domain.ts';
import type { InterviewRow } from '../../interaction/interviews.repo.ts';

export interface EventPageProps {
  vc: ViewContext;
  ev: EventView;
  instance: ReviewInstance | null;
  history: HistoryEntry[];
  answers: AnswerRow[];
  records: { id: number; indexNo: string; status: string }[];
  now: Date;
  /** 解读专家 attached; the choices when the user may change them now (else null). */
  experts: ExpertRef[];
  expertOptions: ExpertRef[] | null;
  /** 在线访谈: the interaction module's interview page made from this event. */
  interview: InterviewRow | null;
  may: { apply: boolean; act: boolean; catalog: boolean; withdraw: boolean; interview: boolean };
  /** Which form the values and errors belong to. */
  form?: string;
  values?: FormStrings;
  errors?: Record<string, string>;
  problem?: string;
  notice?: string;
  heldAtDefault: string;
}

const when = (d: Date | null) => (d ? <time datetime={beijingIso(d)}>{formatInstant(d, 'minute')}</time> : '—');
const lines = (s: string) => s.split('\n').map((l) => <p>{l}</p>);

export function EventPage(p: EventPageProps) {
  const { ev, vc } = p;
  const str = (k: string, form: string) => (p.form === form && typeof p.values?.[k] === 'string' ? (p.values[k] as string) : '');
  const err = (form: string) => (p.form === form ? p.errors : undefined);
  const editable = EDITABLE.includes(ev.status as Status);
  const resubmit = ev.status === 'held' && !ev.approvedAt && p.instance?.status !== 'in_progress';
  const step = p.instance && p.instance.status === 'in_progress' ? p.instance.steps[p.instance.currentStep] : undefined;
  const canHold = p.may.apply && (ev.status === 'approved' || (ev.emergency && ev.status === 'in_review'));
  return (
    <AdminLayout ctx={vc} meta={{ title: ev.title }} current={PRESS_HREF}>
      <Breadcrumb items={[{ href: PRESS_HREF, label: '新闻发布活动' }, { label: '活动详情' }]} />
      <h1>{ev.title}</h1>
      {p.notice && <Notice>{p.notice}</Notice>}
      {p.problem && <ErrorSummary message={p.problem} />}
      {ev.status === 'cancelled' && <Notice kind="warning">该活动已于 {when(ev.cancelledAt)} 取消。取消理由：{ev.cancelReason}</Notice>}
      {ev.status === 'held' && !ev.approvedAt && (
        <Notice kind="warning">该突发事件发布已先行举行（先发布后补批），须在 {when(ev.approvalDueAt)} 前完成补批{approvalOverdue(ev, p.now) ? '，现已超时，请尽快办理' : ''}。</Notice>
      )}
      <dl class="facts">
        <dt>状态</dt><dd><StatusText ev={ev} /></dd>
        <dt>主办单位</dt><dd>{ev.orgName}</dd>
        <dt>发布形式</dt><dd>{labelOf(EVENT_TYPES, ev.type)}{ev.govName ? '（以县政府名义）' : ''}</dd>
        <dt>内容类别</dt><dd>{labelOf(CATEGORIES, ev.category)}{ev.emergency ? '（突发事件）' : ''}{ev.wideScope ? '；经济社会发展全局性发布' : ''}</dd>
        <dt>拟举行时间</dt><dd>{when(ev.plannedAt)}</dd>
        <dt>地点</dt><dd>{ev.place || '—'}</dd>
        <dt>发布人</dt><dd>{ev.speaker}（{labelOf(SPEAKER_KINDS, ev.speakerKind)}）</dd>
        <dt>出席嘉宾</dt><dd>{ev.guests || '—'}</dd>
        <dt>解读专家</dt><dd><ExpertNames experts={p.experts} /></dd>
        <dt>关联舆情</dt><dd>{ev.incidentId ? <a href={`/admin/opinion/${ev.incidentId}`}>{ev.incidentNo} {ev.incidentTitle}</a> : '—'}</dd>
        <dt>实际举行时间</dt><dd>{when(ev.heldAt)}</dd>
        <dt>批准时间</dt><dd>{when(ev.approvedAt)}</dd>
      </dl>
      <h2>书面申请</h2>
      <h3>发布目的</h3><div class="pre-wrap">{lines(ev.purpose)}</div>
      <h3>发布内容提纲</h3><div class="pre-wrap">{lines(ev.outline)}</div>
      <h3>参加人员</h3><p>{ev.participants || '—'}</p>
      {p.may.apply && editable && <p><a class="button" href={`${PRESS_HREF}/${ev.id}/edit`}>修改申请</a></p>}
      {p.expertOptions && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/experts`} class="stack" novalidate aria-labelledby="experts-title">
          <h3 id="experts-title">解读专家</h3>
          <ErrorSummary errors={err('experts')} />
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="version" value={String(ev.version)} />
          <ExpertPicker legend="出席的解读专家" options={p.expertOptions} error={err('experts')?.experts}
            checked={p.form === 'experts' && Array.isArray(p.values?.experts) ? p.values.experts : p.experts.map((e) => String(e.id))} />
          {p.expertOptions.length > 0 && <div class="actions"><button type="submit">保存解读专家</button></div>}
        </form>
      )}
      {ev.type === 'interview' && <InterviewSection {...p} />}

      <h2>审批</h2>
      {p.instance ? <ReviewProgress instance={p.instance} /> : <p>尚未提交审批。</p>}
      {p.history.length > 0 && <ReviewHistory history={p.history} caption="审批记录（北京时间）" />}
      {p.may.apply && (editable || resubmit) && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/submit`} class="stack" novalidate aria-labelledby="submit-title">
          <h3 id="submit-title">{resubmit ? '重新报送补批' : '提交审批'}</h3>
          <ErrorSummary errors={err('submit')} />
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="version" value={String(ev.version)} />
          <TextArea name="note" label="提交说明" rows={2} maxLength={LIMITS.note} value={str('note', 'submit')} error={err('submit')?.note} />
          <div class="actions"><button type="submit">提交审批</button></div>
        </form>
      )}
      {p.may.act && p.instance && step && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/review`} class="stack" novalidate aria-labelledby="review-title">
          <h3 id="review-title">审批：{step.name}</h3>
          <ErrorSummary errors={err('review')} />
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="step" value={String(p.instance.currentStep)} />
          <SelectField name="conclusion" label="审批结论" required placeholder="请选择" value={str('conclusion', 'review')} error={err('review')?.conclusion}
            options={[{ value: 'pass', label: '同意' }, { value: 'return', label: '退回修改' }, { value: 'refuse', label: '不予批准' }]} />
          <TextArea name="opinion" label="审批意见" rows={3} maxLength={2000} value={str('opinion', 'review')} error={err('review')?.opinion} hint="退回修改或不予批准时必须填写理由。" />
          <div class="actions"><button type="submit">提交审批意见</button></div>
        </form>
      )}

      <h2>答问口径</h2>
      <p class="hint">答问口径仅供内部使用，不对外公开。</p>
      {p.answers.length === 0 ? <p>暂无答问口径。</p> : (
        <ol class="answers">
          {p.answers.map((a, i) => (
            <li>
              <p><strong>问：</strong>{a.question}</p>
              <div class="pre-wrap"><strong>答：</strong>{lines(a.answer)}</div>
              {p.may.apply && (
                <form method="post" action={`${PRESS_HREF}/${ev.id}/answers/${a.id}/delete`}>
                  <CsrfField token={vc.csrfToken} />
                  <button type="submit" class="link" aria-label={`删除第 ${i + 1} 条答问口径`}>删除</button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
      {p.may.apply && ev.status !== 'refused' && ev.status !== 'cancelled' && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/answers`} class="stack" novalidate aria-labelledby="answer-title">
          <h3 id="answer-title">添加答问口径</h3>
          <ErrorSummary errors={err('answer')} />
          <CsrfField token={vc.csrfToken} />
          <TextField name="question" label="问题" required maxLength={LIMITS.question} value={str('question', 'answer')} error={err('answer')?.question} />
          <TextArea name="answer" label="答问口径" required rows={4} maxLength={LIMITS.answer} value={str('answer', 'answer')} error={err('answer')?.answer} />
          <div class="actions"><button type="submit">添加口径</button></div>
        </form>
      )}

      <h2>举行情况</h2>
      {ev.status === 'held' ? <p>已于 {when(ev.heldAt)} 举行。</p> : canHold ? (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/hold`} class="stack" novalidate aria-labelledby="hold-title">
          <h3 id="hold-title">标记为已举行</h3>
          <ErrorSummary errors={err('hold')} />
          <CsrfField token={vc.csrfToken} />
          <TextField name="heldAt" label="实际举行时间" required type="datetime-local" value={str('heldAt', 'hold') || p.heldAtDefault} error={err('hold')?.heldAt} hint="北京时间。" />
          <div class="actions"><button type="submit">标记为已举行</button></div>
        </form>
      ) : ev.status === 'cancelled' ? <p>活动已取消。</p> : <p>活动经批准后方可举行{ev.emergency ? '；突发事件报送申请并准备答问口径后可先行发布' : ''}。</p>}

      {p.may.apply && CANCELLABLE.includes(ev.status as Status) && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/cancel`} class="stack" novalidate aria-labelledby="cancel-title">
          <h2 id="cancel-title">取消活动</h2>
          <ErrorSummary errors={err('cancel')} />
          <CsrfField token={vc.csrfToken} />
          <input type="hidden" name="version" value={String(ev.version)} />
          <TextArea name="reason" label="取消理由" required rows={2} maxLength={LIMITS.reason} value={str('reason', 'cancel')} error={err('cancel')?.reason}
            hint={ev.status === 'in_review' ? '取消后审批流程一并撤回。' : ev.status === 'approved' ? '已发布预告的，新闻发布栏目将显示“已取消”。' : undefined} />
          <div class="actions"><button type="submit">取消活动</button></div>
        </form>
      )}

      {ev.status === 'held' && (['release', 'transcript'] as DocKind[]).map((kind) => (
        <TextSection {...p} kind={kind} value={str('text', kind)} errors={err(kind)} withdrawErrors={err(`${kind}-withdraw`)} />
      ))}
    </AdminLayout>
  );
}

function TextSection(p: EventPageProps & { kind: DocKind; value: string; withdrawErrors?: Record<string, string> }) {
  const { ev, kind, vc } = p;
  const label = DOC_KINDS[kind];
  const t = kind === 'release'
    ? { text: ev.releaseText, at: ev.releasePublishedAt, recordId: ev.releaseRecordId, withdrawnAt: ev.releaseWithdrawnAt, why: ev.releaseWithdrawReason }
    : { text: ev.transcriptText, at: ev.transcriptPublishedAt, recordId: ev.transcriptRecordId, withdrawnAt: ev.transcriptWithdrawnAt, why: ev.transcriptWithdrawReason };
  const rec = p.records.find((r) => r.id === t.recordId);
  const fromInterview = kind === 'transcript' && p.interview?.transcriptPublishedAt && p.interview.status === 'closed' ? p.interview.transcript : null;
  const wf = `${kind}-withdraw`;
  const wErr = p.withdrawErrors;
  return (
    <section aria-labelledby={`${kind}-title`}>
      <h2 id={`${kind}-title`}>{label}</h2>
      {t.at ? <p>已于 {when(t.at)} 在<a href={`/xwfb/${ev.id}`}>新闻发布栏目</a>公开。</p>
        : t.withdrawnAt ? <p>已于 {when(t.withdrawnAt)} 撤回。撤回理由：{t.why}</p> : <p>尚未公开。</p>}
      {rec && <p>主动公开目录：索引号 {rec.indexNo}（{catalogStatusLabel(rec.status)}），<a href={`/admin/catalog/${rec.id}`}>查看目录信息</a>。</p>}
      {t.at && <div class="pre-wrap">{lines(t.text ?? '')}</div>}
      {t.at && p.may.withdraw && (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/texts/${kind}/withdraw`} class="stack" novalidate aria-labelledby={`${wf}-title`}>
          <h3 id={`${wf}-title`}>撤回{label}</h3>
          <ErrorSummary errors={wErr} />
          <CsrfField token={vc.csrfToken} />
          <TextArea name="reason" label="撤回理由" required rows={2} maxLength={LIMITS.reason} value={p.form === wf && typeof p.values?.reason === 'string' ? p.values.reason : ''}
            error={wErr?.reason} hint="撤回后新闻发布栏目不再显示该文稿，对应的主动公开信息由政务公开办一并撤回。" />
          <div class="actions"><button type="submit">撤回{label}</button></div>
        </form>
      )}
      {!t.at && p.may.apply && (!ev.approvedAt ? <p>补批完成后方可在网站公开{label}。</p> : !p.may.catalog ? <p>公开的文稿须同时转入主动公开目录，请由本单位具有主动公开起草权限的承办人公开。</p> : (
        <form method="post" action={`${PRESS_HREF}/${ev.id}/texts/${kind}`} class="stack" novalidate aria-labelledby={`${kind}-form-title`}>
          <h3 id={`${kind}-form-title`}>{t.withdrawnAt ? `重新公开${label}` : `公开${label}`}</h3>
          <ErrorSummary errors={p.errors} />
          <CsrfField token={vc.csrfToken} />
          <TextArea name="text" label={label} required rows={10} maxLength={kind === 'release' ? LIMITS.release : LIMITS.transcript}
            value={p.value || t.text || fromInterview || ''} error={p.errors?.text}
            hint={`${fromInterview && !p.value && !t.text ? '已按在线访谈的文字实录预填，可修改。' : ''}公开后立即在新闻发布栏目显示，并同时转入主动公开目录提交审核（含隐私检查）；转入未成功的，不予公开。`} />
          <div class="actions"><button type="submit">{t.withdrawnAt ? `重新公开${label}` : `公开${label}`}</button></div>
        </form>
      ))}
    </section>
  );
}

/** 在线访谈: the interview page (预告, questions, 文字实录) made from the approved event in the 互动交流 column. */
function InterviewSection(p: EventPageProps) {
  const { ev, interview: i } = p;
  const approved = ev.approvedAt !== null && (ev.status === 'approved' || ev.status === 'held');
  return (
    <section aria-labelledby="interview-title">
      <h2 id="interview-title">在线访谈页面</h2>
      {i ? (
        <>
          <p>在线访谈页面：<a href={`/admin/hdjl/zxft/${i.id}`}>{i.title}</a>（{labelOf(INTERVIEW_STATUSES, i.status as InterviewStatus)}）
            {(i.status === 'announced' || i.status === 'closed') && <>，<a href={`/hdjl/zxft/${i.id}`}>在门户网站查看</a></>}。</p>
          {i.transcriptPublishedAt && i.status === 'closed' && (
            <p>访谈文字实录已于 {when(i.transcriptPublishedAt)} 发布{ev.transcriptPublishedAt ? '。' : ev.status === 'held' ? '，已预填在下方“公开发布实录”中，可作为本活动的发布实录公开。' : '，活动标记为已举行后可作为本活动的发布实录公开。'}</p>
          )}
        </>
      ) : !approved ? <p>活动经批准后，可在此创建在线访谈页面（访谈预告），在互动交流栏目接收网民提问。</p>
        : p.may.interview ? (
          <p><a class="button" href={`/admin/hdjl/zxft/new?press=${ev.id}`}>创建在线访谈页面</a> <span class="hint">按本活动的主题、时间、嘉宾和主办单位预填，保存后由本单位审核人员发布预告。</span></p>
        ) : <p>尚未创建在线访谈页面，请由本单位办理在线访谈的承办人创建。</p>}
    </section>
  );
}
