// Pure parsing of the calendar admin forms: a notice typed as lines, an override, a year.
import { isValidIsoDate, parseHolidayNotice, type DayOverride } from './calendar.ts';

export type FieldErrors = Record<string, string>;

const CONTROL = /[\u0000-\u001f\u007f]/;
export const MAX_NAME = 50;

/**
 * Checks a parsed notice beyond the engine's validation: names must fit the database (no NUL or
 * control characters) and stay short. Returns a Chinese message, or null when the notice is fine.
 */
export function noticeNameProblem(overrides: readonly DayOverride[]): string | null {
  for (const o of overrides) {
    if (CONTROL.test(o.name)) return `${o.date}的名称包含无效字符`;
    if (o.name.length > MAX_NAME) return `${o.date}的名称过长（不超过${MAX_NAME}个字）`;
  }
  return null;
}

/** A year as typed in a form; the engine's supported range is 1900–2100. */
export function parseYear(raw: string): number | null {
  if (!/^\d{4}$/.test(raw.trim())) return null;
  const y = Number(raw.trim());
  return y >= 1900 && y <= 2100 ? y : null;
}

const KIND: Record<string, boolean> = { 放假: true, 休息: true, 休: true, 上班: false, 班: false };

/**
 * A notice typed one day per line: `YYYY-MM-DD,名称,放假|上班` (Chinese commas and tabs also
 * accepted; blank lines and lines starting with # are skipped). Errors name the line number.
 */
export function parseNoticeRows(yearRaw: string, text: string): { ok: true; year: number; overrides: DayOverride[] } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const year = parseYear(yearRaw);
  if (year === null) errors.year = '请填写 1900—2100 之间的四位年份';
  const problems: string[] = [];
  const days: { name: string; date: string; isOffDay: boolean }[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const at = `第${i + 1}行`;
    const parts = line.split(/[,，\t]/).map((s) => s.trim());
    if (parts.length !== 3) return void problems.push(`${at}应为“日期,名称,放假或上班”三项，以逗号分隔`);
    const [date, name, kind] = parts;
    if (!isValidIsoDate(date)) return void problems.push(`${at}日期“${date}”无效，应为 YYYY-MM-DD`);
    if (year !== null && Math.abs(Number(date.slice(0, 4)) - year) > 1) return void problems.push(`${at}日期${date}不属于${year}年度`);
    if (seen.has(date)) return void problems.push(`${at}日期${date}与第${seen.get(date)}行重复`);
    if (!name) return void problems.push(`${at}缺少名称`);
    if (name.length > MAX_NAME) return void problems.push(`${at}名称过长（不超过${MAX_NAME}个字）`);
    if (CONTROL.test(name)) return void problems.push(`${at}名称包含无效字符`);
    if (!(kind in KIND)) return void problems.push(`${at}第三项应为“放假”或“上班”`);
    seen.set(date, i + 1);
    days.push({ date, name, isOffDay: KIND[kind] });
  });
  if (problems.length > 0) {
    errors.rows = problems.length > 10 ? `${problems.slice(0, 10).join('；')}；等共${problems.length}处错误` : problems.join('；');
  } else if (days.length === 0) errors.rows = '请至少填写一天的安排';
  if (Object.keys(errors).length > 0 || year === null) return { ok: false, errors };
  // The engine's validator is the single source of truth for what a notice may contain.
  const notice = parseHolidayNotice({ year, days });
  return { ok: true, ...notice };
}

/** Pasted holiday-cn JSON; errors are Chinese and keyed to the textarea. */
export function parseNoticeJson(text: string): { ok: true; year: number; overrides: DayOverride[] } | { ok: false; errors: FieldErrors } {
  if (!text.trim()) return { ok: false, errors: { json: '请粘贴节假日安排 JSON 数据' } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: { json: 'JSON 格式错误，无法解析，请检查括号、引号和逗号' } };
  }
  try {
    const notice = parseHolidayNotice(json);
    const problem = noticeNameProblem(notice.overrides);
    return problem ? { ok: false, errors: { json: `节假日安排数据无效：${problem}` } } : { ok: true, ...notice };
  } catch (e) {
    return { ok: false, errors: { json: (e as Error).message } };
  }
}

/** A free-text note: at most 500 characters; line breaks are fine, NUL and other control characters are not. */
export function noteProblem(note: string, label: string): string | undefined {
  if (note.length > 500) return `${label}不超过 500 个字`;
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(note)) return `${label}包含无效字符`;
  return undefined;
}

export interface OverrideInput { date: string; isOffDay: boolean; name: string; note: string | null }

/** The admin override form: date, 放假/上班, name, optional note. */
export function parseOverrideForm(v: { date: string; kind: string; name: string; note: string }): { ok: true; value: OverrideInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const date = v.date.trim();
  const name = v.name.trim();
  const note = v.note.trim();
  if (!date) errors.date = '请填写日期';
  else if (!isValidIsoDate(date)) errors.date = '日期应为 YYYY-MM-DD 格式的有效日期（1900—2100年）';
  if (v.kind !== 'off' && v.kind !== 'work') errors.kind = '请选择放假或上班';
  if (!name) errors.name = '请填写名称，如“国庆节”或“国庆节调休上班”';
  else if (name.length > MAX_NAME) errors.name = `名称不超过 ${MAX_NAME} 个字`;
  else if (CONTROL.test(name)) errors.name = '名称包含无效字符';
  const noteError = noteProblem(note, '备注');
  if (noteError) errors.note = noteError;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { date, isOffDay: v.kind === 'off', name, note: note || null } };
}

