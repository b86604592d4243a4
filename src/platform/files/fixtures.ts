// Test fixtures: real .docx / .xlsx / .pdf bytes built in memory (no network, no binary files in git).
// Used by this module's tests and by other modules' upload tests.
import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';

export interface OfficialDoc {
  /** Red-header line such as "云溪县人民政府办公室文件" (optional). */
  header?: string;
  docNo?: string;
  title: string;
  addressee?: string;
  body: string[];
  signer?: string;
  date?: string;
}

/** An official-document-shaped .docx: header, 文号, bold centred title, addressee, body, signer, date. */
export async function makeDocx(d: OfficialDoc): Promise<Buffer> {
  const p = (text: string, o: { bold?: boolean; center?: boolean; right?: boolean } = {}) => new Paragraph({
    alignment: o.center ? AlignmentType.CENTER : o.right ? AlignmentType.RIGHT : undefined,
    children: [new TextRun({ text, bold: o.bold })],
  });
  const children: Paragraph[] = [];
  if (d.header) children.push(p(d.header, { bold: true, center: true }));
  if (d.docNo) children.push(p(d.docNo, { center: true }));
  children.push(p(d.title, { bold: true, center: true }));
  if (d.addressee) children.push(p(d.addressee));
  for (const b of d.body) children.push(p(b));
  if (d.signer) children.push(p(d.signer, { right: true }));
  if (d.date) children.push(p(d.date, { right: true }));
  const doc = new Document({ sections: [{ children }] });
  return Buffer.from(await Packer.toBuffer(doc));
}

export async function makeXlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * A valid one-page PDF written by hand (correct xref offsets) showing ASCII lines in Helvetica.
 * Chinese PDFs need CID fonts and the pdfjs cmaps, which cannot be produced here without a font file.
 */
export function makePdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => '\\' + c);
  const stream = ['BT', '/F1 14 Tf', '72 740 Td', '18 TL', ...lines.map((l, i) => (i === 0 ? `(${esc(l)}) Tj` : `T* (${esc(l)}) Tj`)), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** "政府信息公开" in GBK, written byte by byte (Node cannot encode GBK). */
export const GBK_SAMPLE = Buffer.from([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]);
