// The editable-template engine: a title and a body of plain text (one paragraph per line) with
// {占位符}. A caller defines which placeholders exist (name → meaning) and the limits; the engine
// validates an edited template, normalises it and fills it. No I/O, no domain words.

export interface TemplateText { title: string; body: string }
export type Vars = Partial<Record<string, string | null | undefined>>;
export type TemplateErrors = { title?: string; body?: string };

export interface RenderedText {
  title: string;
  /** One entry per paragraph; '' is an empty line. */
  paragraphs: string[];
  /** Placeholders that had no value (rendered as the blank). */
  missing: string[];
}

export interface TemplateSpec {
  /** Every placeholder a template may use, with its meaning (shown to the editor). */
  placeholders: Readonly<Record<string, string>>;
  titleMax: number;
  bodyMax: number;
  /** What a missing value looks like: a line to fill in by hand, never "{x}". */
  blank: string;
}

export interface TemplateEngine {
  readonly spec: TemplateSpec;
  isPlaceholder(name: string): boolean;
  /** Required, bounded, only known placeholders, no stray braces. */
  validate(t: TemplateText): TemplateErrors;
  /** Fills a template: multi-line values become paragraphs, missing ones the blank; "{" never reaches the output. */
  render(t: TemplateText, vars: Vars): RenderedText;
  /** A variable's value, trimmed; null when absent or blank. */
  value(vars: Vars, name: string): string | null;
}

const TOKEN = /\{([^{}\n]*)\}/g;

/** The placeholders a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (!out.includes(m[1])) out.push(m[1]);
  return out;
}

/** Normalises an edited body: unified line ends, no trailing spaces, no blank lines at the ends. */
export function normaliseBody(body: string): string {
  return body.replace(/\r\n?/g, '\n').split('\n').map((l) => l.replace(/[ \t\u3000]+$/u, '')).join('\n').replace(/^\n+|\n+$/g, '');
}

/** Braces in a value or left in the text become full-width, so nothing looks like a placeholder. */
const escapeBraces = (s: string) => s.replace(/[{}]/g, (c) => (c === '{' ? '｛' : '｝'));

export function createTemplateEngine(spec: TemplateSpec): TemplateEngine {
  const known = (name: string) => Object.hasOwn(spec.placeholders, name);
  const value = (vars: Vars, name: string): string | null => {
    const v = Object.hasOwn(vars, name) ? vars[name] : undefined;
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  };
  return {
    spec,
    isPlaceholder: known,
    value,
    validate(t) {
      const errors: TemplateErrors = {};
      const check = (text: string, what: string, max: number, field: 'title' | 'body') => {
        if (!text.trim()) { errors[field] = `请填写${what}`; return; }
        if (text.length > max) { errors[field] = `${what}不能超过 ${max} 个字符（现有 ${text.length} 个）`; return; }
        const unknown = placeholdersIn(text).filter((p) => !known(p));
        if (unknown.length) {
          errors[field] = `${what}中有未知的占位符：${unknown.map((u) => `{${u}}`).join('、')}。请使用下表列出的占位符，或者删除花括号`;
          return;
        }
        // A brace left over after removing every well-formed placeholder is a typo, e.g. "{申请人".
        if (/[{}]/.test(text.replace(TOKEN, ''))) errors[field] = `${what}中有不成对的花括号“{”或“}”，请检查占位符的写法`;
      };
      check(t.title, '标题', spec.titleMax, 'title');
      check(t.body, '正文', spec.bodyMax, 'body');
      return errors;
    },
    render(t, vars) {
      const missing: string[] = [];
      const fill = (text: string) => escapeBraces(text.replace(TOKEN, (_, name: string) => {
        const v = value(vars, name);
        if (v === null) { if (!missing.includes(name)) missing.push(name); return spec.blank; }
        return escapeBraces(v);
      }));
      const title = fill(t.title).replace(/\s*\n\s*/g, ' ');
      const paragraphs = normaliseBody(t.body).split('\n').flatMap((line) => fill(line).replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim()));
      return { title, paragraphs, missing };
    },
  };
}
