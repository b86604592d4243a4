// Spreadsheet exports (exceljs): one sheet, a bold frozen header row, every cell text.
// exceljs is loaded on the first export: most processes never write a spreadsheet.

export async function toXlsx(rows: readonly (readonly string[])[], sheetName = '数据'): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'gongkai';
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow([...r]);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  // Every cell is text: dates, 文号 and 受理编号 must not be reinterpreted by Excel.
  ws.eachRow((row) => row.eachCell((cell) => { cell.numFmt = '@'; }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
