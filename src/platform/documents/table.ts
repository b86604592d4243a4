// Word tables with merged cells (e.g. the annual report's two-row headers): the rows are given like
// HTML (covered positions left out), checked against the grid, and written with w:gridSpan (columnSpan)
// and w:vMerge (rowSpan, the continuation cells added by docx), header rows repeated on every page.
import {
  AlignmentType, BorderStyle, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlignTable, WidthType,
  type IBorderOptions,
} from 'docx';
import { DocumentShapeError, type Align, type Inline, type TableBlock, type TableCell as Cell } from './model.ts';
import { BODY_FONT, TEXT_WIDTH } from './style.ts';

export const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

export const runsOf = (text: string | Inline[], size: number, o: { bold?: boolean } = {}): TextRun[] =>
  (typeof text === 'string' ? [text] : text).map((r) => (typeof r === 'string'
    ? new TextRun({ text: r, size, bold: o.bold, font: BODY_FONT })
    : new TextRun({ text: r.text, size, bold: r.bold ?? o.bold, italics: r.italic, underline: r.underline ? {} : undefined, font: BODY_FONT })));

const cellOf = (c: Cell | string): Cell => (typeof c === 'string' ? { text: c } : c);
const span = (n: number | undefined, what: string): number => {
  const v = n ?? 1;
  if (!Number.isInteger(v) || v < 1) throw new DocumentShapeError(`表格单元格的${what}必须是正整数`);
  return v;
};

/**
 * Places every cell on the grid and checks the shape: each row, with the cells merged into it from
 * above, fills exactly the columns; no merge runs past the table. Returns the grid column of each cell.
 */
export function layoutTable(t: TableBlock): { columns: number; starts: number[][] } {
  const rows = t.rows.map((r) => r.map(cellOf));
  if (rows.length === 0) throw new DocumentShapeError('表格至少要有一行');
  const firstWidth = rows[0].reduce((n, c) => n + span(c.columnSpan, '合并列数'), 0);
  const columns = t.columns?.length ?? firstWidth;
  if (columns < 1) throw new DocumentShapeError('表格至少要有一列');
  // covered[r][c]: taken by a rowSpan from a row above.
  const covered: boolean[][] = rows.map(() => Array<boolean>(columns).fill(false));
  const starts: number[][] = [];
  rows.forEach((row, r) => {
    let col = 0;
    const mine: number[] = [];
    for (const cell of row) {
      while (col < columns && covered[r][col]) col++;
      const cs = span(cell.columnSpan, '合并列数');
      const rs = span(cell.rowSpan, '合并行数');
      if (col + cs > columns) throw new DocumentShapeError(`表格第 ${r + 1} 行超出了 ${columns} 列`);
      if (r + rs > rows.length) throw new DocumentShapeError(`表格第 ${r + 1} 行的单元格向下合并超出了表格`);
      for (let k = 0; k < cs; k++) if (covered[r][col + k]) throw new DocumentShapeError(`表格第 ${r + 1} 行的单元格与上方合并的单元格重叠`);
      for (let dr = 1; dr < rs; dr++) for (let k = 0; k < cs; k++) covered[r + dr][col + k] = true;
      mine.push(col);
      col += cs;
    }
    while (col < columns && covered[r][col]) col++;
    if (col !== columns) throw new DocumentShapeError(`表格第 ${r + 1} 行只有 ${col} 列，应为 ${columns} 列`);
    starts.push(mine);
  });
  return { columns, starts };
}

/** Column widths in twips that fill the text block, from relative weights. */
function widthsOf(t: TableBlock, columns: number): number[] {
  const w = t.columns && t.columns.every((x) => Number.isFinite(x) && x > 0) ? t.columns : Array<number>(columns).fill(1);
  const sum = w.reduce((a, b) => a + b, 0);
  const out = w.map((x) => Math.floor((x / sum) * TEXT_WIDTH));
  out[out.length - 1] += TEXT_WIDTH - out.reduce((a, b) => a + b, 0);
  return out;
}

const LINE_BORDER: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const NO_BORDER: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

export function buildTable(t: TableBlock): Table {
  const { columns, starts } = layoutTable(t);
  const widths = widthsOf(t, columns);
  const size = Math.round((t.fontSize ?? 14) * 2);
  const header = Math.max(0, Math.min(t.headerRows ?? 0, t.rows.length));
  const inner = t.borders === 'outer' || t.borders === 'none' ? NO_BORDER : LINE_BORDER;
  const outer = t.borders === 'none' ? NO_BORDER : LINE_BORDER;
  const rows = t.rows.map((row, r) => new TableRow({
    tableHeader: r < header ? true : undefined,
    cantSplit: true,
    children: row.map(cellOf).map((c, i) => {
      const cs = c.columnSpan ?? 1;
      const start = starts[r][i];
      const width = widths.slice(start, start + cs).reduce((a, b) => a + b, 0);
      const align: Align = c.align ?? (r < header ? 'center' : 'left');
      const lines = typeof c.text === 'string' ? c.text.split('\n') : [c.text];
      return new TableCell({
        columnSpan: cs > 1 ? cs : undefined,
        rowSpan: (c.rowSpan ?? 1) > 1 ? c.rowSpan : undefined,
        width: { size: width, type: WidthType.DXA },
        verticalAlign: VerticalAlignTable.CENTER,
        margins: { left: 80, right: 80, top: 40, bottom: 40 },
        children: lines.map((l) => new Paragraph({ alignment: ALIGN[align], children: runsOf(l, size, { bold: (c.bold ?? r < header) || undefined }) })),
      });
    }),
  }));
  return new Table({
    rows,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: { top: outer, bottom: outer, left: outer, right: outer, insideHorizontal: inner, insideVertical: inner },
  });
}
