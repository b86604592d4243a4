// The pure rules of 社会评议: a survey's state on a day, the answer schema built from its questions
// (read through platform/forms like every other form), checks of a question's definition, the
// aggregation of answers into results, and when an 整改 item is overdue. No database, no clock.
import { Type, type TObject, type TSchema } from '@sinclair/typebox';
import { addDays, parseIsoDate } from '../../calendar/calendar.ts';
import { StringEnum, Str, type FieldErrors, type FormStrings } from '../../platform/forms/index.ts';
import { LIMITS, QUESTION_KIND_KEYS, type QuestionDraft, type QuestionKind, type RectifyStatus, type SurveyState, type SurveyStatus } from './model.ts';

export interface Question {
  id: number;
  position: number;
  kind: QuestionKind;
  title: string;
  hint: string | null;
  required: boolean;
  options: string[];
  minChoices: number | null;
  maxChoices: number | null;
  maxLength: number | null;
}

export interface SurveyDates { status: SurveyStatus; startsOn: string; endsOn: string }

/** The state on `today` (a Beijing calendar date): a published survey is open from its first to its last day. */
export function surveyState(s: SurveyDates, today: string): SurveyState {
  if (s.status === 'draft') return 'draft';
  if (s.status === 'closed' || today > s.endsOn) return 'ended';
  return today < s.startsOn ? 'scheduled' : 'open';
}

/** Why a survey cannot be answered today (a sentence for the public), or null when it can. */
export function answerRefusal(s: SurveyDates, today: string): string | null {
  switch (surveyState(s, today)) {
    case 'draft': return '该评议尚未发布，暂不能参与。';
    case 'scheduled': return `该评议将于${s.startsOn}开始，请届时参与。`;
    case 'ended': return `该评议已于${s.endsOn}结束，不再接受填写。感谢您的关注。`;
    default: return null;
  }
}

export const fieldOf = (q: Pick<Question, 'id'>): string => `q${q.id}`;
/** The field name in messages: 第N题 and the start of its title. */
export function questionName(q: Pick<Question, 'title'>, n: number): string {
  const t = Array.from(q.title);
  return `第${n}题（${t.length > 16 ? t.slice(0, 16).join('') + '…' : q.title}）`;
}
export const optionValues = (q: Pick<Question, 'options'>): string[] => q.options.map((_, i) => String(i + 1));
export const textLimit = (q: Pick<Question, 'maxLength'>): number => Math.min(q.maxLength ?? LIMITS.textDefault, LIMITS.textMax);

/** Phone numbers a survey that asks for one accepts: a mainland mobile number. */
export const PHONE_PATTERN = '^1[3-9]\\d{9}$';

/**
 * The TypeBox schema of one answer to these questions (ordered by position): q<id> per question,
 * plus `phone` when the survey asks for one. parseForm reads it like any other form.
 */
export function answerSchema(questions: readonly Question[], opts: { phone?: boolean } = {}): TObject {
  const props: Record<string, TSchema> = {};
  sorted(questions).forEach((q, i) => {
    const key = fieldOf(q);
    const title = questionName(q, i + 1);
    switch (q.kind) {
      case 'single': props[key] = StringEnum(optionValues(q), { title }); break;
      case 'rating': props[key] = Type.Integer({ title, minimum: 1, maximum: 5 }); break;
      case 'text': props[key] = Str(title, textLimit(q)); break;
      case 'multiple': {
        const max = Math.min(q.maxChoices ?? q.options.length, q.options.length);
        const min = q.required ? Math.max(1, q.minChoices ?? 1) : undefined;
        props[key] = Type.Array(StringEnum(optionValues(q)), { title, maxItems: max, ...(min ? { minItems: min } : {}) });
        break;
      }
    }
    if (!q.required || q.kind === 'multiple') props[key] = Type.Optional(props[key]!);
  });
  if (opts.phone) {
    props.phone = Str('手机号码', 11, { pattern: PHONE_PATTERN });
  }
  return Type.Object(props);
}

