// The calendar admin forms and query string (platform/forms): bounded strings with their Chinese
// names. The rules (real dates, 放假/上班, note lengths, notice formats) stay in rows.ts, which
// reads the strings as typed and gives the messages the pages show.
import { Type } from '@sinclair/typebox';
import { Str } from '../platform/forms/schema.ts';

/** Longest holiday-notice JSON accepted by the import form. */
export const MAX_JSON = 200_000;

const s = (title: string, max: number) => Type.Optional(Str(title, max));

export const OverrideFormSchema = Type.Object({
  date: s('日期', 30), kind: s('安排', 10), name: s('名称', 200), note: s('调整依据或说明', 2000),
  // The year on show, for re-rendering the page when the date itself is unusable.
  year: s('年份', 10),
});

export const RemoveOverrideSchema = Type.Object({ date: s('日期', 30) });

export const ImportJsonSchema = Type.Object({ json: s('节假日安排', MAX_JSON), note: s('依据', 2000) });

export const ImportRowsSchema = Type.Object({
  // Verbatim (not trimmed): the messages cite line numbers, counted from the text as typed.
  year: s('年度', 10), rows: Type.Optional(Str('安排', 20_000, { verbatim: true })), note: s('依据', 2000),
});

/** GET /admin/calendar: the year on show, a done notice, the 试算 form and the override to edit. */
export const CalendarQuerySchema = Type.Object({
  year: s('查看年份', 20), done: s('结果', 20), n: s('重新计算数', 10), from: s('起算日期', 30), days: s('工作日天数', 20), edit: s('调整日期', 20),
});
