// The staff list of a subject's public submissions (one piece for comments and questions): each with
// its masked name and contact, status, the 通过 / 不予展示 form (with a reason) and, for approved
// interview questions, the answer form.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField } from '../../../platform/views/form.tsx';
import { beijingIso, formatInstant } from '../../../platform/time/index.ts';
import { paragraphs } from '../../portal/domain.ts';
import { NOUNS, SUBMISSION_STATUSES, type SubjectKind, type SubmissionStatus } from '../submissions.ts';

export interface StaffSubmission {
  id: number; status: string; text: string; nameMasked: string; contactMasked: string; at: Date;
  rejectReason: string | null; answer: string | null;
}

export const SUBMISSIONS_HREF = '/admin/hdjl/submissions';

export function ModerationSection(p: { vc: ViewContext; kind: SubjectKind; items: StaffSubmission[]; back: string; canModerate: boolean; canAnswer: boolean; errors?: Record<number, string> }) {
  const noun = NOUNS[p.kind].what;
  const pending = p.items.filter((s) => s.status === 'pending').length;
  return (
    <section aria-labelledby="moderation-title">
      <h2 id="moderation-title">公众{noun}（共 {p.items.length} 条，待审核 {pending} 条）</h2>
      <p class="hint">公众提交的{noun}审核通过后才在网站上显示。姓名、联系方式已加密保存，此处只显示部分内容。</p>
      {p.items.length === 0 ? <p class="empty">暂无公众{noun}。</p> : (
        <ol class="submission-list">
          {p.items.map((s) => (
            <li id={`s-${s.id}`}>
              <p class="muted">
                <span class={s.status === 'pending' ? 'badge badge-warn' : s.status === 'approved' ? 'badge badge-ok' : 'badge'}>{SUBMISSION_STATUSES[s.status as SubmissionStatus] ?? s.status}</span>{' '}
                {s.nameMasked || '未留姓名'} · {s.contactMasked || '未留联系方式'} · <time datetime={beijingIso(s.at)}>{formatInstant(s.at, 'minute')}</time>
              </p>
              {paragraphs(s.text).map((x) => <p>{x}</p>)}
              {s.rejectReason && <p class="muted">不予展示理由：{s.rejectReason}</p>}
              {s.answer && <div class="answer"><p><strong>答复：</strong></p>{paragraphs(s.answer).map((x) => <p>{x}</p>)}</div>}
              {p.errors?.[s.id] && <p class="error-message" role="alert">{p.errors[s.id]}</p>}
              {p.canModerate && (
                <form method="post" action={`${SUBMISSIONS_HREF}/${s.id}/moderate`} class="inline-form">
                  <CsrfField token={p.vc.csrfToken} />
                  <input type="hidden" name="back" value={p.back} />
                  {s.status !== 'approved' && <button type="submit" name="decision" value="approve">通过</button>}
                  {s.status !== 'rejected' && !s.answer && (
                    <>
                      <label for={`reason-${s.id}`}>不予展示理由</label>
                      <input id={`reason-${s.id}`} name="reason" type="text" maxLength={500} />
                      <button type="submit" name="decision" value="reject" class="secondary">不予展示</button>
                    </>
                  )}
                </form>
              )}
              {p.canAnswer && p.kind === 'interview' && s.status === 'approved' && (
                <form method="post" action={`${SUBMISSIONS_HREF}/${s.id}/answer`} class="stack">
                  <CsrfField token={p.vc.csrfToken} />
                  <label for={`answer-${s.id}`}>{s.answer ? '修改答复' : '答复'}</label>
                  <textarea id={`answer-${s.id}`} name="answer" rows={3}>{s.answer ?? ''}</textarea>
                  <div class="actions"><button type="submit">保存答复</button></div>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
