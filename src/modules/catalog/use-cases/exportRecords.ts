// Export of the catalogue list (same filters as the staff list) as CSV or XLSX in the import format.
import type { AppContext } from '../../../app-context.ts';
import { fileStamp } from '../../../platform/time/index.ts';
import { scopeOf, type Principal } from '../../auth/policy.ts';
import { HEADERS, recordToRow, toCsv, toXlsx } from '../csv.ts';
import * as repo from '../repo.ts';

export const MAX_EXPORT_ROWS = 20_000;

export interface ExportFile { filename: string; contentType: string; data: Buffer; count: number }

export async function exportRecords(ctx: AppContext, user: Principal, filter: Omit<repo.RecordFilter, 'scope'>, format: 'csv' | 'xlsx'): Promise<ExportFile> {
  const rows = await repo.exportRows(ctx.db, { ...filter, scope: scopeOf(user, 'catalog.read') }, MAX_EXPORT_ROWS);
  const table = [HEADERS, ...rows.map((r) => recordToRow(r))];
  const stamp = fileStamp(ctx.now());
  if (format === 'xlsx') {
    return {
      filename: `catalog-${stamp}.xlsx`, count: rows.length, data: await toXlsx(table, '政府信息公开目录'),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }
  return { filename: `catalog-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', data: toCsv(table), count: rows.length };
}
