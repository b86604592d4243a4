// The answer form of a survey: one fieldset with its legend per question (platform ChoiceGroup: radio /
// checkbox groups, the 1–5 rating as radios, free text as a textarea), errors tied to their question and listed on
// top with links (ErrorSummary → #f-q<id>), everything typed written back. Works without JavaScript.
import { ChoiceGroup, CsrfField, ErrorSummary, type FieldErrors } from '../../../platform/views/form.tsx';
import type { FormStrings } from '../../../platform/forms/index.ts';
import { fieldOf, optionValues, textLimit, type Question } from '../domain.ts';
import { RATING_LABELS } from '../model.ts';

const asList = (v: string | string[] | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

function describedBy(name: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `f-${name}-hint` : '', error ? `f-${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function QuestionField({ q, n, value, error }: { q: Question; n: number; value: string | string[] | undefined; error?: string }) {
  const name = fieldOf(q);
  const hint = q.kind === 'multiple' && !q.hint
    ? [q.minChoices && q.minChoices > 1 ? `至少选择${q.minChoices}项` : '', q.maxChoices ? `最多选择${q.maxChoices}项` : ''].filter(Boolean).join('，') || null
    : q.hint;
  const legend = <>{n}. {q.title}{q.required ? <span class="req">（必填）</span> : <span class="muted">（选填）</span>}</>;
  if (q.kind === 'text') {
    const max = textLimit(q);
    return (
      <div class={error ? 'field field-error' : 'field'}>
        <label for={`f-${name}`}>{legend}</label>
        <p class="hint" id={`f-${name}-hint`}>{hint ? `${hint}` : `最多${max}字。`}</p>
        {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
        <textarea id={`f-${name}`} name={name} rows={5} aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, true, !!error)}>{typeof value === 'string' ? value : ''}</textarea>
      </div>
    );
  }
  const options = q.kind === 'rating'
    ? RATING_LABELS.map((l, i) => ({ value: String(i + 1), label: `${i + 1}分　${l}` }))
    : optionValues(q).map((v, i) => ({ value: v, label: q.options[i]! }));
  return (
    <ChoiceGroup name={name} legend={<>{n}. {q.title}</>} required={q.required} markOptional type={q.kind === 'multiple' ? 'checkbox' : 'radio'}
      options={options} checked={asList(value)} hint={hint ?? undefined} error={error} />
  );
}

export interface AnswerFormProps {
  action: string;
  csrf: string;
  questions: readonly Question[];
  phone: boolean;
  values: FormStrings;
  errors: FieldErrors;
  message?: string;
}

export function AnswerForm({ action, csrf, questions, phone, values, errors, message }: AnswerFormProps) {
  const phoneError = errors.phone;
  return (
    <>
      <ErrorSummary errors={errors} message={message} />
      <form method="post" action={action} class="stack survey-form" novalidate>
        <CsrfField token={csrf} />
        {questions.map((q, i) => <QuestionField q={q} n={i + 1} value={values[fieldOf(q)]} error={errors[fieldOf(q)]} />)}
        {phone && (
          <div class={phoneError ? 'field field-error' : 'field'}>
            <label for="f-phone">手机号码<span class="req">（必填）</span></label>
            <p class="hint" id="f-phone-hint">本评议每个手机号码只能填写一次。号码加密保存，仅用于核对是否重复参与，不会公开，也不会发送短信。</p>
            {phoneError && <p class="error-message" id="f-phone-error">{phoneError}</p>}
            <input id="f-phone" name="phone" type="tel" inputMode="numeric" autocomplete="tel" maxLength={11}
              value={typeof values.phone === 'string' ? values.phone : ''} aria-invalid={phoneError ? 'true' : undefined}
              aria-describedby={describedBy('phone', true, !!phoneError)} />
          </div>
        )}
        <div class="actions"><button type="submit">提交评议</button></div>
      </form>
    </>
  );
}