/** Checks the schema cannot say: an optional multiple-choice question answered with fewer than its minimum. */
export function answerDomain(questions: readonly Question[]): (s: FormStrings) => FieldErrors {
  return (s) => {
    const out: FieldErrors = {};
    sorted(questions).forEach((q, i) => {
      if (q.kind !== 'multiple' || q.required || !q.minChoices || q.minChoices < 2) return;
      const list = s[fieldOf(q)];
      const n = Array.isArray(list) ? list.length : 0;
      if (n > 0 && n < q.minChoices) out[fieldOf(q)] = `字段“${questionName(q, i + 1)}”至少应选择${q.minChoices}项`;
    });
    return out;
  };
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

/** What is stored of a valid answer: the questions' values only (no empty optional ones). */
export function storedAnswers(questions: readonly Question[], values: Record<string, unknown>): Answers {
  const out: Answers = {};
  for (const q of questions) {
    const v = values[fieldOf(q)];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[fieldOf(q)] = v as AnswerValue;
  }
  return out;
}

const sorted = (qs: readonly Question[]) => [...qs].sort((a, b) => a.position - b.position || a.id - b.id);

// --- a question's definition -----------------------------------------------------------------------

/** Domain checks of the question form (the schema bounds the strings). Returns field errors or the draft. */
export function checkQuestion(s: Record<string, string>): { ok: true; q: QuestionDraft } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const kind = s.kind as QuestionKind;
  if (!QUESTION_KIND_KEYS.includes(kind)) errors.kind = '请选择题型';
  if (!s.title) errors.title = '请填写题目';
  const options = (s.options ?? '').split('\n').map((x) => x.trim()).filter(Boolean);
  const num = (k: string): number | null | undefined => {
    const v = (s[k] ?? '').trim();
    if (!v) return null;
    if (!/^\d{1,4}$/.test(v)) { errors[k] = '请填写正整数'; return undefined; }
    return Number(v);
  };
  const minChoices = num('minChoices');
  const maxChoices = num('maxChoices');
  const maxLength = num('maxLength');
  if (kind === 'single' || kind === 'multiple') {
    if (options.length < 2) errors.options = '选择题至少需要2个选项，每行一个';
    else if (options.length > LIMITS.options) errors.options = `选项不能超过${LIMITS.options}个`;
    else if (options.some((o) => Array.from(o).length > LIMITS.option)) errors.options = `每个选项不能超过${LIMITS.option}个字符`;
    else if (new Set(options).size !== options.length) errors.options = '选项不能重复';
  }
  if (kind === 'multiple' && !errors.options) {
    if (minChoices != null && (minChoices < 1 || minChoices > options.length)) errors.minChoices = `最少选择项数应在1至${options.length}之间`;
    if (maxChoices != null && (maxChoices < 1 || maxChoices > options.length)) errors.maxChoices = `最多选择项数应在1至${options.length}之间`;
    if (minChoices != null && maxChoices != null && minChoices > maxChoices && !errors.minChoices) errors.maxChoices = '最多选择项数不能少于最少选择项数';
  }
  if (kind === 'text' && maxLength != null && (maxLength < 10 || maxLength > LIMITS.textMax)) errors.maxLength = `字数上限应在10至${LIMITS.textMax}之间`;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    q: {
      kind, title: s.title!, hint: s.hint || undefined, required: s.required === 'true' || s.required === '1' || s.required === 'on',
      options: kind === 'single' || kind === 'multiple' ? options : [],
      minChoices: kind === 'multiple' ? minChoices ?? null : null,
      maxChoices: kind === 'multiple' ? maxChoices ?? null : null,
      maxLength: kind === 'text' ? maxLength ?? LIMITS.textDefault : null,
    },
  };
}

/** The survey's dates: both real days, the end not before the start. */
export function checkDates(startsOn: string, endsOn: string): FieldErrors {
  return startsOn && endsOn && endsOn < startsOn ? { endsOn: '结束日期不能早于开始日期' } : {};
}

// --- results ---------------------------------------------------------------------------------------

export interface OptionCount { label: string; count: number; percent: number }
export type QuestionResult =
  | { kind: 'single' | 'multiple'; question: Question; answered: number; options: OptionCount[] }
  | { kind: 'rating'; question: Question; answered: number; average: number | null; options: OptionCount[] }
  | { kind: 'text'; question: Question; answered: number; texts: { responseId: number; text: string }[] };

