// CSV for every export and import: csv-stringify writes (UTF-8 BOM, CRLF, formula guard),
// csv-parse reads (BOM, any line end, quoted cells over several lines), bounded per record.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** A cell Excel would run as a formula (= + - @, or a leading tab / CR) is written with a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

const guard = (v: string | number | null | undefined): string => {
  const s = v == null ? '' : String(v);
  return FORMULA_START.test(s) ? "'" + s : s;
};

/** CSV with a UTF-8 BOM (so Excel opens the Chinese text correctly) and CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): Buffer {
  const text = stringify(rows.map((r) => r.map(guard)), {
    record_delimiter: 'windows',
    // A line break inside a cell must be quoted whatever the record delimiter is.
    quoted_match: /[\r\n]/,
  });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** One cell as toCsv writes it (guarded and quoted), without BOM or line end. */
export function csvCell(v: string | number): string {
  return toCsv([[v]]).subarray(3).toString('utf8').replace(/\r\n$/, '');
}

/** Characters one record (one spreadsheet row) may hold. */
export const MAX_CSV_RECORD_CHARS = 4_000_000;

export type CsvRead = { ok: true; rows: string[][] } | { ok: false; message: string };

/**
 * Reads CSV text; a cell written with the formula guard comes back without its apostrophe.
 * Row numbers in messages are the spreadsheet's (the header is row 1).
 */
export function readCsv(text: string, opts: { maxRecordChars?: number } = {}): CsvRead {
  const bad: { row: number; message: string }[] = [];
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      // A quote inside an unquoted cell (12"寸) is a character, as Excel writes it.
      relax_quotes: true,
      skip_empty_lines: false,
      // Files edited by hand mix line ends; every one of them ends a row.
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: opts.maxRecordChars ?? MAX_CSV_RECORD_CHARS,
      skip_records_with_error: true,
      on_skip: (err) => { if (err) bad.push({ row: (err as { records?: number }).records ?? 0, message: csvMessage(err.code) }); },
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; records?: number };
    return { ok: false, message: `第 ${(err.records ?? 0) + 1} 行${csvMessage(err.code)}，请修改后重新导入。` };
  }
  if (bad.length) {
    const list = bad.slice(0, 5).map((b) => `第 ${b.row + 1} 行${b.message}`).join('；');
    return { ok: false, message: `CSV 文件格式有误：${list}${bad.length > 5 ? `等 ${bad.length} 处` : ''}，请修改后重新导入。` };
  }
  return { ok: true, rows: rows.map((r) => r.map(unguard)) };
}

/** readCsv for text the platform wrote itself: a malformed file throws. */
export function parseCsv(text: string): string[][] {
  const r = readCsv(text);
  if (!r.ok) throw new Error(r.message);
  return r.rows;
}

function unguard(v: string): string {
  return v.startsWith("'") && FORMULA_START.test(v.slice(1)) ? v.slice(1) : v;
}

function csvMessage(code: string | undefined): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED': return '的引号没有闭合（以英文双引号开始的单元格缺少结尾的双引号）';
    case 'CSV_INVALID_CLOSING_QUOTE': return '的引号位置不正确（双引号闭合后还有其他字符）';
    case 'CSV_MAX_RECORD_SIZE': return `内容过长（一行最多 ${MAX_CSV_RECORD_CHARS.toLocaleString('en-US')} 个字符）`;
    default: return '无法读取';
  }
}

export { toXlsx } from './xlsx.ts';
