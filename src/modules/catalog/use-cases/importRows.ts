// Bulk import of a CSV/XLSX sheet. Policy: every valid row is imported as a draft (each in its own
// transaction, with its own new 索引号 — a 索引号 column is tolerated and ignored); invalid rows are
// not imported and are reported with their row number, field and reason, and can be downloaded
// as an error file (the original columns plus 错误说明) to correct and import again.
import type { AppContext } from '../../../app-context.ts';
import { can } from '../../auth/policy.ts';
import { FIELD_LABELS, RECORD_FIELDS, type RecordField } from '../domain.ts';
import { ERROR_HEADER, MAX_IMPORT_ROWS, isBlankRow, mapHeaders, rowToForm } from '../csv.ts';
import { createRecord } from './createRecord.ts';
import type { Caller } from './shared.ts';

export interface RowError { row: number; field: string; message: string }

export type ImportReport =
  | { ok: false; message: string }
  | {
    ok: true;
    imported: { row: number; id: number; indexNo: string; title: string }[];
    errors: RowError[];
    /** Header plus the rejected rows with their reasons, for the error file. */
    errorRows: string[][];
    unknownColumns: string[];
    total: number;
  };

/** rows[0] is the header; row numbers in the report are the spreadsheet's (header = row 1). */
export async function importRows(ctx: AppContext, caller: Caller, orgId: number, rows: string[][]): Promise<ImportReport> {
  if (!can(caller.user, 'catalog.draft', { orgId })) return { ok: false, message: '您没有在该机构下导入公开信息的权限。' };
  if (rows.length === 0 || isBlankRow(rows[0])) return { ok: false, message: '文件为空，或第一行不是列标题。' };
  const header = rows[0];
  const map = mapHeaders(header);
  if (map.missing.length) {
    return { ok: false, message: `第一行缺少必需的列：${map.missing.join('、')}。请使用导出文件的列标题。` };
  }
  const data = rows.slice(1);
  if (data.length > MAX_IMPORT_ROWS) return { ok: false, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，本文件有 ${data.length} 行，请拆分后分批导入。` };

  const errorHeaderAt = header.findIndex((h) => h.trim() === ERROR_HEADER);
  const baseHeader = errorHeaderAt >= 0 ? header.filter((_, i) => i !== errorHeaderAt) : header;
  const imported: { row: number; id: number; indexNo: string; title: string }[] = [];
  const errors: RowError[] = [];
  const errorRows: string[][] = [[...baseHeader, ERROR_HEADER]];
  let total = 0;
  for (const [i, row] of data.entries()) {
    if (isBlankRow(row)) continue;
    total++;
    const rowNo = i + 2;
    const form = rowToForm(row, map);
    const r = await createRecord(ctx, caller, { orgId, form });
    if (r.ok) {
      imported.push({ row: rowNo, id: r.id, indexNo: r.indexNo, title: form.title ?? '' });
      continue;
    }
    const rowErrors: RowError[] = r.errors
      ? RECORD_FIELDS.filter((k) => r.errors![k]).map((k: RecordField) => ({ row: rowNo, field: FIELD_LABELS[k], message: r.errors![k]! }))
      : [{ row: rowNo, field: '', message: r.message }];
    errors.push(...rowErrors);
    const original = errorHeaderAt >= 0 ? row.filter((_, j) => j !== errorHeaderAt) : row;
    errorRows.push([...baseHeader.map((_, j) => original[j] ?? ''), rowErrors.map((e) => (e.field ? `${e.field}：` : '') + e.message).join('；')]);
  }
  return { ok: true, imported, errors, errorRows, unknownColumns: map.unknown, total };
}