export interface Results { responses: number; questions: QuestionResult[] }

/** Percent of `n` in `of`, one decimal (0 when nobody answered). */
export const percent = (n: number, of: number): number => (of > 0 ? Math.round((n * 1000) / of) / 10 : 0);

/**
 * Counts per option (for multiple choice, percent of those who answered the question, so they may add
 * up to more than 100), rating counts 1–5 and their average (two decimals), free texts newest first.
 */
export function aggregate(questions: readonly Question[], responses: readonly { id: number; answers: Answers }[]): Results {
  const out: QuestionResult[] = [];
  for (const q of sorted(questions)) {
    const key = fieldOf(q);
    const given = responses.filter((r) => r.answers[key] !== undefined);
    if (q.kind === 'text') {
      const texts = given.map((r) => ({ responseId: r.id, text: String(r.answers[key]) })).filter((t) => t.text.trim() !== '').sort((a, b) => b.responseId - a.responseId);
      out.push({ kind: 'text', question: q, answered: texts.length, texts });
      continue;
    }
    if (q.kind === 'rating') {
      const counts = [0, 0, 0, 0, 0];
      let sum = 0;
      let n = 0;
      for (const r of given) {
        const v = Number(r.answers[key]);
        if (Number.isInteger(v) && v >= 1 && v <= 5) { counts[v - 1]! += 1; sum += v; n += 1; }
      }
      out.push({
        kind: 'rating', question: q, answered: n, average: n ? Math.round((sum * 100) / n) / 100 : null,
        options: counts.map((c, i) => ({ label: `${i + 1}分`, count: c, percent: percent(c, n) })),
      });
      continue;
    }
    const counts = q.options.map(() => 0);
    let n = 0;
    for (const r of given) {
      const v = r.answers[key];
      const picked = new Set((Array.isArray(v) ? v : [String(v)]).map(Number).filter((x) => Number.isInteger(x) && x >= 1 && x <= q.options.length));
      if (!picked.size) continue;
      n += 1;
      for (const p of picked) counts[p - 1]! += 1;
    }
    out.push({ kind: q.kind, question: q, answered: n, options: q.options.map((label, i) => ({ label, count: counts[i]!, percent: percent(counts[i]!, n) })) });
  }
  return { responses: responses.length, questions: out };
}

/** One answer as CSV cells, in question order: option labels joined by 、, ratings as numbers. */
export function answerCells(questions: readonly Question[], answers: Answers): string[] {
  return sorted(questions).map((q) => {
    const v = answers[fieldOf(q)];
    if (v === undefined) return '';
    if (q.kind === 'single' || q.kind === 'multiple') return (Array.isArray(v) ? v : [String(v)]).map((x) => q.options[Number(x) - 1] ?? '').filter(Boolean).join('、');
    return String(v);
  });
}

// --- 整改 --------------------------------------------------------------------------------------------

/** An open item past its due date (a calendar date; due on the day itself is not yet overdue). */
export const isOverdue = (item: { status: RectifyStatus; dueOn: string }, today: string): boolean => item.status === 'open' && item.dueOn < today;

/** Checks of a new 整改 item: due date not in the past. */
export function checkRectification(dueOn: string, today: string): FieldErrors {
  return dueOn && dueOn < today ? { dueOn: '整改期限不能早于今天' } : {};
}

// --- 复制为新问卷 ----------------------------------------------------------------------------------


/** A copy's period: from today, as many days as the original (calendar dates, no clock). */
export function copyPeriod(source: { startsOn: string; endsOn: string }, today: string): { startsOn: string; endsOn: string } {
  const days = Math.max(0, parseIsoDate(source.endsOn) - parseIsoDate(source.startsOn));
  return { startsOn: today, endsOn: addDays(today, days) };
}

/** A copy's title: "（副本）" added, within the title limit. */
export function copyTitle(title: string): string {
  const mark = '（副本）';
  return (title.length + mark.length > LIMITS.title ? title.slice(0, LIMITS.title - mark.length) : title) + mark;
}
