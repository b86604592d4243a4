// The moderated submission on a public page (one piece for a draft's comments and an interview's
// questions): the form — name and contact optional, the text bounded, a honeypot hidden from
// people — and the approved submissions with their answers. Nothing unapproved is passed here.
import type { ViewContext } from '../../../platform/views/context.ts';
import { CsrfField, ErrorSummary, Notice, TextArea, TextField } from '../../../platform/views/form.tsx';
import { inFormOrder, type FormStrings } from '../../../platform/forms/index.ts';
import { beijingIso, formatInstant } from '../../../platform/time/index.ts';
import { paragraphs } from '../../portal/domain.ts';
import { NOUNS, SUBMISSION_LIMITS, type SubjectKind } from '../submissions.ts';
import { SUBMISSION_FIELDS } from '../forms.ts';

export interface SubmitFormState { values: FormStrings; errors?: Record<string, string>; message?: string; sent?: boolean }

const str = (v: FormStrings[string] | undefined) => (typeof v === 'string' ? v : '');

/** A submission as the public sees it: the name masked (or 网友), the text, the answer. */
export interface PublicSubmission { id: number; who: string; at: Date; text: string; answer: string | null; answeredAt: Date | null }

export function SubmissionFormSection({ ctx, kind, action, state, refusal }: { ctx: ViewContext; kind: SubjectKind; action: string; state: SubmitFormState; refusal: string | null }) {
  const noun = NOUNS[kind];
  const heading = kind === 'draft' ? '发表意见' : '我要提问';
  return (
    <section class="submission-form" aria-labelledby="submit-title">
      <h2 id="submit-title">{heading}</h2>
      {state.sent && <Notice>您的{noun.what}已提交，感谢参与！经工作人员审核后公开显示。</Notice>}
      {refusal ? <p class="notice notice-info">{refusal}</p> : (
        <>
          <ErrorSummary errors={state.errors && inFormOrder(state.errors, [...SUBMISSION_FIELDS])} message={state.message} />
          <form method="post" action={action} class="stack" novalidate>
            <CsrfField token={ctx.csrfToken} />
            <TextArea name="text" label={noun.field} required rows={8} value={str(state.values.text)} error={state.errors?.text}
              hint={`${SUBMISSION_LIMITS.minText} 至 ${SUBMISSION_LIMITS.text} 个字。请勿填写身份证号码等个人信息。`} />
            <TextField name="name" label="姓名（选填）" maxLength={SUBMISSION_LIMITS.name} value={str(state.values.name)} error={state.errors?.name} autocomplete="name"
              hint="公开显示时只显示姓氏，不填写则显示为“网友”。" />
            <TextField name="contact" label="联系方式（选填）" maxLength={SUBMISSION_LIMITS.contact} value={str(state.values.contact)} error={state.errors?.contact} autocomplete="tel"
              hint="手机号码、固定电话或电子邮箱，便于工作人员联系您；加密保存，不会公开。" />
            <div hidden>
              <label for="f-website">请勿填写此项</label>
              <input id="f-website" name="website" type="text" tabIndex={-1} autocomplete="off" value="" />
            </div>
            <p class="hint">提交的{noun.what}经工作人员审核后公开显示；含有违法信息、人身攻击、广告或与主题无关的内容不予展示。</p>
            <div class="actions"><button type="submit">提交{noun.what}</button></div>
          </form>
        </>
      )}
    </section>
  );
}

export function ApprovedList({ kind, items, title }: { kind: SubjectKind; items: PublicSubmission[]; title: string }) {
  const noun = NOUNS[kind];
  return (
    <section class="submissions" aria-labelledby="approved-title">
      <h2 id="approved-title">{title}（{items.length} 条）</h2>
      {items.length === 0 ? <p class="empty">暂无公开的{noun.what}。</p> : (
        <ol class="submission-list">
          {items.map((s) => (
            <li id={`s-${s.id}`}>
              <p class="muted">{s.who} · <time datetime={beijingIso(s.at)}>{formatInstant(s.at, 'minute')}</time></p>
              {paragraphs(s.text).map((p) => <p>{p}</p>)}
              {s.answer && (
                <div class="answer">
                  <p><strong>答复：</strong></p>
                  {paragraphs(s.answer).map((p) => <p>{p}</p>)}
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
