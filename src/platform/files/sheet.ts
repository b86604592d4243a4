// The first worksheet of an .xlsx as rows of strings (exceljs). Runs inside the parse sandbox:
// exceljs builds the whole workbook in memory, so it only ever sees bytes that passed inspectZip.
import type ExcelJS from 'exceljs';

function cellText(v: ExcelJS.CellValue): string {
  if (v == null) return '';
  if (v instanceof Date) {
    // exceljs reads a date cell's wall-clock value (no zone) as that time in UTC: a date alone is
    // UTC midnight; a date and time (a hotline export's 来电时间) keeps its time, to the second.
    const two = (n: number) => String(n).padStart(2, '0');
    const date = `${v.getUTCFullYear()}-${two(v.getUTCMonth() + 1)}-${two(v.getUTCDate())}`;
    const secs = Math.round((v.getTime() % 86_400_000 + 86_400_000) % 86_400_000 / 1000);
    if (secs === 0 || secs === 86_400) return date;
    const time = `${two(Math.floor(secs / 3600))}:${two(Math.floor(secs / 60) % 60)}`;
    return secs % 60 ? `${date} ${time}:${two(secs % 60)}` : `${date} ${time}`;
  }
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    return '';
  }
  return String(v);
}

/** Rows of the first worksheet, at most `maxRows` (+ the rest ignored), `maxCols` wide; null when unreadable. */
export async function readSheet(data: Buffer, opts: { maxRows: number; maxCols?: number }): Promise<string[][] | null> {
  // Loaded on first use: only the parse sandbox reads spreadsheets.
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return null;
  }
  const ws = wb.worksheets[0];
  if (!ws) return [];
  const rows: string[][] = [];
  const width = Math.min(ws.columnCount, opts.maxCols ?? 100);
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    if (n > opts.maxRows) return;
    const out: string[] = [];
    for (let i = 1; i <= width; i++) out.push(cellText(row.getCell(i).value));
    rows[n - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return rows;
}
