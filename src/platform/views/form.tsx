// Accessible form building blocks (GOV.UK pattern): a summary of errors at the top, each field
// labelled, its error tied to it with aria-describedby, and the user's input always written back.
import type { ComponentChildren } from 'preact';

export type FieldErrors = Record<string, string | undefined>;

export function ErrorSummary({ errors, message }: { errors?: FieldErrors; message?: string }) {
  const list = Object.entries(errors ?? {}).filter(([, v]) => v) as [string, string][];
  if (!list.length && !message) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabIndex={-1}>
      <h2 id="error-summary-title">{message ?? '提交的内容有误，请修改后重新提交'}</h2>
      {list.length > 0 && (
        <ul>
          {list.map(([k, v]) => <li><a href={`#f-${k}`}>{v}</a></li>)}
        </ul>
      )}
    </div>
  );
}

export function Notice({ children, kind = 'success' }: { children: ComponentChildren; kind?: 'success' | 'info' | 'warning' }) {
  return <div class={`notice notice-${kind}`} role="status">{children}</div>;
}

export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

interface BaseFieldProps {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  required?: boolean;
}

function describedBy(name: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `f-${name}-hint` : '', error ? `f-${name}-error` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function FieldShell({ name, label, hint, error, required, children }: BaseFieldProps & { children: ComponentChildren }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={`f-${name}`}>{label}{required && <span class="req">（必填）</span>}</label>
      {hint && <p class="hint" id={`f-${name}-hint`}>{hint}</p>}
      {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
      {children}
    </div>
  );
}

export function TextField(props: BaseFieldProps & { value?: string | null; type?: string; autocomplete?: string; maxLength?: number; inputMode?: string; pattern?: string }) {
  const { name, error, hint, required, value, type = 'text', autocomplete, maxLength } = props;
  return (
    <FieldShell {...props}>
      <input
        id={`f-${name}`} name={name} type={type as 'text'} value={value ?? ''} required={required}
        autocomplete={autocomplete} maxLength={maxLength} inputMode={props.inputMode as any}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint, error)}
      />
    </FieldShell>
  );
}

export function TextArea(props: BaseFieldProps & { value?: string | null; rows?: number; maxLength?: number }) {
  const { name, error, hint, required, value, rows = 5, maxLength } = props;
  return (
    <FieldShell {...props}>
      <textarea
        id={`f-${name}`} name={name} rows={rows} required={required} maxLength={maxLength}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint, error)}
      >{value ?? ''}</textarea>
    </FieldShell>
  );
}

export function SelectField(props: BaseFieldProps & { value?: string | null; options: { value: string; label: string }[]; placeholder?: string }) {
  const { name, error, hint, required, value, options, placeholder } = props;
  return (
    <FieldShell {...props}>
      <select id={`f-${name}`} name={name} required={required}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint, error)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => <option value={o.value} selected={o.value === (value ?? '')}>{o.label}</option>)}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ name, label, checked, hint, error, value = '1' }: { name: string; label: string; checked?: boolean; hint?: string; error?: string; value?: string }) {
  return (
    <div class={error ? 'field field-checkbox field-error' : 'field field-checkbox'}>
      {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
      <input type="checkbox" id={`f-${name}`} name={name} value={value} checked={checked}
        aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(name, hint, error)} />
      <label for={`f-${name}`}>{label}</label>
      {hint && <p class="hint" id={`f-${name}-hint`}>{hint}</p>}
    </div>
  );
}

export interface ChoiceOption {
  value: string;
  label: ComponentChildren;
  /** A note under this one choice (id f-<name>-<value>-hint), read with its input. */
  hint?: ComponentChildren;
}

/**
 * A group of radio buttons or checkboxes in a fieldset (GOV.UK pattern): the legend names the question,
 * the group's hint and error are tied to the fieldset with aria-describedby, each input has its own
 * label, and the checked values are written back. The first input carries id f-<name> (the error
 * summary's #f-<name> link lands on it); the others f-<name>-<value>. Works without JavaScript.
 */
export function ChoiceGroup({ name, legend, type, options, checked, error, hint, required, markOptional }: {
  name: string;
  legend: ComponentChildren;
  type: 'radio' | 'checkbox';
  options: readonly ChoiceOption[];
  checked: readonly string[];
  error?: string;
  hint?: ComponentChildren;
  /** "（必填）" after the legend. */
  required?: boolean;
  /** "（选填）" after the legend of an optional group (where required and optional ones are mixed). */
  markOptional?: boolean;
}) {
  const ids = [hint ? `f-${name}-hint` : '', error ? `f-${name}-error` : ''].filter(Boolean);
  return (
    <fieldset class={error ? 'field field-error' : 'field'} aria-describedby={ids.length ? ids.join(' ') : undefined}>
      <legend>{legend}{required ? <span class="req">（必填）</span> : markOptional ? <span class="muted">（选填）</span> : null}</legend>
      {hint && <p class="hint" id={`f-${name}-hint`}>{hint}</p>}
      {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
      {options.map((o, i) => {
        const id = i === 0 ? `f-${name}` : `f-${name}-${o.value}`;
        const hintId = `f-${name}-${o.value}-hint`;
        return (
          <div class="field-radio">
            <input type={type} id={id} name={name} value={o.value} checked={checked.includes(o.value)} aria-describedby={o.hint ? hintId : undefined} />
            <label for={id}>{o.label}</label>
            {o.hint && <span class="hint" id={hintId}>{o.hint}</span>}
          </div>
        );
      })}
    </fieldset>
  );
}

/** A required file upload with its hint and error (multipart forms: uploads of imports and attachments). */
export function FileField({ name, label, hint, error, accept }: { name: string; label: string; hint: string; error?: string; accept: string }) {
  return (
    <div class={error ? 'field field-error' : 'field'}>
      <label for={`f-${name}`}>{label}<span class="req">（必填）</span></label>
      <p class="hint" id={`f-${name}-hint`}>{hint}</p>
      {error && <p class="error-message" id={`f-${name}-error`}>{error}</p>}
      <input type="file" id={`f-${name}`} name={name} accept={accept} required
        aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-${name}-hint f-${name}-error` : `f-${name}-hint`} />
    </div>
  );
}

/** A data table with a caption; columns are headers, rows are cells already rendered. */
export function DataTable({ caption, head, rows, empty = '暂无数据' }: { caption: string; head: string[]; rows: ComponentChildren[][]; empty?: string }) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead><tr>{head.map((h) => <th scope="col">{h}</th>)}</tr></thead>
        <tbody>
          {rows.length === 0
            ? <tr><td colSpan={head.length}>{empty}</td></tr>
            : rows.map((r) => <tr>{r.map((c) => <td>{c}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

export function Pagination({ page, pages, href }: { page: number; pages: number; href: (p: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label="分页">
      <ul>
        {page > 1 && <li><a href={href(page - 1)} rel="prev">上一页</a></li>}
        <li><span aria-current="page">第 {page} 页，共 {pages} 页</span></li>
        {page < pages && <li><a href={href(page + 1)} rel="next">下一页</a></li>}
      </ul>
    </nav>
  );
}
