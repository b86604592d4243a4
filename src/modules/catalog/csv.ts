// The catalogue's spreadsheet format (CSV and XLSX share it): Chinese column headers, enumerations
// written as their Chinese labels, dates as YYYY-MM-DD. An exported file re-imports cleanly.
// Pure apart from writing .xlsx (exceljs); reading files goes through the parse sandbox.
import {
  CATEGORIES, DISCLOSURES, DOC_TYPES, TERMS, TIME_LIMITS, VALIDITIES, WITHHELD_GROUNDS,
  codeFrom, emptyForm, recordToForm, type RecordField, type RecordForm,
} from './domain.ts';
import { isValidIsoDate } from '../../calendar/index.ts';
import { readSheetUpload } from '../../platform/files/sandbox.ts';

/** Columns in file order: header, and the form field it carries (索引号 is export-only). */
export const COLUMNS: { header: string; field: RecordField | 'indexNo' }[] = [
  { header: '索引号', field: 'indexNo' },
  { header: '信息名称', field: 'title' },
  { header: '文号', field: 'docNo' },
  { header: '生成日期', field: 'generatedOn' },
  { header: '公开属性', field: 'disclosure' },
  { header: '不予公开理由', field: 'withheldGround' },
  { header: '不予公开说明', field: 'withheldReason' },
  { header: '公开时限', field: 'term' },
  { header: '时限截止日期', field: 'termEnd' },
  { header: '发布时限', field: 'timeLimit' },
  { header: '内容描述', field: 'description' },
  { header: '关键词', field: 'keywords' },
  { header: '责任部门', field: 'responsibleDept' },
  { header: '发布机构', field: 'publisher' },
  { header: '主题分类', field: 'category' },
  { header: '第二十条事项', field: 'art20Item' },
  { header: '文件类型', field: 'docType' },
  { header: '重要政策', field: 'importantPolicy' },
  { header: '有效性', field: 'validity' },
  { header: '施行日期', field: 'effectiveOn' },
  { header: '废止日期', field: 'repealedOn' },
  { header: '失效日期', field: 'expiredOn' },
  { header: '正文', field: 'body' },
];
export const HEADERS = COLUMNS.map((c) => c.header);
/** Added to the rows of the error file, so it can be corrected and imported again as it is. */
export const ERROR_HEADER = '错误说明';

export const MAX_IMPORT_ROWS = 5000;

// Enumerations travel as labels: a person filling in the sheet writes 主动公开, not active.
const ENUMS: Partial<Record<RecordField, readonly { code: string; label: string }[]>> = {
  disclosure: DISCLOSURES, withheldGround: WITHHELD_GROUNDS, term: TERMS, timeLimit: TIME_LIMITS,
  category: CATEGORIES, docType: DOC_TYPES, validity: VALIDITIES,
};

/** A stored record (or any object with the record's fields) as a spreadsheet row of strings. */
export function recordToRow(r: Parameters<typeof recordToForm>[0] & { indexNo?: string }): string[] {
  const f = recordToForm(r);
  return COLUMNS.map((c) => {
    if (c.field === 'indexNo') return r.indexNo ?? '';
    const v = f[c.field];
    const list = ENUMS[c.field];
    if (list) return list.find((x) => x.code === v)?.label ?? v;
    if (c.field === 'importantPolicy') return v ? '是' : '否';
    return v;
  });
}

/**
 * Dates typed by people in spreadsheets: 2024/5/8, 2024.5.8, 2024年5月8日 → 2024-05-08. A date that
 * does not exist (2018/13/45) stays as typed, so the row's error message quotes what the user wrote.
 */
export function normaliseDate(s: string): string {
  const t = s.trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  const iso = m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
  return isValidIsoDate(iso) ? iso : t;
}

const DATE_FIELDS: readonly string[] = ['generatedOn', 'termEnd', 'effectiveOn', 'repealedOn', 'expiredOn'];

export type HeaderMap = { index: Map<RecordField, number>; unknown: string[]; missing: string[] };

/** Which column holds which field; unknown headers are ignored (and reported), 索引号 is tolerated. */
export function mapHeaders(header: string[]): HeaderMap {
  const index = new Map<RecordField, number>();
  const unknown: string[] = [];
  header.forEach((h, i) => {
    const name = h.replace(/^\uFEFF/, '').trim();
    if (!name) return;
    const col = COLUMNS.find((c) => c.header === name);
    if (!col) { if (name !== ERROR_HEADER) unknown.push(name); return; }
    if (col.field !== 'indexNo' && !index.has(col.field)) index.set(col.field, i);
  });
  const missing = ['信息名称', '生成日期', '主题分类', '关键词'].filter((h) => !index.has(COLUMNS.find((c) => c.header === h)!.field as RecordField));
  return { index, unknown, missing };
}

/** A data row as a record form (labels back to codes; unknown labels pass through to fail validation). */
export function rowToForm(row: string[], map: HeaderMap): Partial<RecordForm> {
  const f: Partial<RecordForm> = { ...emptyForm() };
  for (const [field, i] of map.index) {
    let v = (row[i] ?? '').trim();
    if (field === 'body' || field === 'description') v = (row[i] ?? '').replace(/\r\n?/g, '\n').trim();
    if (DATE_FIELDS.includes(field)) v = normaliseDate(v);
    const list = ENUMS[field];
    if (list && v) v = codeFrom(list, v) ?? v;
    if (field === 'importantPolicy') v = ['是', '1', 'true', 'yes', 'y'].includes(v.toLowerCase()) ? '1' : '';
    if (field === 'art20Item') v = art20FromCell(v);
    f[field] = v;
  }
  return f;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 十三: 13, 十四: 14, 十五: 15 };
/** 5, （五）, (五) 行政许可… or 第五项 → '5'; anything else passes through to fail validation. */
function art20FromCell(v: string): string {
  if (/^\d{1,2}$/.test(v)) return v;
  const m = /^(?:第)?[（(]?([一二三四五六七八九十]{1,2})[）)]?(?:项)?/.exec(v);
  if (m && CN_DIGITS[m[1]]) return String(CN_DIGITS[m[1]]);
  return v;
}

export function isBlankRow(row: string[]): boolean {
  return row.every((c) => !c || !c.trim());
}

// ---------------------------------------------------------------------------
// CSV (platform/csv: csv-stringify / csv-parse, BOM and formula guard) and XLSX (exceljs)

export { toCsv, parseCsv, readCsv, toXlsx } from '../../platform/csv/index.ts';


/**
 * The first worksheet as rows of strings, read in the parse sandbox (null when the bytes are not a
 * readable workbook or were refused). One row more than allowed is read, so the limit can be reported.
 */
export async function parseXlsx(data: Buffer, maxRows = MAX_IMPORT_ROWS + 1): Promise<string[][] | null> {
  const r = await readSheetUpload(data, { maxRows: maxRows + 1 });
  return r.ok ? r.rows : null;
}
